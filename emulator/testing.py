"""The test-facing name of the emulator launcher (one implementation: `core.launcher`)."""

from .core.launcher import RunningEmulator, free_port  # noqa: F401
