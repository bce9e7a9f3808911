"""Rules shared by the PAI-EAS models: names, labels and cron expressions."""

from __future__ import annotations

import re

# Service and group names: a lower-case letter, then lower-case letters, digits and underscores, 3 to 63
# characters (eas-api.md 2.1: "unique in a region"; the character rule from the documentation's examples).
NAME = r"^[a-z][a-z0-9_]{2,62}$"
NAME_RULE = "a lower-case letter, then lower-case letters, digits and underscores, 3 to 63 characters"
NAME_RE = re.compile(NAME)

# Labels the provider itself writes (an ApiKey's claim on a service's token); users may not set them.
RESERVED_LABEL_PREFIX = "inference-iac."
API_KEY_LABEL = RESERVED_LABEL_PREFIX + "api-key"
MAX_LABEL_CHARS = 128


def check_name(value: str) -> str:
    if not NAME_RE.match(value):
        raise ValueError(f"must be {NAME_RULE}")
    return value


def check_labels(labels: dict[str, str]) -> dict[str, str]:
    for key, value in labels.items():
        if not 1 <= len(key) <= MAX_LABEL_CHARS:
            raise ValueError(f"label key {key[:40]!r} must be 1 to {MAX_LABEL_CHARS} characters")
        if key.lower().startswith(("aliyun", "acs:")):
            raise ValueError(f"label key {key!r} must not start with 'aliyun' or 'acs:' (reserved by the platform)")
        if key.startswith(RESERVED_LABEL_PREFIX):
            raise ValueError(f"label key {key!r} must not start with {RESERVED_LABEL_PREFIX!r} (the provider's own)")
        if len(value) > MAX_LABEL_CHARS:
            raise ValueError(f"label {key!r}: the value must be at most {MAX_LABEL_CHARS} characters")
    return labels


# ----- cron -------------------------------------------------------------------------------------------
# Inputs are 5-field cron expressions (minute hour day-of-month month day-of-week); EAS takes 6 fields,
# seconds first (eas-api.md 4.4): the provider adds the seconds field.

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
# name, low, high, names usable instead of numbers, whether '?' is allowed (EAS: day fields only)
_CRON_FIELDS = (
    ("minute", 0, 59, (), False),
    ("hour", 0, 23, (), False),
    ("day of month", 1, 31, (), True),
    ("month", 1, 12, _MONTHS, False),
    ("day of week", 0, 6, _DAYS, True),
)
_CRON_ITEM = re.compile(r"^(\*|(?P<start>[0-9A-Za-z]+)(-(?P<end>[0-9A-Za-z]+))?)(/(?P<step>[0-9]+))?$")


def cron_error(expression: str) -> str | None:
    """Why `expression` is not a 5-field cron expression as EAS reads it, or None."""
    parts = expression.split()
    if len(parts) != 5:
        return (f"must have 5 fields (minute hour day-of-month month day-of-week; the provider adds EAS's "
                f"seconds field), got {len(parts)}")
    for text, (name, low, high, names, question) in zip(parts, _CRON_FIELDS):
        if text == "?" and question:
            continue
        for item in text.split(","):
            if not _item_valid(item, low, high, names):
                extra = " or names" if names else ""
                return f"{name} field {text!r} is not valid (values {low}-{high}{extra}, '*', ranges, lists, steps)"
    return None


def _item_valid(item: str, low: int, high: int, names: tuple[str, ...]) -> bool:
    match = _CRON_ITEM.match(item)
    if not match:
        return False
    if match["step"] is not None and int(match["step"]) < 1:
        return False
    bounds = [_value(match[g], low, names) for g in ("start", "end") if match[g] is not None]
    if any(v is None or not low <= v <= high for v in bounds):
        return False
    return len(bounds) < 2 or bounds[0] <= bounds[1]


def _value(text: str, low: int, names: tuple[str, ...]) -> int | None:
    if text.isdigit():
        return int(text)
    upper = text.upper()
    if upper not in names:
        return None
    return names.index(upper) + (1 if names is _MONTHS else 0)


def checked_cron(value: str) -> str:
    problem = cron_error(value)
    if problem:
        raise ValueError(problem)
    return " ".join(value.split())


def with_seconds(expression: str, seconds: str) -> str:
    """Our 5 fields as EAS's 6: `seconds` first ('0' for a job that fires once, '*' for excluded times)."""
    return f"{seconds} {expression}"


def without_seconds(expression: str, seconds: str) -> str:
    """EAS's 6 fields as our 5 when the seconds field is `seconds`; anything else is returned as it is
    (and then differs from every valid input: drift)."""
    parts = str(expression).split()
    if len(parts) == 6 and parts[0] == seconds:
        return " ".join(parts[1:])
    return " ".join(parts)
