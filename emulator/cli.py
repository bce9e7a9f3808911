"""Target of the `inference-emulator` console script (pyproject.toml): the core CLI."""

from .core.cli import main  # noqa: F401
