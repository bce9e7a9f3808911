"""A guard around the Pulumi SDK's serialization of dynamic providers.

`pulumi.dynamic.dynamic.serialize_provider` sorts dictionaries by patching the
pure-Python pickler on every call, wrapping the previous patch and never
restoring it. Each resource declared adds one wrapper, so a process that runs
many programs (a promotion pipeline, the inline programs of a test session)
ends in RecursionError after some hundreds of resources. The guard puts the
pickler back as it found it after each call; the bytes are unchanged.
"""

from __future__ import annotations

import pickle
import threading

import pulumi.dynamic.dynamic as dynamic

_PATCHED = ("_batch_setitems", "save_dict")
_lock = threading.Lock()
_stock = dynamic.serialize_provider


def serialize_provider(provider: object) -> str:
    with _lock:
        saved = {name: pickle._Pickler.__dict__[name] for name in _PATCHED}
        try:
            return _stock(provider)
        finally:
            for name, method in saved.items():
                setattr(pickle._Pickler, name, method)


def install() -> None:
    """Route every provider serialization of this process through the guard (idempotent)."""
    dynamic.serialize_provider = serialize_provider
