"""The public site under load: pages as a share of /healthz, search p95 per word, worker RSS.

    python -m bench.public_bench --count 100000 --seconds 10

Builds a database of ``--count`` articles from ``bench/corpus.py`` (bulk insert, then the
search index rebuilt as `flask search reindex` does), serves it with gunicorn exactly as
`make run` does (2 workers, 4 threads), and drives it from a bounded Python client on loopback
(8 connections, keep-alive). Every page figure is a ratio to /healthz measured in the same run.
Search is measured one word at a time over rare, middling and common probe words (never one
repeated query). Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus import OUTLETS, PROBE_WORDS, generate

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS = 8


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
    from cms.services import search
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


def serve(database: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def get(
    port: int, path: str, connection: http.client.HTTPConnection | None = None
) -> tuple[int, float]:
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - start


def warm_up(port: int, paths: list[str]) -> float:
    """Each path once, one at a time; the slowest, in ms (the cost of a cold worker's kept
    counts, as after a write)."""
    return max(get(port, path)[1] for path in paths) * 1000


def load(
    port: int, paths: list[str], seconds: float, connections: int = CONNECTIONS
) -> tuple[float, list[float]]:
    """Requests a second and every latency, ``connections`` clients cycling through ``paths``.

    A request that fails or times out is counted in neither: the client reconnects and says so.
    """
    latencies: list[float] = []
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, i = [], offset
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += 1
            try:
                status, took = get(port, path, conn)
            except OSError as error:
                print(f"{path}: {error!r}", file=sys.stderr)
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            if status != 200:
                print(f"{path}: HTTP {status}", file=sys.stderr)
                continue
            mine.append(took)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / (time.perf_counter() - began), latencies


def worker_rss(server: subprocess.Popen) -> list[int]:
    """Resident memory of each gunicorn worker, in MB."""
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) // 1024)
    return sizes


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] * 1000 if len(values) > 1 else values[0] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--port", type=int, default=5099)
    parser.add_argument("--database", type=Path, help="reuse a database built before")
    args = parser.parse_args()
    database = args.database or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    if not database.exists():
        began = time.perf_counter()
        build(database, args.count)
        print(
            f"built {args.count} articles in {time.perf_counter() - began:.0f} s", file=sys.stderr
        )
    server = serve(database, args.port)
    try:
        rows = []
        pages = {
            "/healthz": ["/healthz"],
            "an article page": _article_paths(args.port),
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
        base = None
        for name, paths in pages.items():
            cold = warm_up(args.port, paths)
            rate, latencies = load(args.port, paths, args.seconds)
            base = base or rate
            median = statistics.median(latencies) * 1000 if latencies else float("nan")
            rows.append((name, rate, rate / base, median, cold))
        searches = []
        for band, (share, words) in PROBE_WORDS.items():
            for word in words:
                _rate, latencies = load(args.port, [f"/search?q={word}"], args.seconds / 4)
                searches.append(
                    (band, share, word, statistics.median(latencies) * 1000, p95(latencies))
                )
        report(args, rows, searches, worker_rss(server))
    finally:
        server.terminate()
        server.wait()


def _article_paths(port: int) -> list[str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/api/v1/articles?per_page=50&page=3")
    import json

    body = json.loads(conn.getresponse().read())
    return [f"/articles/{item['slug']}" for item in body["items"]]


def report(args, rows, searches, rss) -> None:
    print(f"### Public site at {args.count:,} articles\n")
    print(
        f"`python -m bench.public_bench --count {args.count} --seconds {args.seconds:g}`, "
        f"{dt.date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; gunicorn as `make run` (2 workers, 4 threads), "
        f"{CONNECTIONS} connections from a Python client on loopback.\n"
    )
    print("| page | requests a second | share of /healthz | median latency | first request |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, rate, share, median, cold in rows:
        print(f"| {name} | {rate:.0f} | {share:.2f} | {median:.1f} ms | {cold:.0f} ms |")
    print("\n| search word | in share of articles | median | p95 |")
    print("| --- | ---: | ---: | ---: |")
    for band, share, word, median, high in searches:
        print(f"| {word} ({band}) | {share:.1%} | {median:.1f} ms | {high:.1f} ms |")
    print(f"\nResident memory of each worker after the run: {', '.join(f'{m} MB' for m in rss)}.")


if __name__ == "__main__":
    main()
