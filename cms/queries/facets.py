"""Facet counts over a set of published articles: by outlet, kind of outlet, tag, entity, year.

Search gives the set as a list of ids (bounded: see the search service). Three grouped
queries count them: outlet and year together (the kind of outlet follows from the outlet),
then tags and entities from their link tables alone. The ids travel as one JSON parameter
read by ``json_each``, not as a thousand bound parameters per query.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, extract, func, literal_column, select
from sqlalchemy.sql import ColumnElement

from cms.extensions import db
from cms.models import Article, Entity, Mention, Outlet, Tag, article_tags

#: Facets in the order they are shown, each with its filter parameter and its heading.
FACETS = (
    ("outlet", "Outlet"),
    ("outlet_kind", "Kind of outlet"),
    ("tag", "Tag"),
    ("entity", "Mentions"),
    ("year", "Year"),
)
#: The most values shown per facet.
TOP = 12


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what the filter parameter takes, what readers see, how many."""

    value: str
    label: str
    count: int


def _ids() -> Select:
    return select(literal_column("value")).select_from(func.json_each(bindparam("ids")))


def facet_counts(ids: Sequence[int]) -> dict[str, list[FacetValue]]:
    """For each facet, its values among the articles ``ids`` with how many have each."""
    if not ids:
        return {name: [] for name, _ in FACETS}
    params = {"ids": json.dumps(list(ids))}
    outlets, kinds, years = _outlets_kinds_years(params)
    return {
        "outlet": outlets,
        "outlet_kind": kinds,
        "tag": _linked(Tag, article_tags.c.article_id, article_tags.c.tag_id, params),
        "entity": _linked(Entity, Mention.article_id, Mention.entity_id, params),
        "year": years,
    }


def _outlets_kinds_years(params: dict[str, str]) -> tuple[list[FacetValue], ...]:
    year = extract("year", Article.published_on)
    query = (
        select(Outlet.slug, Outlet.name, Outlet.kind, year, func.count())
        .select_from(Article)
        .outerjoin(Outlet, Outlet.id == Article.outlet_id)
        .where(Article.id.in_(_ids()))
        .group_by(Article.outlet_id, year)
    )
    outlets: Counter[tuple[str, str]] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    years: Counter[tuple[str, str]] = Counter()
    for slug, name, kind, in_year, n in db.session.execute(query, params):
        if slug is not None:
            outlets[slug, name] += n
            kinds[_text(kind), _text(kind)] += n
        if in_year is not None:
            years[str(in_year), str(in_year)] += n
    return _top(outlets), _top(kinds), _top(years)


def _top(counts: Counter[tuple[str, str]]) -> list[FacetValue]:
    """The ``TOP`` most frequent, most first, then by label (as the grouped queries order)."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][1]))[:TOP]
    return [FacetValue(value, label, n) for (value, label), n in ranked]


def _linked(
    model: type[Tag | Entity],
    article_id: ColumnElement[int],
    target_id: ColumnElement[int],
    params: dict[str, str],
) -> list[FacetValue]:
    """Tags or entities of the articles, from the link table (the ids are already published)."""
    count = func.count(func.distinct(article_id))
    query = (
        select(model.slug, model.name, count)
        .select_from(article_id.table)
        .join(model, model.id == target_id)
        .where(article_id.in_(_ids()))
        .group_by(model.id)
        .order_by(count.desc(), model.name)
        .limit(TOP)
    )
    return [FacetValue(slug, name, n) for slug, name, n in db.session.execute(query, params)]


def _text(value: object) -> str:
    return str(getattr(value, "value", value))
