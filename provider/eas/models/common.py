"""Rules shared by the PAI-EAS models: names, labels and cron expressions."""

from __future__ import annotations

import re

from ...core.cron import CronDialect

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
# seconds first (eas-api.md 4.4): the provider adds the seconds field. Sunday is 0 only; '?' may stand in a
# day field.

CRON = CronDialect(seconds_note="; the provider adds EAS's seconds field", question_in_days=True)


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
