"""Load on the public site: gunicorn as `make run` starts it, driven by wrk on loopback.

The gunicorn benchmarks (``public_bench.py``, ``search_bench.py``) serve a database with
``serve`` and time it with ``run``: wrk (Debian's package, ``make bench-tools``), a C load
generator, so that the client costs little of the two cores the server needs, keeps
``connections`` keep-alive connections busy for ``seconds``, cycling through a list of paths
(``cycle.lua``), and reports requests a second, median and 95th percentile latency. A run in
which any answer is 400 or above, or any connection fails, reads or writes badly or times
out, raises ``LoadFailed``: a page answering errors must never count as fast.
"""

from __future__ import annotations

import bisect
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_name("cycle.lua")
#: The issue's load: eight connections on loopback.
CONNECTIONS = 8
#: wrk's threads: one a core of this two-core machine (never more than connections).
THREADS = 2
#: A request slower than this is a timeout, which fails the run (as the old client's 30 s).
TIMEOUT_SECONDS = 30
#: Untimed load before a timed run: a cold worker's first pass takes about a second at 100,000
#: articles, longer on a busy machine.
WARM_SECONDS = 2


#: The percentiles whose latencies a run reports besides the median and p95 (``cycle.lua``):
#: 50.0, 50.1, ... 99.9 and 100.
TAIL_PERCENTILES = tuple(50 + step / 10 for step in range(501))


class LoadFailed(RuntimeError):
    """wrk could not run, or some answers were errors: the run's figures mean nothing."""


@dataclass(frozen=True)
class Figures:
    """What one wrk run measured: every answer was below 400."""

    requests: int
    seconds: float
    median_ms: float
    p95_ms: float
    #: The latencies at ``TAIL_PERCENTILES``, ms.
    tail_ms: tuple[float, ...] = ()

    @property
    def rate(self) -> float:
        """Requests a second."""
        return self.requests / self.seconds

    def share_at_most(self, ms: float) -> float:
        """At least what share of the run's requests took ``ms`` or less, read off its tail
        (0 below the median): never more than the true share."""
        listed = bisect.bisect_right(self.tail_ms, ms)
        return TAIL_PERCENTILES[listed - 1] / 100 if listed else 0.0


def pooled_percentile_ms(runs: Sequence[Figures], percent: float) -> float:
    """The ``percent`` percentile latency of all ``runs``' requests taken together (``percent``
    at least 50), from each run's tail: the least latency that the runs' reported shares,
    weighted by their requests, put ``percent`` of all requests at or under. Where the tails
    fall between two listed percentiles it reads high, never low. The p95 of several short
    runs taken at different moments, instead of their median, which would drop one slow
    moment's tail."""
    total = sum(run.requests for run in runs)
    latencies = sorted({ms for run in runs for ms in run.tail_ms})
    for ms in latencies:
        if sum(run.requests * run.share_at_most(ms) for run in runs) >= percent / 100 * total:
            return ms
    return latencies[-1]


@dataclass(frozen=True)
class Timed:
    """One wrk run's figures, and the CPU time gunicorn used a request during it, in ms."""

    figures: Figures
    cpu_ms: float


