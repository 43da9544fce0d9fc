"""The SQLite FTS5 engine behind the search interface.

``search_index`` (rowid = article id; stemmed title, summary and body), made by its migration,
holds every article, whatever its status: suggestions look for related articles and
duplicates among drafts too, and a status change then costs no index write. The public search
leaves out the articles that are not published (see ``searching``): in Python after the walk
when they are few, in the walk (``NOT IN``) when they are many, or by walking only a filter's
published articles.

``search_recent`` holds the same rows for the newest articles only: every indexed article
from its first row (the "floor") up, between ``RECENT_KEEP`` and ``RECENT_MOST`` of them.
bm25 weighs each word by first walking all of its matches in the table it reads: 1.2 to 2 ms
for a word in half of 100,000 articles, more than the rest of the search's SQL. Candidates
that all lie above the floor (the newest matches of any common word) are scored there, where
that walk is a few thousand rows. Their counts of the word and their lengths are the same in
both tables; the word's weight and the average length come from the newest articles instead
of all of them, as a search engine's shard weighs by its own documents. For one word the
weight does not change the order, and the average length rarely does (bench/RESULTS.md,
"Session 8").
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from sqlalchemy import (
    Connection,
    Select,
    TextClause,
    bindparam,
    func,
    literal_column,
    select,
    table,
    text,
)

from cms.services.search.text import ParsedQuery, stems
from cms.sqlite import driver

#: bm25 weights of title, summary and body: a word in the title counts most.
WEIGHTS = (8.0, 3.0, 1.0)

INDEX = "search_index"
RECENT = "search_recent"
#: ``search_recent`` keeps the newest ``RECENT_KEEP`` to ``RECENT_MOST`` articles: past the
#: most, the older ones are dropped (about 40 µs an article). A word in half of them walks
#: at most 4,000 rows to be weighed; one whose newest 300 matches are not all among them is
#: in fewer than 1 article in 13 and is walked in ``search_index`` (at most 7,500 rows at
#: 100,000 articles).
RECENT_KEEP = 4_000
RECENT_MOST = 8_000


def _delete(table: str) -> TextClause:
    return text(f"DELETE FROM {table} WHERE rowid IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )


def _insert(table: str) -> TextClause:
    return text(
        f"INSERT INTO {table} (rowid, title, summary, body) VALUES (:id, :title, :summary, :body)"
    )


def index_rows(
    connection: Connection, rows: Iterable[tuple[int, str, str, str]], recent: bool = True
) -> int:
    """Index (or re-index) articles given as (id, title, summary, body) rows; how many.

    Those at or above ``search_recent``'s floor go there too, unless not ``recent`` (a
    rebuild fills it once at the end, ``refill_recent``).
    """
    values = [
        {"id": id_, "title": stems(title), "summary": stems(summary), "body": stems(body)}
        for id_, title, summary, body in rows
    ]
    if not values:
        return 0
    floor = _recent_floor(connection)
    remove(connection, [v["id"] for v in values])
    connection.execute(_insert(INDEX), values)
    newest = [v for v in values if v["id"] >= floor] if recent else []
    if newest:
        connection.execute(_insert(RECENT), newest)
        _trim_recent(connection)
    return len(values)


def _recent_floor(connection: Connection) -> int:
    """The lowest id ``search_recent`` holds; when it holds none, one past the highest id
    indexed (only articles newer than all go in), or 0 in an empty index. Read from FTS5's
    table of column sizes, a row per indexed article: an ordinary table, not a scan of FTS5's."""
    return connection.exec_driver_sql(
        f"SELECT coalesce((SELECT min(id) FROM {RECENT}_docsize), "
        f"(SELECT max(id) + 1 FROM {INDEX}_docsize), 0)"
    ).scalar_one()


def _nth_newest(table: str) -> str:
    """SQL for the id of ``table``'s row that has ``?`` newer ones (none past the last)."""
    return f"SELECT id FROM {table}_docsize ORDER BY id DESC LIMIT 1 OFFSET ?"


def _trim_recent(connection: Connection) -> None:
    """Past ``RECENT_MOST`` articles, keep only the newest ``RECENT_KEEP``."""
    if connection.exec_driver_sql(_nth_newest(RECENT), (RECENT_MOST,)).first():
        connection.exec_driver_sql(
            f"DELETE FROM {RECENT} WHERE rowid < ({_nth_newest(RECENT)})", (RECENT_KEEP - 1,)
        )


def refill_recent(connection: Connection) -> None:
    """Fill ``search_recent`` anew with the newest ``RECENT_KEEP`` indexed articles."""
    connection.execute(text(f"DELETE FROM {RECENT}"))
    connection.exec_driver_sql(
        f"INSERT INTO {RECENT} (rowid, title, summary, body) "
        f"SELECT rowid, title, summary, body FROM {INDEX} "
        f"WHERE rowid >= coalesce(({_nth_newest(INDEX)}), 0)",
        (RECENT_KEEP - 1,),
    )


