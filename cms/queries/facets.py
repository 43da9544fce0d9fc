"""Facet counts over a set of published articles: by outlet, kind of outlet, tag, entity, year.

Search gives the set as a list of ids (bounded: see the search service), and each facet is
one grouped query over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, extract, func, select

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


def _ids() -> object:
    return bindparam("ids", expanding=True)


def _grouped(value: object, label: object, query: Select) -> Select:
    count = func.count(func.distinct(Article.id))
    return (
        query.add_columns(value, label, count)
        .where(Article.id.in_(_ids()))
        .group_by(value, label)
        .order_by(count.desc(), label)
        .limit(TOP)
    )


def facet_counts(ids: Sequence[int]) -> dict[str, list[FacetValue]]:
    """For each facet, its values among the articles ``ids`` with how many have each."""
    if not ids:
        return {name: [] for name, _ in FACETS}
    year = extract("year", Article.published_on)
    queries = {
        "outlet": _grouped(Outlet.slug, Outlet.name, select().select_from(Article).join(Outlet)),
        "outlet_kind": _grouped(
            Outlet.kind, Outlet.kind, select().select_from(Article).join(Outlet)
        ),
        "tag": _grouped(
            Tag.slug, Tag.name, select().select_from(Article).join(article_tags).join(Tag)
        ),
        "entity": _grouped(
            Entity.slug,
            Entity.name,
            select()
            .select_from(Article)
            .join(Mention, Mention.article_id == Article.id)
            .join(Entity),
        ),
        "year": _grouped(
            year, year, select().select_from(Article).where(Article.published_on.is_not(None))
        ),
    }
    result = {}
    for name, query in queries.items():
        rows = db.session.execute(query, {"ids": list(ids)})
        result[name] = [FacetValue(_text(value), _text(label), n) for value, label, n in rows]
    return result


def _text(value: object) -> str:
    return str(getattr(value, "value", value))
