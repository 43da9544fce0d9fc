"""How often scoring in ``search_recent`` changes a search's first page, at a real size.

    python -m bench.recent_ranking --database /tmp/public.sqlite3 [--queries 300]

Search scores a query's newest 300 matches in ``search_recent`` (the newest articles' own
index) when all of them are there, instead of in ``search_index``: the same counts of each word
and the same lengths, but each word's weight and the average length taken from the newest
articles only. For queries whose newest 300 matches all lie there (each stem in more than one
article in 30 alone, and ``--queries`` pairs of them drawn at random, as two words and as "a
OR b"), this ranks the 300 both ways and prints how many have the same ten first, in the same
order, and how many of the ten they share.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
from pathlib import Path

from cms.services.search.fts5 import INDEX, RECENT, bm25_sql
from cms.services.search.searching import SEARCH_CANDIDATES

FIRST_PAGE = 10


def first_page(connection: sqlite3.Connection, table: str, fts: str) -> list[int] | None:
    """The best ``FIRST_PAGE`` of the newest ``SEARCH_CANDIDATES`` matches scored in ``table``;
    None when it holds fewer."""
    rows = connection.execute(
        f"SELECT rowid, {bm25_sql(table)} FROM {table} WHERE {table} MATCH ? "
        "ORDER BY rowid DESC LIMIT ?",
        (fts, SEARCH_CANDIDATES),
    ).fetchall()
    if len(rows) < SEARCH_CANDIDATES:
        return None
    return [id_ for id_, _ in sorted(rows, key=lambda row: row[1])][:FIRST_PAGE]


def compare(connection: sqlite3.Connection, queries: list[str]) -> str:
    overlaps, same = [], 0
    for fts in queries:
        recent = first_page(connection, RECENT, fts)
        if recent is None:
            continue  # scored in search_index, as before
        everywhere = first_page(connection, INDEX, fts)
        assert everywhere is not None  # search_recent's matches are search_index's
        same += recent == everywhere
        overlaps.append(len(set(recent) & set(everywhere)))
    if not overlaps:
        return "none of them scored in search_recent"
    return (
        f"{len(overlaps)} of {len(queries)} scored in search_recent; the same first "
        f"{FIRST_PAGE} in the same order: {same}; in common: median "
        f"{statistics.median(overlaps):.0f}, least {min(overlaps)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    connection = sqlite3.connect(f"file:{args.database}?mode=ro", uri=True)
    (articles,) = connection.execute(f"SELECT count(*) FROM {INDEX}_docsize").fetchone()
    stems = [
        term
        for (term,) in connection.execute(
            "SELECT term FROM search_vocab WHERE doc > ? ORDER BY term", (articles // 30,)
        )
    ]
    draw = random.Random(1)
    queries = {
        "one word (each stem)": [f'"{stem}"' for stem in stems],
        "two words": ['"{}" "{}"'.format(*draw.sample(stems, 2)) for _ in range(args.queries)],
        "a OR b": ['"{}" OR "{}"'.format(*draw.sample(stems, 2)) for _ in range(args.queries)],
    }
    print(f"{articles} articles, {len(stems)} stems in more than one in 30")
    for kind, asked in queries.items():
        print(f"{kind}: {compare(connection, asked)}")


if __name__ == "__main__":
    main()
