"""The SQLite FTS5 engine behind the search interface.

One FTS5 table, ``search_index`` (rowid = article id; stemmed title, summary and body), made by
its migration. Every article is indexed, whatever its status: suggestions look for related
articles and duplicates among drafts too, and a status change then costs no index write. The
public search narrows matches to published articles by joining ``articles``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, bindparam, text

from cms.services.search.text import ParsedQuery, stems

#: bm25 weights of title, summary and body: a word in the title counts most.
WEIGHTS = (8.0, 3.0, 1.0)

_DELETE = text("DELETE FROM search_index WHERE rowid IN :ids").bindparams(
    bindparam("ids", expanding=True)
)
_INSERT = text(
    "INSERT INTO search_index (rowid, title, summary, body) VALUES (:id, :title, :summary, :body)"
)


def index_rows(connection: Connection, rows: Iterable[tuple[int, str, str, str]]) -> int:
    """Index (or re-index) articles given as (id, title, summary, body) rows; how many."""
    values = [
        {"id": id_, "title": stems(title), "summary": stems(summary), "body": stems(body)}
        for id_, title, summary, body in rows
    ]
    if values:
        remove(connection, [v["id"] for v in values])
        connection.execute(_INSERT, values)
    return len(values)


def remove(connection: Connection, ids: Sequence[int]) -> None:
    if ids:
        connection.execute(_DELETE, {"ids": list(ids)})


def clear(connection: Connection) -> None:
    connection.execute(text("DELETE FROM search_index"))


def indexed_count(connection: Connection) -> int:
    return connection.execute(text("SELECT count(*) FROM search_index")).scalar_one()


def matching_ids_sql(query: ParsedQuery) -> tuple[str, dict[str, str]]:
    """SQL selecting the ids of every indexed article matching ``query``, and its parameters."""
    return "SELECT rowid AS id FROM search_index WHERE search_index MATCH :fts", {
        "fts": query.fts5()
    }


def scores(
    connection: Connection, query: ParsedQuery, lowest_id: int, highest_id: int
) -> dict[int, float]:
    """bm25 scores (lower is better) of the matches whose ids lie in a range.

    FTS5 seeks to the range in each term's list of documents, so only the articles in the
    range are scored, however many match in all: this is what keeps a common word cheap.
    """
    weights = ", ".join(str(w) for w in WEIGHTS)
    rows = connection.execute(
        text(
            f"SELECT rowid, bm25(search_index, {weights}) FROM search_index "
            "WHERE search_index MATCH :fts AND rowid BETWEEN :low AND :high"
        ),
        {"fts": query.fts5(), "low": lowest_id, "high": highest_id},
    )
    return {row[0]: row[1] for row in rows}


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
    weights = ", ".join(str(w) for w in WEIGHTS)
    rows = connection.execute(
        text(
            f"SELECT rowid, bm25(search_index, {weights}) AS score FROM search_index "
            "WHERE search_index MATCH :fts AND rowid != :exclude ORDER BY score LIMIT :limit"
        ),
        {"fts": expression, "exclude": exclude_id or 0, "limit": limit},
    )
    return [(row[0], row[1]) for row in rows]
