"""A reader's search: parse, match, narrow to published and filtered, rank a bounded set.

Ranking never scores every match. The candidates are the ``SEARCH_CANDIDATES`` newest
published matches (by article id, so newest imported); only those are scored with bm25 and
counted into facets. A word found in half the collection therefore costs the same as a rare
one. The total of matches stays exact, and the page says when ranking was limited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup
from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article
from cms.queries.articles import filtered
from cms.queries.facets import FacetValue, facet_counts
from cms.queries.filters import NO_FILTERS, ArticleFilters
from cms.services.search import fts5
from cms.services.search.text import ParsedQuery, highlight, parse_query, plain, snippet

#: How many of the newest matches are ranked by relevance and counted into facets.
SEARCH_CANDIDATES = 1000
EMPTY_QUERY = "Type a word or two to search for: letters or digits in any script."


@dataclass(frozen=True)
class Hit:
    article: Article
    title: Markup
    snippet: Markup


@dataclass(frozen=True)
class SearchResults:
    """One page of results; ``message`` explains a query that could not be searched."""

    query: str
    filters: ArticleFilters
    number: int
    size: int
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    ranked: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    message: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.ranked // self.size))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def items(self) -> list[Hit]:
        return self.hits

    @property
    def limited(self) -> bool:
        """True when there were more matches than were ranked."""
        return self.total > self.ranked


def search(
    query: str, filters: ArticleFilters = NO_FILTERS, number: int = 1, size: int = 20
) -> SearchResults:
    """Published articles matching ``query`` and ``filters``, best first, with facets."""
    parsed = parse_query(query)
    empty = SearchResults(query, filters, max(1, number), size)
    if parsed.is_empty:
        return SearchResults(
            query, filters, 1, size, message=EMPTY_QUERY if query.strip() else None
        )
    matches = _published_matches(parsed, filters)
    total = db.session.scalar(select(func.count()).select_from(matches.subquery())) or 0
    candidates = list(
        db.session.scalars(matches.order_by(Article.id.desc()).limit(SEARCH_CANDIDATES))
    )
    if not candidates:
        return empty
    ranked = _rank(parsed, candidates)
    start = (empty.number - 1) * size
    page_ids = ranked[start : start + size]
    return SearchResults(
        query,
        filters,
        empty.number,
        size,
        hits=_hits(parsed, page_ids),
        total=total,
        ranked=len(ranked),
        facets=facet_counts(candidates),
    )


def _published_matches(parsed: ParsedQuery, filters: ArticleFilters) -> Select:
    sql, params = fts5.matching_ids_sql(parsed)
    matching = text(sql).bindparams(**params).columns(id=db.Integer).subquery()
    return filtered(select(Article.id), filters).where(Article.id.in_(select(matching.c.id)))


def _rank(parsed: ParsedQuery, candidates: list[int]) -> list[int]:
    """The candidates ordered by bm25 (best first; ties newest first)."""
    scores = fts5.scores(db.session.connection(), parsed, min(candidates), max(candidates))
    return sorted(candidates, key=lambda id_: (scores.get(id_, 0.0), -id_))


def _hits(parsed: ParsedQuery, ids: list[int]) -> list[Hit]:
    articles = db.session.scalars(
        select(Article)
        .where(Article.id.in_(ids))
        .options(selectinload(Article.outlet), selectinload(Article.tags))
    )
    by_id = {article.id: article for article in articles}
    wanted = parsed.all_stems
    return [
        Hit(
            article,
            highlight(article.title, wanted),
            snippet(plain(f"{article.summary} {article.body}"), wanted),
        )
        for article in (by_id[id_] for id_ in ids if id_ in by_id)
    ]
