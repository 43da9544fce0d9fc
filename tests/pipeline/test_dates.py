"""The date finder: each written form it must read, and the near-dates it must leave alone."""

from __future__ import annotations

import pytest

from cms.pipeline.dates import find_dates, first_date


@pytest.mark.parametrize(
    ("text", "month_precision", "expected"),
    [
        ("Nov. 9, 2023", False, "2023-11-09"),
        ("Nov 9, 2023", False, "2023-11-09"),
        ("Sept. 30, 2014", False, "2014-09-30"),
        ("September 30, 2014", False, "2014-09-30"),
        ("SEPTEMBER 30, 2014", False, "2014-09-30"),
        ("August 31st, 2014", False, "2014-08-31"),
        ("Sunday, August 31, 2014", False, "2014-08-31"),
        ("Thursday, Nov. 9, 2023", False, "2023-11-09"),
        ("Sept. 3, 2020", False, "2020-09-03"),
        ("May 5, 2020", False, "2020-05-05"),
        ("30 September 2014", False, "2014-09-30"),
        ("30th Sept. 2014", False, "2014-09-30"),
        ("2014-09-30", False, "2014-09-30"),
        ("Astana, Kazakhstan, Thursday, Nov. 9, 2023. Credit: AP", False, "2023-11-09"),
        ("September 2014", True, "2014-09"),
        ("Published in Dec. 2023", True, "2023-12"),
        ("30 September 2014", True, "2014-09-30"),
        # Negatives: no year, a bare year, money, impossible days, verbs that spell months.
        ("September 2014", False, None),
        ("in 2022", True, None),
        ("1994", True, None),
        ("August 31", True, None),
        ("Staunton, August 31 – Alarmed by", True, None),
        ("a record $27 billion last year", True, None),
        ("February 30, 2014", False, None),
        ("2014-13-01", False, None),
        ("it may 5, 2020", False, None),
        ("may 5, 2020", True, None),
        ("march 3, 2020", True, None),
        ("February 30, 2014", True, None),
        ("$27 billion", True, None),
        ("August 31, 20145", False, None),
        ("12014-09-30", False, None),
    ],
)
def test_first_date(text: str, month_precision: bool, expected: str | None) -> None:
    found = first_date(text, month_precision=month_precision)
    assert (found.date.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Published Sunday, August 31, 2014 at noon", "Sunday, August 31, 2014"),
        ("Photo: Thursday, Nov. 9, 2023. Credit", "Thursday, Nov. 9, 2023"),
        ("Updated 2014-09-30.", "2014-09-30"),
    ],
)
def test_found_date_knows_where_it_was(text: str, span: str) -> None:
    found = first_date(text)
    assert found is not None
    assert text[found.start : found.end] == span


@pytest.mark.parametrize(
    ("text", "month_precision", "value", "precision"),
    [
        ("September 30, 2014", False, "2014-09-30", "day"),
        ("Sunday, August 31, 2014", False, "2014-08-31", "day"),
        ("Thursday, Nov. 9, 2023", False, "2023-11-09", "day"),
        ("30 September 2014", False, "2014-09-30", "day"),
        ("2014-09-30", False, "2014-09-30", "day"),
        ("Sept. 3, 2020", False, "2020-09-03", "day"),
        ("September 2014", True, "2014-09-01", "month"),
        ("2014-09-30", True, "2014-09-30", "day"),
    ],
)
def test_found_date_value_and_precision(
    text: str, month_precision: bool, value: str, precision: str
) -> None:
    (found,) = find_dates(text, month_precision=month_precision)
    assert found.date.value.isoformat() == value
    assert found.date.precision == precision
    assert (found.start, found.end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    ["in 2022", "1994", "August 31", "$27 billion", "February 30, 2014", "may 5, 2020", ""],
)
def test_find_dates_finds_nothing(text: str) -> None:
    assert list(find_dates(text, month_precision=True)) == []


def test_dates_come_in_text_order_without_overlaps() -> None:
    text = "From 30 September 2014 to 2015-01-02, and in March 2016."
    dates = [f.date.isoformat() for f in find_dates(text, month_precision=True)]
    assert dates == ["2014-09-30", "2015-01-02", "2016-03"]
