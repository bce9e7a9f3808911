"""The one cron reader (core.cron) and what each dialect switch changes."""

from __future__ import annotations

import pytest

from inference_iac.core.cron import CronDialect

PLAIN = CronDialect(seconds_note="")


@pytest.mark.parametrize("expression", ["0 8 * * *", "*/15 0-6 1,15 JAN-MAR *", "30 6 1,15 jan,JUL SUN-SAT",
                                        "0 8-18/2 * * MON-FRI"])
def test_valid_expressions(expression):
    assert PLAIN.error(expression) is None


@pytest.mark.parametrize("expression, message", [
    ("60 8 * * *", "minute field '60' is not valid (values 0-59, '*', ranges, lists, steps)"),
    ("0 18-8 * * *", "hour field '18-8' is not valid"),  # a reversed range
    ("*/0 * * * *", "minute field '*/0' is not valid"),  # a step of 0
    ("0 8 * 13 *", "month field '13' is not valid (values 1-12 or names, '*', ranges, lists, steps)"),
    ("0 8 * * FUN", "day of week field 'FUN' is not valid"),
])
def test_an_invalid_field_is_named(expression, message):
    assert message in PLAIN.error(expression)


def test_the_count_error_says_what_the_api_does_with_seconds():
    dialect = CronDialect(seconds_note=", no seconds")
    assert dialect.error("0 0 8 * * *") == ("must have 5 fields (minute hour day-of-month month day-of-week, "
                                            "no seconds), got 6")


def test_sunday_as_seven_and_question_marks_are_each_dialect_s_own():
    assert PLAIN.error("0 0 * * 7") is not None and PLAIN.error("0 8 ? * MON") is not None
    assert CronDialect("", sunday_as_seven=True).error("0 0 * * 7") is None
    questions = CronDialect("", question_in_days=True)
    assert questions.error("0 8 ? * MON") is None and questions.error("0 8 * * ?") is None
    assert questions.error("? 8 * * *") is not None  # only the day fields


def test_names_are_numbered_from_the_field_s_low_end():
    assert PLAIN.error("0 0 * DEC SAT") is None  # DEC = 12, SAT = 6
    assert CronDialect("", names_in_message=False).error("0 8 * 13 *").endswith("(values 1-12, '*', ranges, lists, "
                                                                                 "steps)")


def test_checked_keeps_single_spaces_and_raises_the_reason():
    assert PLAIN.checked(" 0  8 * *   * ") == "0 8 * * *"
    with pytest.raises(ValueError, match="got 4"):
        PLAIN.checked("0 8 * *")
