"""Import speed: Markdown articles per second into a database already holding ``--preload``
articles, and the resident memory of the import's processes. The import phase only (no
analysis), every index in place (search included).

    python -m bench.import_bench --preload 100000 --count 2000 --database /tmp/preload.db

The preload goes through the same import service; with ``--database`` it is built once and
reused, migrated to this checkout's schema (each round imports into a fresh copy of it). The
corpus is ``bench/corpus.py``'s, so preload and measured articles never collide (different
seeds).

Each round runs in a process of its own, started for it, as ``flask import`` would be: its peak
resident memory is the import's own, not this script's. Besides the wall-clock rate (the
target's) it prints the rate per CPU-second of all the import's processes, which other load on
the machine barely moves. ``--workers`` (default: as ``flask import``) runs the pipeline in
that many other processes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench import load
from bench.corpus import generate, write_markdown
from cms.services.importing.extracting import default_workers


def _app(root: Path, database: Path):  # type: ignore[no-untyped-def]
    from cms import create_app

    return create_app(
        {"INSTANCE_PATH": str(root), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}
    )


def build(database: Path, preload: int, workers: int) -> None:
    """A migrated database holding ``preload`` corpus articles, imported as an editor would."""
    import flask_migrate

    from cms.services import importing

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        app = _app(root, database)
        with app.app_context():
            flask_migrate.upgrade()
            if preload:
                write_markdown(root / "preload", generate(preload, seed=1))
                importing.import_files(
                    importing.find_files([root / "preload"]), channel="cli", workers=workers
                )


def measure(database: Path, folder: Path, workers: int) -> dict[str, float]:
    """One round, in its own process: import ``folder``; rate, CPU and memory of the import."""
    from cms import sqlite
    from cms.extensions import db
    from cms.services import importing

    app = _app(folder.parent, database)
    with app.app_context():
        files = list(importing.find_files([folder]))
        before = _cpu()
        started = time.perf_counter()
        with sqlite.bulk_load(db.engine):  # as `flask import` does
            importing.import_files(files, channel="cli", workers=workers)
        seconds = time.perf_counter() - started
        cpu = _cpu() - before
    return {
        "rate": len(files) / seconds,
        "cpu_rate": len(files) / cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _cpu() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def run(preload: int, count: int, rounds: int, workers: int, database: Path | None) -> str:
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        base = database or root / "preload.db"
        if not base.exists():
            started = time.perf_counter()
            with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                pool.submit(build, base, preload, workers).result()
            print(f"preload of {preload} built in {time.perf_counter() - started:.0f} s")
        else:
            load.migrate(base)
        results = []
        for n in range(rounds):
            batch = root / f"round{n}" / "files"
            write_markdown(batch, generate(count, seed=100 + n))
            copy = root / f"round{n}" / "cms.db"
            shutil.copyfile(base, copy)
            with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                results.append(pool.submit(measure, copy, batch, workers).result())
            shutil.rmtree(batch.parent)
    rates = [r["rate"] for r in results]
    return (
        f"preload {preload}, {rounds} rounds of {count}, {workers} worker(s): median "
        f"{statistics.median(rates):.0f} articles/s (all: {', '.join(f'{r:.0f}' for r in rates)}); "
        f"per CPU-second of all its processes: "
        f"{statistics.median(r['cpu_rate'] for r in results):.0f}; peak RSS "
        f"{max(r['rss_mb'] for r in results):.0f} MB (import), "
        f"{max(r['worker_rss_mb'] for r in results):.0f} MB (a pipeline worker); "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preload", type=int, default=100_000)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--workers", type=int, default=default_workers(), help="as `flask import --jobs`"
    )
    parser.add_argument(
        "--database", type=Path, help="the preloaded database: built there if missing, reused"
    )
    args = parser.parse_args()
    print(run(args.preload, args.count, args.rounds, args.workers, args.database))


if __name__ == "__main__":
    main()
