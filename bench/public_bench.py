"""The public site under load: pages as a share of /healthz, search p95 per word, worker RSS.

    python -m bench.public_bench --count 100000 --seconds 10 --database /tmp/public.sqlite3

Builds a database of ``--count`` articles from ``bench/corpus.py`` (bulk insert, then the
search index rebuilt as `flask search reindex` does) unless ``--database`` exists (then it is
migrated, as `make run` does), serves it with gunicorn as `make run` does and drives it with
wrk on loopback (``bench/load.py``: 8 keep-alive connections). Each page's paths are asked
once first (the first request, as after a write), then under load for ``--seconds``. /healthz
is measured before, between and after the pages, and every page figure is a ratio to the
median of those three. Search is measured one word at a time over rare, middling and common
probe words (never one repeated query), the twelve words in turn for ``--search-rounds``
rounds; a word's median and p95 are those of all its requests (``load.pooled_percentile_ms``),
every round's own p95 shown beside them. Every row also says the CPU time gunicorn used a
request (``load.timed``): this machine's speed changes from one minute to the next, and that
column shows what a row was run at. Prints a Markdown section for bench/RESULTS.md;
``--record`` writes it there too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import load, results
from bench.corpus import OUTLETS, PROBE_WORDS, generate

ROOT = Path(__file__).resolve().parents[1]


def build(database: Path, count: int) -> None:
    """A migrated database holding ``count`` published corpus articles, indexed for search."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, str(ROOT))
    import flask_migrate
    from sqlalchemy import insert

    from cms import create_app
    from cms.extensions import db
    from cms.models import Article, ArticleStatus, Outlet, Tag, article_tags
    from cms.models.base import name_key
    from cms.services import search, stored_html
    from cms.services.transaction import write
    from cms.slugs import slugify

    app = create_app({"INSTANCE_PATH": str(database.parent)})
    with app.app_context():
        flask_migrate.upgrade()
        outlets = {name: i + 1 for i, name in enumerate(OUTLETS)}
        db.session.execute(
            insert(Outlet),
            [
                {"id": i, "name": n, "name_key": name_key(n), "slug": slugify(n), "aliases": ""}
                for n, i in outlets.items()
            ],
        )
        tags: dict[str, int] = {}
        now = dt.datetime.now(dt.UTC)
        batch: list[dict] = []
        links: list[dict] = []

        def flush() -> None:
            if not batch:  # an empty list would insert one row of defaults
                return
            db.session.execute(insert(Article), batch)
            if links:
                db.session.execute(insert(article_tags), links)
            batch.clear()
            links.clear()

        for article in generate(count):
            for name in article.tags:
                if name not in tags:
                    tags[name] = len(tags) + 1
                    db.session.execute(
                        insert(Tag),
                        [
                            {
                                "id": tags[name],
                                "name": name,
                                "name_key": name_key(name),
                                "slug": slugify(name),
                            }
                        ],
                    )
                links.append({"article_id": article.index + 1, "tag_id": tags[name]})
            batch.append(
                {
                    "id": article.index + 1,
                    "slug": f"a{article.index}-{slugify(article.title)[:60]}",
                    "title": article.title,
                    "outlet_id": outlets[article.outlet],
                    "authors": ", ".join(article.authors),
                    "published_on": article.published_on,
                    "date_precision": "day",
                    "body": article.body,
                    "raw": "",
                    "content_hash": f"{article.index:064d}",
                    "summary": "",
                    "word_count": len(article.body.split()),
                    "status": ArticleStatus.PUBLISHED,
                    "published_at": now,
                }
            )
            if len(batch) == 1000:
                flush()
        flush()
        db.session.commit()
        with write():
            search.reindex()
            stored_html.render_bodies()  # as the importer stores them
        db.engine.dispose()
    add_entities(database, count)


#: Entities the bench database mentions: each article names two of them, so each is in about
#: 2 % of the articles (the corpus itself names none).
ENTITIES = 100