def remove(connection: Connection, ids: Sequence[int]) -> None:
    if ids:
        for name in (INDEX, RECENT):
            connection.execute(_delete(name), {"ids": list(ids)})


def clear(connection: Connection) -> None:
    for name in (INDEX, RECENT):
        connection.execute(text(f"DELETE FROM {name}"))


def optimize(connection: Connection) -> None:
    """Merge each table's segments into one. Writes leave them in many, and every query
    reads each: after a rebuild of 100,000 articles, merging took 8 s and made a search for
    a word in half of them 10 to 25 % faster."""
    for name in (INDEX, RECENT):
        connection.execute(text(f"INSERT INTO {name} ({name}) VALUES ('optimize')"))


def indexed_count(connection: Connection) -> int:
    return connection.execute(text(f"SELECT count(*) FROM {INDEX}")).scalar_one()


def matching_ids_sql(query: ParsedQuery) -> tuple[str, dict[str, str]]:
    """SQL selecting the ids of every indexed article matching ``query``, and its parameters."""
    return f"SELECT rowid AS id FROM {INDEX} WHERE {INDEX} MATCH :fts", {"fts": query.fts5()}


def newest_scored(
    connection: Connection, query: ParsedQuery, limit: int, excluding: str | None = None
) -> list[tuple[int, float]]:
    """(id, bm25 score) of the ``limit`` newest matches (highest ids), leaving out those
    ``excluding`` (SQL selecting ids) selects, newest first.

    Read from the index's own document order, no sort; bm25 is computed for the rows
    returned only, in the same walk (a second walk to score them cost a fifth more), in
    ``search_recent`` when all of them are there (one walk without bm25 finds out). The rows
    come back joined into one (see ``_joined``).
    """
    raw = driver(connection)
    leaving_out = _leaving_out_sql(excluding)
    fts = query.fts5()
    probe = f"SELECT 1 FROM {RECENT} WHERE {RECENT} MATCH ? {leaving_out}"
    all_recent = raw.execute(f"{probe}ORDER BY rowid DESC LIMIT 1 OFFSET ?", (fts, limit - 1))
    in_ = RECENT if all_recent.fetchone() else INDEX
    ids, scores = _joined(
        raw,
        f"SELECT rowid AS a, {bm25_sql(in_)} AS b FROM {in_} "
        f"WHERE {in_} MATCH ? {leaving_out}ORDER BY rowid DESC LIMIT ?",
        (fts, limit),
    )
    return _newest_first(ids, scores)


def bm25_sql(table: str) -> str:
    """The bm25 expression of ``table``'s rows with the column ``WEIGHTS``."""
    return f"bm25({table}, {', '.join(str(w) for w in WEIGHTS)})"


def _leaving_out_sql(excluding: str | None) -> str:
    """The condition leaving out the ids ``excluding`` (SQL selecting ids) selects, if any."""
    return f"AND rowid NOT IN ({excluding}) " if excluding else ""


def newest_matches_among(
    connection: Connection, query: ParsedQuery, members: Select, limit: int
) -> list[int]:
    """The ids of the ``limit`` newest matches that ``members`` (a select of ids) selects.

    ``+rowid`` keeps FTS5 from looking each member up in the index one by one (seconds for
    thousands of members): SQLite reads the members once into a set and checks each match
    against it while walking the matches in the index's own order. The ids, up to ``limit``
    (``SEARCH_COUNT_LIMIT`` + 1) of them, come back joined into one row.
    """
    matches = (
        select(literal_column("rowid").label("id"))
        .select_from(table(INDEX))
        .where(text(f"{INDEX} MATCH :fts").bindparams(fts=query.fts5()))
        .where(literal_column("+rowid").in_(members))
        .order_by(literal_column("rowid").desc())
        .limit(limit)
        .subquery()
    )
    joined = connection.execute(select(func.group_concat(matches.c.id))).scalar_one()
    return sorted(json.loads(f"[{joined or ''}]"), reverse=True)


def _joined(raw: sqlite3.Connection, rows_sql: str, params: tuple) -> tuple[list, list]:
    """The ids ``a`` and scores ``b`` (neither ever NULL: ``group_concat`` would skip it and
    the two lists would no longer pair up) of ``rows_sql``'s rows, read as one row.

    Python's ``sqlite3`` lets other threads run during each row it steps over: in a worker
    whose four threads all search, three hundred rows meant three hundred hand-overs, each
    waking a waiting thread on the other core for nothing. Searching in four threads of one
    process, one row instead of 316 took 67 -> 74, 84 -> 87 and 81 -> 106 searches a second
    (bench/RESULTS.md). Scores come back as ``group_concat`` writes them, with 15 significant
    digits: two that differ only past the 15th tie, and ties rank newest first. That changed
    the ranking of none of 358 words at 100,000 articles; writing 17 digits with ``printf``
    cost 0.07-0.15 ms a search (bench/RESULTS.md, "Session 7: bm25 scores as SQLite writes
    them").
    """
    joined = f"SELECT group_concat(a), group_concat(b) FROM ({rows_sql})"
    first, second = raw.execute(joined, params).fetchone()
    return json.loads(f"[{first or ''}]"), json.loads(f"[{second or ''}]")


