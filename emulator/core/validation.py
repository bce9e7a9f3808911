"""Request-validation helpers shared by the API plug-ins.

Each check raises a 400 `ApiError` (neutral codes `invalid_field` /
`missing_field`) naming the offending field by its JSON path (e.g.
`group_configs[0].count`) so a caller can tell exactly what to fix.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .errors import invalid_field, missing_field


def required(obj: dict, key: str, path: str) -> Any:
    value = obj.get(key)
    if value is None:
        raise missing_field(path)
    return value


def as_object(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise invalid_field(path, "must be a JSON object", value)
    return value


def as_list(value: Any, path: str, max_items: int | None = None) -> list:
    if not isinstance(value, list):
        raise invalid_field(path, "must be a JSON array", value)
    if max_items is not None and len(value) > max_items:
        raise invalid_field(path, f"must hold at most {max_items} item(s)", f"{len(value)} items")
    return value


def as_str(value: Any, path: str, *, pattern: re.Pattern | None = None,
           min_len: int = 0, max_len: int | None = None, rule: str | None = None) -> str:
    if not isinstance(value, str):
        raise invalid_field(path, "must be a string", value)
    too_long = max_len is not None and len(value) > max_len
    if len(value) < min_len or too_long or (pattern and not pattern.fullmatch(value)):
        raise invalid_field(path, rule or _length_rule(min_len, max_len), value)
    return value


def as_int(value: Any, path: str, low: int | None = None, high: int | None = None) -> int:
    # bool is an int subclass in Python but never a valid JSON integer here.
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid_field(path, "must be an integer", value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise invalid_field(path, f"must be between {low} and {high}", value)
    return value


def as_number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise invalid_field(path, "must be a number", value)
    return float(value)


def as_bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise invalid_field(path, "must be true or false", value)
    return value


def as_enum(value: Any, path: str, choices: Iterable[str]) -> str:
    options = list(choices)
    if not isinstance(value, str) or value not in options:
        raise invalid_field(path, f"must be one of {', '.join(options)}", value)
    return value


def optional(obj: dict, key: str, check, path: str, *args, **kwargs) -> Any:
    """Run `check` on obj[key] when the key is present and not null."""
    value = obj.get(key)
    return None if value is None else check(value, path, *args, **kwargs)


def _length_rule(min_len: int, max_len: int | None) -> str:
    if max_len is None:
        return f"must be at least {min_len} characters"
    return f"must be {min_len} to {max_len} characters"
