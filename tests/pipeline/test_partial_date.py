"""Partial dates: parsing, display at their precision, and truncation to the period's start."""

from __future__ import annotations

import datetime as dt

import pytest

from cms.pipeline.types import DatePrecision, PartialDate

D, M, Y = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


@pytest.mark.parametrize(
    ("text", "value", "precision", "iso"),
    [
        ("2024", dt.date(2024, 1, 1), Y, "2024"),
        ("2024-11", dt.date(2024, 11, 1), M, "2024-11"),
        ("2024-11-27", dt.date(2024, 11, 27), D, "2024-11-27"),
        (" 2014-09-30 ", dt.date(2014, 9, 30), D, "2014-09-30"),
    ],
)
def test_parse_and_isoformat(text: str, value: dt.date, precision, iso: str) -> None:
    date = PartialDate.parse(text)
    assert (date.value, date.precision, date.isoformat()) == (value, precision, iso)


@pytest.mark.parametrize("text", ["", "24", "2024-1-1-1", "2024/11", "November 2024", "2024-13"])
def test_parse_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (dt.date(2024, 11, 17), M, dt.date(2024, 11, 1)),
        (dt.date(2024, 11, 17), Y, dt.date(2024, 1, 1)),
        (dt.date(2024, 11, 17), D, dt.date(2024, 11, 17)),
    ],
)
def test_truncated_moves_to_the_first_day_of_the_period(value, precision, expected) -> None:
    assert PartialDate(value, precision).truncated() == PartialDate(expected, precision)
