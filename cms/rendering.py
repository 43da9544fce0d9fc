"""Turning stored text into safe HTML, and dates into words at their precision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from cms.pipeline.types import DatePrecision, PartialDate

# Raw HTML in article text is shown as text, and whatever the renderer emits is sanitised
# again: markdown renderers do not guard against javascript: links on their own.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
#: ``%B`` of each month, as ``strftime`` writes it (the C locale: the app sets none), written
#: once: ``strftime`` was 1.5 µs of each card's date.
_MONTHS = tuple(dt.date(2000, month, 1).strftime("%B") for month in range(1, 13))


def markdown_to_html(text: str) -> Markup:
    html = _markdown.render(text or "")
    return Markup(nh3.clean(html, url_schemes=_ALLOWED_URL_SCHEMES, link_rel="noopener nofollow"))


def format_partial_date(date: PartialDate | None) -> str:
    """ "30 September 2014", "November 2024" or "2024"; "Date unknown" when there is none."""
    if date is None:
        return "Date unknown"
    value = date.value
    if date.precision is DatePrecision.DAY:
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    if date.precision is DatePrecision.MONTH:
        return f"{_MONTHS[value.month - 1]} {value.year}"
    return str(value.year)


def date_note(article: Any) -> str:
    """Why a date is less than a day the source gives, in words; empty when it is not.

    ``article``: an ``Article`` or anything with its ``date_basis`` and ``date_precision``.
    """
    if article.date_basis.value == "editors":
        return "dated by the editors from the text"
    precision = article.date_precision
    if precision is DatePrecision.MONTH:
        return "the source gives only the month"
    if precision is DatePrecision.YEAR:
        return "the source gives only the year"
    return ""


def provenance_labels(article: Any) -> list[str]:
    """Plain labels for what a text is: opinion, wire copy, reprint, excerpt (in that order).

    ``article``: an ``Article`` or anything with its ``kind``, ``origin`` and ``text_kind``.
    """
    labels = []
    if article.kind.value == "opinion":
        labels.append("Opinion")
    origin = article.origin.value
    if origin == "wire copy":
        labels.append("Wire copy")
    elif origin == "reprint":
        labels.append("Reprint")
    if article.text_kind.value == "excerpt":
        labels.append("Excerpt")
    return labels
