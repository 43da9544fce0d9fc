"""bench/load.py: wrk cycles through every path, and a run with error answers fails loudly."""

from __future__ import annotations

import argparse
import collections
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench import load


class Site(BaseHTTPRequestHandler):
    """/ok/...: 200; /broken: 500; /moved: 302. Counts what it was asked."""

    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn
    wbufsize = 65536  # headers and body in one write
    asked: collections.Counter[str]
    lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        with self.lock:
            self.asked[self.path] += 1
        status = {"/broken": 500, "/moved": 302}.get(self.path, 200)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """wrk resets its connections when it stops: not worth a traceback."""


@pytest.fixture
def site() -> Iterator[tuple[int, collections.Counter[str]]]:
    Site.asked = collections.Counter()
    server = Server(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], Site.asked
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("connections", [1, 8])
def test_every_path_is_asked_in_turn(site: tuple[int, collections.Counter], connections: int):
    port, asked = site
    paths = ["/ok/1", "/ok/2", "/ok/3"]
    figures = load.run(port, paths, 1, connections)
    assert set(asked) == set(paths)
    assert max(asked.values()) - min(asked.values()) <= load.THREADS + 1  # each thread in turn
    assert 0 < figures.requests <= sum(asked.values())
    assert figures.rate == figures.requests / figures.seconds
    assert 0 < figures.median_ms <= figures.p95_ms
    assert len(figures.tail_ms) == len(load.TAIL_PERCENTILES)
    assert list(figures.tail_ms) == sorted(figures.tail_ms)
    assert figures.tail_ms[0] == figures.median_ms
    assert figures.tail_ms[load.TAIL_PERCENTILES.index(95.0)] == figures.p95_ms
    # One run pooled alone is itself.
    assert load.pooled_percentile_ms([figures], 95) == figures.p95_ms


def test_an_error_answer_fails_the_run(site: tuple[int, collections.Counter]):
    port, _asked = site
    with pytest.raises(load.LoadFailed, match=r"/ok/1 and 1 more paths: \d+ answers of 400"):
        load.run(port, ["/ok/1", "/broken"], 1)


def test_a_server_that_is_not_there_fails_the_run():
    with socket.socket() as probe:  # a port that was free a moment ago, and no one listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(load.LoadFailed, match="wrk failed on /healthz"):
        load.run(port, ["/healthz"], 1)


def test_a_first_request_must_answer_200(site: tuple[int, collections.Counter]):
    port, _asked = site
    assert load.first_requests(port, ["/ok/1"]) > 0
    with pytest.raises(load.LoadFailed, match="/moved answered 302"):
        load.first_requests(port, ["/ok/1", "/moved"])


def test_gunicorn_serves_and_ends_with_its_workers(migrated_database: Path, tmp_path: Path):
    database = tmp_path / "cms.sqlite3"
    database.write_bytes(migrated_database.read_bytes())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = load.serve(database, port)
    try:
        sizes = load.worker_rss(server)
        assert len(sizes) == 2 and all(mb > 10 for mb in sizes)
        used = load.cpu_seconds(server)
        assert 0 < used < 60  # starting took some, a minute would be absurd
        for _ in range(200):
            assert load.get(port, "/healthz")[0] == 200
        assert load.cpu_seconds(server) > used
        run = load.timed(server, port, ["/healthz"], 1)
        # Each answer took the workers some CPU, and far less than the whole second each.
        assert run.figures.requests > 10
        assert 0 < run.cpu_ms < 1000 * run.figures.seconds * 2 / run.figures.requests
        found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True)
        workers = [int(pid) for pid in found.stdout.split()]
    finally:
        load.stop(server)
    assert server.returncode is not None
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def test_settings_ab_reads_named_sets_of_variables():
    from bench.settings_ab import settings

    assert settings("off:REQUEST_TURN_WAIT_MS=0,THREADS=2") == (
        "off",
        {"REQUEST_TURN_WAIT_MS": "0", "THREADS": "2"},
    )
    assert settings("defaults:") == ("defaults", {})
    for wrong in ("no-colon=1", ":A=1", "x:A", "x:=1"):
        with pytest.raises(argparse.ArgumentTypeError):
            settings(wrong)


def test_migrate_brings_a_database_to_this_checkouts_schema(tmp_path: Path):
    import sqlite3

    database = tmp_path / "older.sqlite3"
    sqlite3.connect(database).close()  # as old as can be: no table at all
    for _ in range(2):  # the second time there is nothing to do
        load.migrate(database)
        with sqlite3.connect(database) as connection:
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        assert {"alembic_version", "articles", "search_index", "search_recent"} <= tables


def _run(requests: int, latency_at: Callable[[float], float]) -> load.Figures:
    """A run whose latency at each reported percentile is ``latency_at(percentile)``."""
    tail = tuple(latency_at(p) for p in load.TAIL_PERCENTILES)
    return load.Figures(requests, 1.0, tail[0], latency_at(95.0), tail)


def test_runs_pool_into_the_percentile_of_all_their_requests() -> None:
    fast = _run(900, lambda p: 10.0 + p / 100)  # 10.5-11 ms
    slow = _run(100, lambda p: 100.0 + p / 100)  # 100.5-101 ms
    # 90 % of all requests are fast: their p95 lies among the slow run's, past its median.
    pooled = load.pooled_percentile_ms([fast, slow], 95)
    assert 100.5 <= pooled <= 101.0
    assert slow.share_at_most(pooled) >= 0.5
    # and the median among the fast run's
    assert 10.5 <= load.pooled_percentile_ms([fast, slow], 50) <= 11.0
    # Equal runs pool into the same figure; the median of p95s would drop a slow run's tail.
    assert load.pooled_percentile_ms([fast, fast, fast], 95) == fast.p95_ms
    assert load.pooled_percentile_ms([fast, fast, slow], 95) > fast.p95_ms


def test_a_share_read_off_the_tail_is_never_more_than_the_true_one() -> None:
    run = _run(1000, lambda p: p)  # the latency at p is p ms
    assert run.share_at_most(95.0) == 0.95
    assert run.share_at_most(95.05) == 0.95  # between two listed percentiles: the lower
    assert run.share_at_most(49.0) == 0.0  # below the median nothing is listed
    assert run.share_at_most(1000.0) == 1.0
