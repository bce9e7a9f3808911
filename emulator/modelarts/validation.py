"""ModelArts field rules on top of the core validation helpers."""

from __future__ import annotations

import re
from typing import Any

from ..core.errors import invalid_field
from ..core.validation import (  # noqa: F401  (re-exported for the handlers)
    as_bool,
    as_enum,
    as_int,
    as_list,
    as_number,
    as_object,
    as_str,
    optional,
    required,
)

VERSION_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}$")


def as_version(value: Any, path: str) -> str:
    return as_str(value, path, pattern=VERSION_RE, max_len=8,
                  rule="must look like x.y.z (1.0.0 to 99.99.99)")


def as_description(value: Any, path: str) -> str:
    text = as_str(value, path, max_len=512)
    if "<" in text or ">" in text:
        raise invalid_field(path, "must not contain '<' or '>'", value)
    return text
