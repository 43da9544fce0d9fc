"""Search under gunicorn: median and 95th percentile per probe word, at 8 connections and at 1.

    python -m bench.search_bench --database /tmp/17s/bench.sqlite3 --seconds 5

Serves a database built by ``bench.public_bench`` (``--count`` articles; built here if the file
is missing) with gunicorn exactly as `make run` starts it (``gunicorn -c gunicorn.conf.py``:
2 workers, 4 threads), then asks ``/search?q=word`` for each probe word of ``bench/corpus.py``
(rare 0.3 %, middling 3 %, common 50 % of the articles), one word at a time, from
``--connections`` keep-alive clients on loopback; then all twelve words mixed, each client
cycling through them from its own place. 8 connections is the issue's load (each request
waits behind the others on two cores); 1 connection is one reader alone, the request's own
time. ``/healthz`` at the same concurrency is measured first, for scale. Nothing is cached
between requests: every search runs in full. Prints a Markdown section for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import public_bench
from bench.corpus import PROBE_WORDS
from bench.public_bench import build, get, p95

ROOT = Path(__file__).resolve().parents[1]


def serve(database: Path, port: int) -> subprocess.Popen:
    """gunicorn as `make run` starts it, in its own process group (killed with the bench)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise RuntimeError("gunicorn did not start")


def stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def load(port: int, paths: list[str], seconds: float, connections: int) -> list[float]:
    """Every latency (s) of ``connections`` clients cycling through ``paths`` for ``seconds``
    (``public_bench``'s client; only 200 answers count, anything else is said on stderr)."""
    return public_bench.load(port, paths, seconds, connections)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--count", type=int, default=100_000, help="articles, if building")
    parser.add_argument("--seconds", type=float, default=5, help="per word and concurrency")
    parser.add_argument("--connections", default="8,1", help="comma-separated, e.g. 8,1")
    parser.add_argument("--port", type=int, default=5098)
    args = parser.parse_args()
    if not args.database.exists():
        build(args.database, args.count)
    concurrencies = [int(n) for n in args.connections.split(",")]
    words = [(band, share, word) for band, (share, ws) in PROBE_WORDS.items() for word in ws]
    load_before = os.getloadavg()
    server = serve(args.database, args.port)
    try:
        for _band, _share, word in words:  # each worker thread's first search of each word
            get(args.port, f"/search?q={word}")
        rows = []
        for connections in concurrencies:
            health = load(args.port, ["/healthz"], args.seconds, connections)
            rows.append((connections, "/healthz", "", health))
            for band, share, word in words:
                latencies = load(args.port, [f"/search?q={word}"], args.seconds, connections)
                rows.append((connections, f"{word} ({band})", f"{share:.1%}", latencies))
            mixed = load(
                args.port, [f"/search?q={w}" for _b, _s, w in words], args.seconds, connections
            )
            rows.append((connections, "all twelve words, mixed", "", mixed))
    finally:
        stop(server)
    report(args, rows, load_before, os.getloadavg())


def report(args, rows, load_before, load_after) -> None:
    print(f"### Search at {args.count:,} articles (bench/search_bench.py)\n")
    print(
        f"`python -m bench.search_bench --database {args.database} --seconds {args.seconds:g} "
        f"--connections {args.connections}`, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"gunicorn -c gunicorn.conf.py (2 workers, 4 threads); load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after.\n"
    )
    print("| connections | request | in share of articles | requests | median | p95 |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for connections, name, share, latencies in rows:
        if not latencies:
            print(f"| {connections} | {name} | {share} | 0 | — | — |")
            continue
        median = statistics.median(latencies) * 1000
        print(
            f"| {connections} | {name} | {share} | {len(latencies)} | {median:.1f} ms "
            f"| {p95(latencies):.1f} ms |"
        )


if __name__ == "__main__":
    main()
