"""Counts of published articles over time, for the timeline: by year, by month, by outlet.

Each is a pass over every published article, kept until the data changes (``versioned``).
"""

from __future__ import annotations

from sqlalchemy import extract, func, select

from cms.extensions import db
from cms.models import Article, Outlet
from cms.pipeline.types import DatePrecision
from cms.queries.articles import PUBLISHED
from cms.queries.versioned import kept

DATED = (PUBLISHED, Article.published_on.is_not(None))


def by_year() -> list[tuple[int, int]]:
    """(year, published articles dated in it), oldest first."""
    return kept("by year", _by_year)


def by_month() -> list[tuple[int, int, int]]:
    """(year, month, articles) for articles dated to the month or the day, oldest first.

    An article known only to its year is left out: it belongs to no month.
    """
    return kept("by month", _by_month)


def by_outlet_and_year() -> list[tuple[str, str, int, int]]:
    """(outlet name, outlet slug, year, articles), by outlet name then year."""
    return kept("by outlet and year", _by_outlet_and_year)


def _by_year() -> list[tuple[int, int]]:
    year = extract("year", Article.published_on)
    query = select(year, func.count()).where(*DATED).group_by(year).order_by(year)
    return [(int(y), n) for y, n in db.session.execute(query)]


def _by_month() -> list[tuple[int, int, int]]:
    year, month = extract("year", Article.published_on), extract("month", Article.published_on)
    query = (
        select(year, month, func.count())
        .where(*DATED, Article.date_precision != DatePrecision.YEAR)
        .group_by(year, month)
        .order_by(year, month)
    )
    return [(int(y), int(m), n) for y, m, n in db.session.execute(query)]


def _by_outlet_and_year() -> list[tuple[str, str, int, int]]:
    year = extract("year", Article.published_on)
    query = (
        select(Outlet.name, Outlet.slug, year, func.count())
        .select_from(Article)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(*DATED)
        .group_by(Outlet.name, Outlet.slug, year)
        .order_by(Outlet.name, year)
    )
    return [(name, slug, int(y), n) for name, slug, y, n in db.session.execute(query)]
