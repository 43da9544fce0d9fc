"""A reader's search: parse, match, narrow to published and filtered, rank a bounded set.

Ranking never scores every match. The candidates are the ``SEARCH_CANDIDATES`` newest
published matches (by article id, so newest imported, read from the index's own document
order); only those are scored with bm25 and counted into facets. A word found in half the
collection therefore costs about what a rare one does. Matches are counted up to
``COUNT_LIMIT``: past it readers see "10,000+" (no reader pages that far, and an exact count
of half the collection costs more than the rest of the search).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from flask import current_app
from markupsafe import Markup
from sqlalchemy import Connection, select, text

from cms.extensions import db
from cms.models import Article, ArticleStatus
from cms.queries.articles import filtered, total_of
from cms.queries.cards import ArticleCard, cards_with_bodies
from cms.queries.facets import FacetValue, facet_counts
from cms.queries.filters import NO_FILTERS, ArticleFilters
from cms.queries.paging import count_of
from cms.queries.versioned import kept
from cms.services.search import fts5
from cms.services.search.text import ParsedQuery, highlight, parse_query, plain, snippet
from cms.sqlite import driver

#: How many of the newest matches are ranked by relevance and counted into facets (the
#: ``SEARCH_CANDIDATES`` setting changes it). bm25 costs about 1.5 µs a candidate (FTS5 looks
#: up each one's column sizes) on top of one walk of the word's whole list of documents for
#: its weight: at 100,000 articles, 300 instead of 1,000 took a word in 3 % of them from 8.0
#: to 5.8 ms of CPU and one in half of them from 9.4 to 7.4 (the whole page, in one process).
#: Thirty pages of ten are more than readers turn; the page says when there were more
#: matches, and asks for a narrower search; a page past the last ranked one is a 404.
SEARCH_CANDIDATES = 300
#: Matches are counted up to here (the ``SEARCH_COUNT_LIMIT`` setting changes it);
#: ``SearchResults.total_exact`` is False past it.
COUNT_LIMIT = 10_000
#: Filters selecting at most this many published articles are read into a set (see
#: ``_filtered_matches``); broader ones are checked match by match.
FILTER_SET_AT_MOST = 20_000
#: Up to this many unpublished articles are left out of a search's matches in Python; more
#: in SQL (see ``_newest_published``). Leaving one out costs about 15 µs a search.
FEW_UNPUBLISHED = 16
EMPTY_QUERY = "Type a word or two to search for: letters or digits in any script."


@dataclass(frozen=True)
class Hit:
    article: ArticleCard
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
    count_limit: int = COUNT_LIMIT

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

    @property
    def total_exact(self) -> bool:
        """False when counting stopped at ``COUNT_LIMIT``: there are more than ``total``."""
        return self.total <= self.count_limit

    @property
    def shown_total(self) -> int:
        """The total as readers are told it (the count limit when there are more)."""
        return min(self.total, self.count_limit)


def search(
    query: str,
    filters: ArticleFilters = NO_FILTERS,
    number: int = 1,
    size: int = 20,
    with_tags: bool = True,
) -> SearchResults:
    """Published articles matching ``query`` and ``filters``, best first, with facets.

    The hits' cards carry their tags ``with_tags`` only: the site's results do not show
    them (reading them was a tenth of the cards' cost), the API's do.
    """
    parsed = parse_query(query)
    empty = SearchResults(query, filters, max(1, number), size)
    if parsed.is_empty:
        return SearchResults(
            query, filters, 1, size, message=EMPTY_QUERY if query.strip() else None
        )
    connection = db.session.connection()
    limit = current_app.config.get("SEARCH_COUNT_LIMIT", COUNT_LIMIT)
    most = current_app.config.get("SEARCH_CANDIDATES", SEARCH_CANDIDATES)
    if filters:
        candidates, total = _filtered_matches(parsed, filters, limit, most)
        scores = fts5.scores(connection, parsed, candidates) if candidates else {}
        scored = [(id_, scores.get(id_, 0.0)) for id_ in candidates]
    else:
        scored, total = _newest_published(connection, parsed, most, limit)
        candidates = [id_ for id_, _ in scored]
    if not candidates:
        return empty
    # Best first (lowest bm25); the sort is stable, so ties stay newest first.
    ranked = [id_ for id_, _ in sorted(scored, key=itemgetter(1))]
    start = (empty.number - 1) * size
    page_ids = ranked[start : start + size]
    return SearchResults(
        query,
        filters,
        empty.number,
        size,
        hits=_hits(parsed, page_ids, with_tags=with_tags),
        total=total,
        ranked=len(ranked),
        facets=facet_counts(candidates),
        count_limit=limit,
    )


#: The ids a reader's search leaves out, read from the status index.
_UNPUBLISHED = "SELECT id FROM articles WHERE status IN ({})".format(
    ", ".join(f"'{status.value}'" for status in ArticleStatus if status != ArticleStatus.PUBLISHED)
)


def _newest_published(
    connection: Connection, parsed: ParsedQuery, most: int, limit: int
) -> tuple[list[tuple[int, float]], int]:
    """(id, bm25) of the ``most`` newest published matches, newest first, and how many
    published articles match (counting stops past ``limit``).

    Up to ``FEW_UNPUBLISHED`` articles that are not published (a set kept per data version)
    are left out here, after the walk, and their matches taken from the count: checking
    every match against them in SQL was half of counting a common word's matches. More are
    left out in SQL, match by match.
    """
    few = kept("few unpublished", lambda: _few_unpublished(connection))
    if few is None:
        scored = fts5.newest_scored(connection, parsed, most, excluding=_UNPUBLISHED)
        if len(scored) < most:
            return scored, len(scored)
        many = _many_likely(scored, limit)
        count = fts5.count_matches(connection, parsed, limit + 1, _UNPUBLISHED, many)
        return scored, count
    found = fts5.newest_scored(connection, parsed, most + len(few))
    scored = [row for row in found if row[0] not in few][:most]
    if len(scored) < most:
        return scored, len(scored)
    many = _many_likely(scored, limit)
    matched = fts5.count_matches(connection, parsed, limit + 1 + len(few), many_likely=many)
    # Past the cap at least ``limit`` + 1 published articles match, whatever ``few`` holds.
    unpublished = fts5.count_among(connection, parsed, few) if few else 0
    return scored, min(limit + 1, matched - unpublished)


def _many_likely(newest: list[tuple[int, float]], limit: int) -> bool:
    """Whether more than ``limit`` articles probably match, judged by how closely the newest
    matches lie: 300 of them among the newest 600 ids promise half the collection.

    A guess, never a count: a burst (a week's story whose newest matches lie close together
    though few match in all) makes it wrong, and then the matches are walked twice (about
    1.6 times one count, and never more than ``limit`` of them).
    """
    first, last = newest[0][0], newest[-1][0]
    return len(newest) * first / (first - last + 1) > limit


def _few_unpublished(connection: Connection) -> frozenset[int] | None:
    """The ids of the articles not published if there are ``FEW_UNPUBLISHED`` or fewer."""
    rows = driver(connection).execute(f"{_UNPUBLISHED} LIMIT ?", (FEW_UNPUBLISHED + 1,))
    ids = frozenset(id_ for (id_,) in rows)
    return ids if len(ids) <= FEW_UNPUBLISHED else None


def _filtered_matches(
    parsed: ParsedQuery, filters: ArticleFilters, limit: int, most: int
) -> tuple[list[int], int]:
    """The ``most`` newest published matches within ``filters``, and how many match (up to
    ``limit`` and one more).

    A filter selecting up to ``FILTER_SET_AT_MOST`` articles (its total is the list's, kept
    per data version) is read once from its indexes into a set, and one walk of the word's
    matches, newest first, keeps those in the set until ``limit`` + 1: the first ``most``
    are the candidates, the length is the count. Joining each match to
    its article row instead cost 120-310 ms for a word in half of 100,000 articles within
    one outlet and year, or one tag. A broader filter (a kind of outlet) is cheaper the
    other way: the walk finds its candidates among the first matches.
    """
    members = filtered(select(Article.id), filters, by_members=True)
    if total_of(filters) <= FILTER_SET_AT_MOST:
        found = fts5.newest_matches_among(db.session.connection(), parsed, members, limit + 1)
        return found[:most], len(found)
    sql, params = fts5.matching_ids_sql(parsed)
    matching = text(sql).bindparams(**params).columns(id=db.Integer).subquery()
    matches = filtered(select(Article.id), filters).join(matching, matching.c.id == Article.id)
    candidates = list(db.session.scalars(matches.order_by(matching.c.id.desc()).limit(most)))
    total = len(candidates)
    if total == most:
        total = count_of(matches.limit(limit + 1))
    return candidates, total


def _hits(parsed: ParsedQuery, ids: list[int], *, with_tags: bool) -> list[Hit]:
    """The result cards of the page ``ids``: each title highlighted, and a snippet of the
    summary and body.

    A card and its HTML (``search_html.search_hits``) cost about 105 µs of CPU at 100,000
    articles in session 5 and 50 µs now (twenty measured): cards and bodies read in one
    statement (``cards_with_bodies``); titles and windows stem only words that begin like a wanted
    stem; running text left as it is; a snippet's window cut out, not split word by word.
    """
    wanted = parsed.all_stems
    return [
        Hit(card, highlight(card.title, wanted), snippet(plain(f"{card.summary} {body}"), wanted))
        for card, body in cards_with_bodies(ids, with_tags)
    ]