def _newest_first(ids: list[int], scores: list[float]) -> list[tuple[int, float]]:
    """(id, score) pairs by id, highest first: SQLite joins the rows in the walk's order,
    which is that order already; checking costs one C-level pass, sorting only if not."""
    pairs = list(zip(ids, scores, strict=True))
    if ids != sorted(ids, reverse=True):
        pairs.sort(key=lambda pair: pair[0], reverse=True)
    return pairs


def count_matches(
    connection: Connection,
    query: ParsedQuery,
    limit: int,
    excluding: str | None = None,
    many_likely: bool = False,
) -> int:
    """How many articles match, leaving out those ``excluding`` (SQL selecting ids) selects;
    counting stops at ``limit``. Checking each match against ``excluding`` doubled the cost
    of counting a common word's first 10,000 matches.

    When ``many_likely``, the ``limit``-th match is looked for first: stepping past matches
    with ``OFFSET`` costs about 40 % less than counting them, and finding one settles the
    count. When it is not there, the matches are counted after all (a second walk), so a
    wrong guess costs time, never a wrong count.
    """
    matches = f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ? {_leaving_out_sql(excluding)}"
    raw = driver(connection)
    if (
        many_likely
        and raw.execute(f"{matches}LIMIT 1 OFFSET ?", (query.fts5(), limit - 1)).fetchone()
    ):
        return limit
    return raw.execute(
        f"SELECT count(*) FROM ({matches}LIMIT ?)", (query.fts5(), limit)
    ).fetchone()[0]


def count_among(connection: Connection, query: ParsedQuery, ids: Iterable[int]) -> int:
    """How many of ``ids`` match: FTS5 looks each up in the index (about 15 µs an id at
    100,000 articles), so keep ``ids`` few."""
    return connection.exec_driver_sql(
        f"SELECT count(*) FROM {INDEX} WHERE {INDEX} MATCH ? "
        "AND rowid IN (SELECT value FROM json_each(?))",
        (query.fts5(), json.dumps(list(ids))),
    ).scalar_one()


def scores(connection: Connection, query: ParsedQuery, ids: Sequence[int]) -> dict[int, float]:
    """bm25 scores (lower is better) of the matches ``ids``, and of no other; in
    ``search_recent`` when they all lie above its floor.

    FTS5 seeks to the ids' range in each term's list of documents and walks it; only the
    ids asked for (a set, checked as the walk passes) are scored. Scoring is the dear part:
    a filtered search's candidates can lie far apart, and scoring every match between them
    cost 150 ms for a word in half of 100,000 articles. Read as one row (see ``_joined``).
    """
    raw = driver(connection)
    in_ = RECENT if min(ids) >= _recent_floor(connection) else INDEX
    found, scored = _joined(
        raw,
        f"SELECT rowid AS a, {bm25_sql(in_)} AS b FROM {in_} "
        f"WHERE {in_} MATCH ? AND rowid BETWEEN ? AND ? "
        # The LIMIT keeps SQLite from merging this into the joining query, where bm25 cannot run.
        "AND +rowid IN (SELECT value FROM json_each(?)) LIMIT ?",
        (query.fts5(), min(ids), max(ids), json.dumps(list(ids)), len(ids)),
    )
    return dict(zip(found, scored, strict=True))


def document_frequencies(connection: Connection, stems_: Sequence[str]) -> dict[str, int]:
    """How many indexed articles contain each stem (only stems found are keys)."""
    if not stems_:
        return {}
    rows = connection.execute(
        text("SELECT term, doc FROM search_vocab WHERE term IN :terms").bindparams(
            bindparam("terms", expanding=True)
        ),
        {"terms": list(stems_)},
    )
    return {term: doc for term, doc in rows}


def more_like_this(
    connection: Connection, stems_: Sequence[str], exclude_id: int | None, limit: int
) -> list[tuple[int, float]]:
    """Articles sharing the most weight of these stems (any of them), best first, with bm25."""
    if not stems_:
        return []
    expression = " OR ".join(f'"{s}"' for s in stems_ if '"' not in s)
    rows = connection.execute(
        text(
            f"SELECT rowid, {bm25_sql(INDEX)} AS score FROM {INDEX} "
            f"WHERE {INDEX} MATCH :fts AND rowid != :exclude ORDER BY score LIMIT :limit"
        ),
        {"fts": expression, "exclude": exclude_id or 0, "limit": limit},
    )
    return [(row[0], row[1]) for row in rows]
