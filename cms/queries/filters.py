"""``ArticleFilters``: the one value that says which articles a list shows.

Parsed and validated here, from a query string, for every page, the pager, the feed and the
API; turned back into a query string by ``to_args``. A value that is not well formed raises
``InvalidFilter`` naming the parameter (a 400); a well-formed slug that names nothing is found
out by ``describe`` (a 404 for the caller).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from cms.models import OutletKind

#: Query-string names, in the order they appear in URLs and headings.
PARAMETERS = ("outlet", "outlet_kind", "tag", "entity", "year", "from", "to")


class InvalidFilter(ValueError):
    """A filter value that is not well formed; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InvalidFilter("year", f"“{text}” is not a year; give four digits, such as 2014.")
    return int(text)


def _date(parameter: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _bad_date(parameter, text)
    except ValueError:
        return _bad_date(parameter, text)


def _bad_date(parameter: str, text: str) -> dt.date:
    raise InvalidFilter(parameter, f"“{text}” is not a date; give it as YYYY-MM-DD.")


def _outlet_kind(text: str) -> OutletKind:
    try:
        return OutletKind(text.replace("-", " "))
    except ValueError:
        known = ", ".join(kind.value for kind in OutletKind)
        raise InvalidFilter("outlet_kind", f"“{text}” is not a kind of outlet ({known}).") from None


def _slug(parameter: str, text: str) -> str:
    if len(text) > 100 or any(c.isspace() or c in "/?#" for c in text):
        raise InvalidFilter(parameter, f"“{text[:40]}” is not a {parameter} name from this site.")
    return text


@dataclass(frozen=True)
class ArticleFilters:
    """Which published articles to list; every field ``None`` means all of them."""

    outlet: str | None = None
    outlet_kind: OutletKind | None = None
    tag: str | None = None
    entity: str | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ArticleFilters:
        """Read the filters from a query string; empty values (an unset form field) are absent."""
        given = {name: (args.get(name) or "").strip() for name in PARAMETERS}
        filters = cls(
            outlet=_slug("outlet", given["outlet"]) if given["outlet"] else None,
            outlet_kind=_outlet_kind(given["outlet_kind"]) if given["outlet_kind"] else None,
            tag=_slug("tag", given["tag"]) if given["tag"] else None,
            entity=_slug("entity", given["entity"]) if given["entity"] else None,
            year=_year(given["year"]) if given["year"] else None,
            date_from=_date("from", given["from"]) if given["from"] else None,
            date_to=_date("to", given["to"]) if given["to"] else None,
        )
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise InvalidFilter("to", "the end of the date range comes before its start.")
        return filters

    def to_args(self) -> dict[str, str]:
        """The filters as query-string arguments, leaving out those not set."""
        values = {
            "outlet": self.outlet,
            "outlet_kind": self.outlet_kind.value if self.outlet_kind else None,
            "tag": self.tag,
            "entity": self.entity,
            "year": str(self.year) if self.year is not None else None,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }
        return {name: value for name, value in values.items() if value is not None}

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def without(self, *names: str) -> ArticleFilters:
        """The same filters less some (``"outlet"``, ``"year"``, ...): for "remove" links."""
        args = {k: v for k, v in self.to_args().items() if k not in names}
        return ArticleFilters.from_args(args)


#: Every published article.
NO_FILTERS = ArticleFilters()
