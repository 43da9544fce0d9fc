"""Search under gunicorn: median and 95th percentile per probe word, at 8 connections and at 1.

    python -m bench.search_bench --database /tmp/public.sqlite3 --seconds 5

Serves a database built by ``bench.public_bench`` (``--count`` articles; built here if the file
is missing) with gunicorn as `make run` starts it, then asks ``/search?q=word`` for each probe
word of ``bench/corpus.py`` (rare 0.3 %, middling 3 %, common 50 % of the articles), one word at
a time, with wrk on loopback (``bench/load.py``) from ``--connections`` keep-alive connections;
then all twelve words mixed, cycled through. 8 connections is the issue's load (each request
waits behind the others on two cores); 1 connection is one reader alone, the request's own
time. ``/healthz`` at the same concurrency is measured before and after the words, for scale.
Nothing is cached between requests: every search runs in full. Prints a Markdown section for
bench/RESULTS.md; ``--record`` writes it there too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from bench import load, results
from bench.corpus import PROBE_WORDS
from bench.public_bench import build

#: One table row: connections, what was asked, its share of articles, its figures.
Row = tuple[int, str, str, load.Figures]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--count", type=int, default=100_000, help="articles, if building")
    parser.add_argument("--seconds", type=int, default=5, help="per word and concurrency")
    parser.add_argument("--connections", default="8,1", help="comma-separated, e.g. 8,1")
    parser.add_argument("--port", type=int, default=5098)
    parser.add_argument("--record", action="store_true", help="write it into bench/RESULTS.md")
    args = parser.parse_args()
    wrk = load.wrk_version()
    if not args.database.exists():
        build(args.database, args.count)
    concurrencies = [int(n) for n in args.connections.split(",")]
    load_before = os.getloadavg()[0]
    server = load.serve(args.database, args.port)
    try:
        rows = measure(args.port, concurrencies, args.seconds)
    finally:
        load.stop(server)
    heading = f"Search at {args.count:,} articles under wrk (bench/search_bench.py)"
    text = report(args, wrk, (load_before, os.getloadavg()[0]), rows)
    print(f"### {heading}\n\n{text}")
    if args.record:
        results.record("Public site and search", heading, text)


def measure(port: int, concurrencies: list[int], seconds: int) -> list[Row]:
    """At each concurrency: /healthz, each word alone, all twelve mixed, /healthz again."""
    words = [(band, share, word) for band, (share, ws) in PROBE_WORDS.items() for word in ws]
    every_search = [f"/search?q={word}" for _band, _share, word in words]
    load.first_requests(port, every_search)  # each answers 200
    load.warm(port, every_search)
    rows = []
    for n in concurrencies:
        rows.append(
            (n, "/healthz (before the words)", "", load.run(port, ["/healthz"], seconds, n))
        )
        for band, share, word in words:
            figures = load.run(port, [f"/search?q={word}"], seconds, n)
            rows.append((n, f"{word} ({band})", f"{share:.1%}", figures))
        rows.append((n, "all twelve words, mixed", "", load.run(port, every_search, seconds, n)))
        rows.append((n, "/healthz (after them)", "", load.run(port, ["/healthz"], seconds, n)))
    return rows


def report(args: argparse.Namespace, wrk: str, loads: tuple[float, float], rows: list[Row]) -> str:
    """The Markdown of one run for bench/RESULTS.md, its heading apart."""
    lines = [
        f"`python -m bench.search_bench --database {args.database} --seconds {args.seconds} "
        f"--connections {args.connections}`, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{results.machine()}, commit {results.commit()}; gunicorn as `make run` starts it "
        f"(`-c gunicorn.conf.py`: 2 workers, 4 threads); {wrk} on loopback; load average "
        f"{loads[0]:.1f} before, {loads[1]:.1f} after.",
        "",
        "| connections | request | in share of articles | requests a second | median | p95 |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for connections, name, share, f in rows:
        lines.append(
            f"| {connections} | {name} | {share} | {f.rate:.0f} | {f.median_ms:.1f} ms "
            f"| {f.p95_ms:.1f} ms |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
