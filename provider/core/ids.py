"""Composite resource ids, e.g. `<service_id>/<deployment_id>`: built and parsed in one place."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ReportedError


class IdFormatError(ReportedError, ValueError):
    """An id (typically one given to `import_`) does not have the expected parts."""


@dataclass(frozen=True)
class CompositeId:
    kind: str
    parts: tuple[str, ...]
    separator: str = "/"

    @property
    def shape(self) -> str:
        return self.separator.join(f"<{p}>" for p in self.parts)

    def join(self, *values: str) -> str:
        if len(values) != len(self.parts) or not all(values):
            raise IdFormatError(f"a {self.kind} id needs {self.shape}, got {values!r}")
        return self.separator.join(values)

    def split(self, id_: str) -> tuple[str, ...]:
        values = tuple(id_.split(self.separator))
        if len(values) != len(self.parts) or not all(values):
            raise IdFormatError(f"a {self.kind} id is '{self.shape}', got {id_!r}")
        return values

    def matches(self, id_: str) -> bool:
        try:
            self.split(id_)
        except IdFormatError:
            return False
        return True
