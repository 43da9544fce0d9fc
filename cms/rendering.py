"""Turning stored text into safe HTML, and dates into words at their precision."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from cms.pipeline.types import DatePrecision, PartialDate

# Raw HTML in article text is shown as text, and whatever the renderer emits is sanitised
# again: markdown renderers do not guard against javascript: links on their own.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def markdown_to_html(text: str) -> Markup:
    html = _markdown.render(text or "")
    return Markup(nh3.clean(html, url_schemes=_ALLOWED_URL_SCHEMES, link_rel="noopener nofollow"))


def format_partial_date(date: PartialDate | None) -> str:
    """ "30 September 2014", "November 2024" or "2024"; "Date unknown" when there is none."""
    if date is None:
        return "Date unknown"
    value = date.value
    if date.precision is DatePrecision.DAY:
        return f"{value.day} {value:%B %Y}"
    if date.precision is DatePrecision.MONTH:
        return f"{value:%B %Y}"
    return f"{value:%Y}"