def wrk_version() -> str:
    """wrk's own version line; ``LoadFailed`` naming the make target when it is missing."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise LoadFailed("wrk is not installed: `make bench-tools` installs Debian's package")
    done = subprocess.run([wrk, "--version"], capture_output=True, text=True)
    return (done.stdout or done.stderr).split(" Copyright")[0].strip()


def run(port: int, paths: list[str], seconds: int, connections: int = CONNECTIONS) -> Figures:
    """wrk for ``seconds`` (whole seconds: wrk takes no fraction) from ``connections``
    keep-alive connections on loopback, each asking the next of ``paths`` in turn."""
    wrk_version()
    threads = min(THREADS, connections)
    with tempfile.NamedTemporaryFile("w", suffix=".paths", encoding="utf-8") as listed:
        listed.write("".join(f"{path}\n" for path in paths))
        listed.flush()
        done = subprocess.run(
            [
                "wrk",
                f"--threads={threads}",
                f"--connections={connections}",
                f"--duration={seconds}s",
                f"--timeout={TIMEOUT_SECONDS}s",
                f"--script={SCRIPT}",
                f"http://127.0.0.1:{port}",
                "--",
                listed.name,
                str(threads),
            ],
            capture_output=True,
            text=True,
        )
    return _figures(done, paths)


def timed(server: subprocess.Popen, port: int, paths: list[str], seconds: int) -> Timed:
    """``run``'s figures, and the CPU time gunicorn's master and workers used a request
    meanwhile: what a request cost at the speed the machine had then."""
    before = cpu_seconds(server)
    figures = run(port, paths, seconds)
    return Timed(figures, (cpu_seconds(server) - before) / figures.requests * 1000)


def _figures(done: subprocess.CompletedProcess, paths: list[str]) -> Figures:
    """The figures of ``cycle.lua``'s last line, or ``LoadFailed`` naming what went wrong."""
    what = paths[0] if len(paths) == 1 else f"{paths[0]} and {len(paths) - 1} more paths"
    line = next((x for x in done.stdout.splitlines() if x.startswith("wrk-figures ")), None)
    if done.returncode != 0 or line is None:
        raise LoadFailed(f"wrk failed on {what}: {done.stderr.strip() or done.stdout.strip()}")
    found = json.loads(line.removeprefix("wrk-figures "))
    errors = {
        "answers of 400 or above": found["status_errors"],
        "connect errors": found["connect_errors"],
        "read errors": found["read_errors"],
        "write errors": found["write_errors"],
        "timeouts": found["timeouts"],
    }
    if any(errors.values()) or not found["requests"]:
        listed = ", ".join(f"{n} {kind}" for kind, n in errors.items() if n)
        raise LoadFailed(f"{what}: {listed or 'no answer'} in {found['requests']} requests")
    return Figures(
        requests=found["requests"],
        seconds=found["duration_us"] / 1e6,
        median_ms=found["median_us"] / 1000,
        p95_ms=found["p95_us"] / 1000,
        tail_ms=tuple(us / 1000 for us in found["tail_us"]),
    )


def warm(port: int, paths: list[str]) -> None:
    """Load, not timed, so that both gunicorn workers (each keeps its own counts until a write)
    have answered ``paths`` before a timed run; its answers are checked too."""
    run(port, paths, WARM_SECONDS)


def get(port: int, path: str) -> tuple[int, bytes, float]:
    """One request on a new connection: its status, body and time in seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
    try:
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - start
    finally:
        connection.close()


def first_requests(port: int, paths: list[str]) -> float:
    """Each path once, one at a time, each required to answer 200; the slowest, in ms (the
    cost of a cold worker's kept counts, as after a write)."""
    slowest = 0.0
    for path in paths:
        status, _body, took = get(port, path)
        if status != 200:
            raise LoadFailed(f"{path} answered {status}, not 200")
        slowest = max(slowest, took)
    return slowest * 1000


def migrate(database: Path) -> None:
    """Bring a database built by an earlier checkout up to this one's schema, as `make run`
    does (``flask db upgrade``); nothing to do when it is there already."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        check=True,
        capture_output=True,
    )


def serve(database: Path, port: int, settings: dict[str, str] | None = None) -> subprocess.Popen:
    """gunicorn as `make run` starts it (``-c gunicorn.conf.py``: 2 workers, 4 threads), in a
    process group of its own that ``stop`` ends with the bench; ``settings`` are environment
    variables the app or gunicorn.conf.py reads (README, "Settings"), a ``DATABASE_URL``
    among them serving another database than ``database``."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        **(settings or {}),
        "PORT": str(port),
    }
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
    """End gunicorn's whole process group: TERM, then KILL if it has not gone in 30 s."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _workers(server: subprocess.Popen) -> list[str]:
    return subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()


def worker_rss(server: subprocess.Popen) -> list[int]:
    """Resident memory of each gunicorn worker, in MB."""
    sizes = []
    for pid in _workers(server):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) // 1024)
    return sizes


def cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user and system) gunicorn's master and workers have used so far."""
    ticks = 0
    for pid in [str(server.pid), *_workers(server)]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")
