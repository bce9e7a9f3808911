"""SQLite persistence: every resource is one JSON document.

Documents are keyed by (kind, project_id, id), so one project can never read
another project's resources and a restarted emulator sees exactly what the
previous process wrote. Each API request runs inside `transaction()`, which
makes its read-modify-write atomic (committed on success, rolled back on error).

The on-disk format (file `emulator.sqlite3`, one table
`documents(kind, project_id, id, doc)`) is shared by every API plug-in; each
plug-in uses its own `kind` names. Documents of the pseudo project `-` are
global (the fault rules). `Store.open_readonly` reads a data dir without
changing it, whether or not an emulator is serving from it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Iterator, Self

DB_FILE = "emulator.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    kind TEXT NOT NULL,
    project_id TEXT NOT NULL,
    id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (kind, project_id, id)
)
"""


GLOBAL_SCOPE = "-"  # the project slot of documents that belong to no project


class Document:
    """Base of a plug-in's state dataclass: its fields, as they are, are its stored document
    (so a field added with a default still reads documents an older emulator wrote)."""

    @classmethod
    def from_doc(cls, doc: dict) -> Self:
        return cls(**doc)

    def to_doc(self) -> dict:
        return asdict(self)


class StateNotFound(FileNotFoundError):
    """A read-only open of a data dir that holds no emulator state."""


class Store:
    def __init__(self, data_dir: str | Path, *, readonly: bool = False):
        directory = Path(data_dir)
        self.path = directory / DB_FILE
        self._lock = threading.RLock()
        if readonly:
            if not self.path.is_file():
                raise StateNotFound(f"no emulator state in {directory} (no {DB_FILE})")
            self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                         check_same_thread=False, isolation_level=None)
            return
        directory.mkdir(parents=True, exist_ok=True)
        # One connection guarded by a lock: the ASGI server may call us from
        # worker threads, and SQLite connections are not thread-safe by default.
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(_SCHEMA)

    @classmethod
    def open_readonly(cls, data_dir: str | Path) -> "Store":
        return cls(data_dir, readonly=True)

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator["Store"]:
        """A consistent read of several documents (works on a read-only store too)."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self
            finally:
                self._conn.execute("ROLLBACK")

    def get(self, kind: str, project_id: str, doc_id: str) -> dict | None:
        row = self._conn.execute(
            "SELECT doc FROM documents WHERE kind=? AND project_id=? AND id=?",
            (kind, project_id, doc_id),
        ).fetchone()
        return json.loads(row[0]) if row else None

    def list(self, kind: str, project_id: str) -> list[dict]:
        rows = self._conn.execute(
            "SELECT doc FROM documents WHERE kind=? AND project_id=? ORDER BY rowid",
            (kind, project_id),
        ).fetchall()
        return [json.loads(row[0]) for row in rows]

    def projects(self) -> list[str]:
        """Every project that holds at least one document (the global scope excluded)."""
        rows = self._conn.execute(
            "SELECT DISTINCT project_id FROM documents WHERE project_id != ? ORDER BY project_id",
            (GLOBAL_SCOPE,),
        ).fetchall()
        return [row[0] for row in rows]

    def put(self, kind: str, project_id: str, doc_id: str, doc: dict) -> None:
        self._conn.execute(
            "INSERT INTO documents(kind, project_id, id, doc) VALUES (?,?,?,?) "
            "ON CONFLICT(kind, project_id, id) DO UPDATE SET doc=excluded.doc",
            (kind, project_id, doc_id, json.dumps(doc, sort_keys=True)),
        )

    def delete(self, kind: str, project_id: str, doc_id: str) -> None:
        self._conn.execute(
            "DELETE FROM documents WHERE kind=? AND project_id=? AND id=?",
            (kind, project_id, doc_id),
        )

    def close(self) -> None:
        self._conn.close()