def add_entities(database: Path, count: int) -> None:
    """People mentioned in the articles, for the entity pages and the entity filter; then
    ANALYZE. Written with plain SQL: the triggers keep the data version as any writer would."""
    import sqlite3

    now = dt.datetime.now(dt.UTC).isoformat(sep=" ")
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO entities (id, name, name_key, slug, kind, description, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 'person', '', ?, ?)",
            [
                (n + 1, f"Person {n}", f"person {n}", f"person-{n}", now, now)
                for n in range(ENTITIES)
            ],
        )
        connection.executemany(
            'INSERT INTO mentions (article_id, entity_id, start, "end", surface) '
            "VALUES (?, ?, 0, 6, 'Person')",
            [
                (i + 1, entity + 1)
                for i in range(count)
                for entity in {i % ENTITIES, (i // ENTITIES) % ENTITIES}
            ],
        )
        connection.execute("ANALYZE")


#: The pages under load, each a list of paths cycled through; the article pages are read from
#: the API when the server is up. /healthz is measured before, between and after them.
PAGES = {
    "/": ["/"],
    "/articles/ (pages 1-50)": [f"/articles/?page={n}" for n in range(1, 51)],
    "/articles/?outlet&year": ["/articles/?outlet=daily-ledger&year=2024"],
    "a tag page": ["/tags/market", "/tags/trade", "/tags/oil"],
    "an outlet page": ["/outlets/wire-service", "/outlets/daily-ledger?page=3"],
    "an entity page": ["/entities/person-3", "/entities/person-42?page=2"],
    "/articles/?entity": ["/articles/?entity=person-7&year=2020"],
    "/timeline": ["/timeline"],
    "/feed.atom": ["/feed.atom", "/feed.atom?tag=trade"],
    "/api/v1/articles": ["/api/v1/articles", "/api/v1/articles?page=7"],
}
HEALTH_RUNS = ("before the pages", "between them", "after them")


@dataclass(frozen=True)
class Row:
    """A page's figures under load, and its slowest path's first request."""

    name: str
    timed: load.Timed
    first_ms: float

    @property
    def is_health(self) -> bool:
        return self.name.startswith("/healthz")


@dataclass(frozen=True)
class Search:
    """A probe word's band (rare, middling, common), its share of articles, and its rounds."""

    band: str
    share: float
    word: str
    rounds: list[load.Timed]

    def percentile_ms(self, percent: float) -> float:
        """A latency percentile of all the word's requests, every round's together."""
        return load.pooled_percentile_ms([run.figures for run in self.rounds], percent)

    @property
    def cpu_ms(self) -> float:
        """The CPU time gunicorn used a request, over every round."""
        requests = sum(run.figures.requests for run in self.rounds)
        return sum(run.cpu_ms * run.figures.requests for run in self.rounds) / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="per page (whole seconds)")
    parser.add_argument("--port", type=int, default=5099)
    parser.add_argument("--database", type=Path, help="reuse a database built before")
    parser.add_argument(
        "--search-rounds", type=int, default=3, help="times each search word is measured"
    )
    parser.add_argument("--record", action="store_true", help="write it into bench/RESULTS.md")
    args = parser.parse_args()
    wrk = load.wrk_version()  # before a build that may take minutes
    database = args.database or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    if not database.exists():
        began = time.perf_counter()
        build(database, args.count)
        print(
            f"built {args.count} articles in {time.perf_counter() - began:.0f} s", file=sys.stderr
        )
    else:
        load.migrate(database)
    load_before, speed_before = os.getloadavg()[0], results.speed_probe_ms()
    server = load.serve(database, args.port)
    try:
        pages = {"an article page": _article_paths(args.port), **PAGES}
        rows = measure_pages(server, args.port, pages, args.seconds)
        search_seconds = max(1, math.ceil(args.seconds / 4))
        searches = measure_searches(server, args.port, search_seconds, args.search_rounds)
        rss = load.worker_rss(server)
    finally:
        load.stop(server)
    heading = f"Public site at {args.count:,} articles under wrk (bench/public_bench.py)"
    speeds = (speed_before, results.speed_probe_ms())
    text = report(args, wrk, (load_before, os.getloadavg()[0]), speeds, rows, searches, rss)
    print(f"### {heading}\n\n{text}")
    if args.record:
        results.record("Public site and search", heading, text)


def measure_pages(
    server: subprocess.Popen, port: int, pages: dict[str, list[str]], seconds: int
) -> list[Row]:
    """One row per page in the order measured, /healthz before, between and after the pages:
    each page's paths asked once (the first request), then warmed, then timed under load."""
    rows = []
    between = len(pages) // 2
    for place, (name, paths) in enumerate(pages.items()):
        if place in (0, between):
            rows.append(_health(server, port, seconds, HEALTH_RUNS[0 if place == 0 else 1]))
        first = load.first_requests(port, paths)
        load.warm(port, paths)
        rows.append(Row(name, load.timed(server, port, paths, seconds), first))
    rows.append(_health(server, port, seconds, HEALTH_RUNS[2]))
    return rows


def _health(server: subprocess.Popen, port: int, seconds: int, when: str) -> Row:
    first = load.first_requests(port, ["/healthz"])
    load.warm(port, ["/healthz"])
    return Row(f"/healthz ({when})", load.timed(server, port, ["/healthz"], seconds), first)


def measure_searches(
    server: subprocess.Popen, port: int, seconds: int, rounds: int
) -> list[Search]:
    """Each probe word alone at 8 connections, the words in turn, ``rounds`` times over: a
    minute when the machine runs slower then falls on several words once each, not on one
    word's only measurement."""
    every_search = [f"/search?q={w}" for _share, words in PROBE_WORDS.values() for w in words]
    load.first_requests(port, every_search)
    load.warm(port, every_search)
    found = [
        Search(band, share, word, [])
        for band, (share, words) in PROBE_WORDS.items()
        for word in words
    ]
    for _round in range(rounds):
        for search in found:
            search.rounds.append(load.timed(server, port, [f"/search?q={search.word}"], seconds))
    return found


def _article_paths(port: int) -> list[str]:
    status, body, _took = load.get(port, "/api/v1/articles?per_page=50&page=3")
    if status != 200:
        raise load.LoadFailed(f"the article list of the API answered {status}")
    return [f"/articles/{item['slug']}" for item in json.loads(body)["items"]]


def report(
    args: argparse.Namespace,
    wrk: str,
    loads: tuple[float, float],
    speeds: tuple[float, float],
    rows: list[Row],
    searches: list[Search],
    rss: list[int],
) -> str:
    """The Markdown of one run for bench/RESULTS.md, its heading apart."""
    health = [row.timed.figures.rate for row in rows if row.is_health]
    scale = statistics.median(health)
    lines = [
        f"`python -m bench.public_bench --count {args.count} --seconds {args.seconds}"
        f" --search-rounds {args.search_rounds}"
        f"{f' --database {args.database}' if args.database else ''}`, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{results.machine()}, commit {results.commit()}; gunicorn as `make run` starts it "
        f"(`-c gunicorn.conf.py`: 2 workers, 4 threads); {wrk} on loopback, "
        f"{load.CONNECTIONS} keep-alive connections, {load.THREADS} threads; load average "
        f"{loads[0]:.1f} before, {loads[1]:.1f} after; the speed probe (`sum(range(10**7))`, "
        f"bench/results.py) {speeds[0]:.0f} ms before, {speeds[1]:.0f} ms after.",
        "",
        f"/healthz, {len(health)} runs: {', '.join(f'{rate:.0f}' for rate in health)} requests "
        f"a second; every share is of their median, {scale:.0f}.",
        "",
        "| page | requests a second | share of /healthz | median latency | p95 latency "
        "| first request | worker CPU a request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        f = row.timed.figures
        lines.append(
            f"| {row.name} | {f.rate:.0f} | {f.rate / scale:.2f} | {f.median_ms:.1f} ms "
            f"| {f.p95_ms:.1f} ms | {row.first_ms:.0f} ms | {row.timed.cpu_ms:.2f} ms |"
        )
    seconds = searches[0].rounds[0].figures.seconds
    lines += [
        "",
        f"Search, each word alone for {seconds:.0f} s, the words in turn, "
        f"{len(searches[0].rounds)} rounds; median and p95 of all a word's requests:",
        "",
        "| search word | in share of articles | median | p95 | each round's p95 "
        "| worker CPU a request |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for search in searches:
        each = ", ".join(f"{run.figures.p95_ms:.1f}" for run in search.rounds)
        lines.append(
            f"| {search.word} ({search.band}) | {search.share:.1%} "
            f"| {search.percentile_ms(50):.1f} ms | {search.percentile_ms(95):.1f} ms "
            f"| {each} | {search.cpu_ms:.2f} ms |"
        )
    memory = ", ".join(f"{mb} MB" for mb in rss)
    lines += ["", f"Resident memory of each worker after the run: {memory}."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
