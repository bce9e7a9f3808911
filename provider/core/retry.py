"""Repeating a call that is not idempotent, safely: first ask the API whether it already took effect.

The transport repeats idempotent calls by itself; a POST whose answer was
lost (a 5xx, a timeout after sending) may or may not have taken effect, so
repeating it blindly could create a duplicate or fail on a state it changed.
These helpers look before they repeat.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from .errors import ApiError, BadRequestError, ConflictError, TransientError, TransportError

T = TypeVar("T")
ATTEMPTS = 4


def _ambiguous(error: BaseException) -> bool:
    """The call may have taken effect, or not."""
    return isinstance(error, TransientError) or (isinstance(error, TransportError) and error.maybe_sent)


def create_or_find(create: Callable[[], T], find: Callable[[], T | None], attempts: int = ATTEMPTS) -> tuple[T, bool]:
    """(resource, created): create a resource with a unique name; when the answer is lost, or the
    name is taken, take the one that exists (made by this call or an earlier one) instead of a second."""
    for attempt in range(attempts):
        try:
            return create(), True
        except (BadRequestError, ConflictError, TransientError, TransportError) as error:
            if not isinstance(error, ApiError) and not _ambiguous(error):
                raise  # never reached the server: `create` is retried by the transport
            found = find()
            if found is not None:
                return found, False
            if not _ambiguous(error) or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def repeat_unless_done(action: Callable[[], Any], done: Callable[[], bool], attempts: int = ATTEMPTS) -> None:
    """Call `action` until it is answered, unless `done()` shows that a lost attempt took effect."""
    for attempt in range(attempts):
        try:
            action()
            return
        except (TransientError, TransportError):
            if done():
                return
            if attempt == attempts - 1:
                raise
