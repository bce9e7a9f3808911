"""5-field cron expressions (minute hour day-of-month month day-of-week): one reader, each API's dialect.

The APIs differ in details only: whether Sunday may also be 7, whether '?'
("no particular value") may stand in a day field, and what they do about
seconds, which the count error tells the user. A cloud's models declare its
`CronDialect` once and validate with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
WEEKDAYS = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")

_ITEM = re.compile(r"^(\*|(?P<start>[0-9A-Za-z]+)(-(?P<end>[0-9A-Za-z]+))?)(/(?P<step>[0-9]+))?$")


@dataclass(frozen=True)
class CronField:
    name: str
    low: int
    high: int
    names: tuple[str, ...] = ()  # usable instead of numbers, the first one meaning `low`
    question: bool = False  # whether '?' may stand for the whole field

    def valid(self, text: str) -> bool:
        if text == "?" and self.question:
            return True
        return all(self._item_valid(item) for item in text.split(","))

    def _item_valid(self, item: str) -> bool:
        match = _ITEM.match(item)
        if not match:
            return False
        if match["step"] is not None and int(match["step"]) < 1:
            return False
        bounds = [self._value(match[g]) for g in ("start", "end") if match[g] is not None]
        if any(v is None or not self.low <= v <= self.high for v in bounds):
            return False
        return len(bounds) < 2 or bounds[0] <= bounds[1]

    def _value(self, text: str) -> int | None:
        if text.isdigit():
            return int(text)
        upper = text.upper()
        return self.names.index(upper) + self.low if upper in self.names else None


@dataclass(frozen=True)
class CronDialect:
    """How one API reads a 5-field expression."""

    seconds_note: str  # what the count error says about seconds, e.g. ", no seconds"
    sunday_as_seven: bool = False  # day of week 0-7 instead of 0-6
    question_in_days: bool = False  # '?' allowed in day of month and day of week
    # Whether an invalid field's message mentions names (historically only some APIs' messages do).
    names_in_message: bool = True

    @property
    def fields(self) -> tuple[CronField, ...]:
        return (CronField("minute", 0, 59), CronField("hour", 0, 23),
                CronField("day of month", 1, 31, question=self.question_in_days),
                CronField("month", 1, 12, MONTHS),
                CronField("day of week", 0, 7 if self.sunday_as_seven else 6, WEEKDAYS,
                          question=self.question_in_days))

    def error(self, expression: str) -> str | None:
        """Why `expression` is not a cron expression this API accepts, or None."""
        parts = expression.split()
        if len(parts) != 5:
            return (f"must have 5 fields (minute hour day-of-month month day-of-week{self.seconds_note}), "
                    f"got {len(parts)}")
        for text, field in zip(parts, self.fields):
            if not field.valid(text):
                names = " or names" if field.names and self.names_in_message else ""
                return (f"{field.name} field {text!r} is not valid (values {field.low}-{field.high}{names}, "
                        "'*', ranges, lists, steps)")
        return None

    def checked(self, expression: str) -> str:
        """`expression` with single spaces (as the platforms store it); a ValueError saying why it is not valid."""
        problem = self.error(expression)
        if problem:
            raise ValueError(problem)
        return " ".join(expression.split())
