"""Import speed: Markdown articles per second into a database already holding ``--preload``
articles, and the process's peak resident memory. The import phase only (no analysis).

    python -m bench.import_bench --preload 100000 --count 2000

The preload goes through the same import service; the corpus is ``bench/corpus.py``'s, so
preload and measured articles never collide (different seeds). Besides the wall-clock rate it
prints the rate per CPU-second of the process, which other load on the machine barely moves
(the wall-clock figure is the target's; the CPU figure says what a quiet machine would give).
With ``--workers`` (default: as ``flask import``) the pipeline runs in other processes, whose
CPU time the per-CPU-second figure leaves out.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import flask_migrate

from bench.corpus import generate, write_markdown
from cms import create_app
from cms.services import importing
from cms.services.importing.extracting import default_workers


def run(preload: int, count: int, rounds: int, workers: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        app = create_app(
            {"INSTANCE_PATH": str(root), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'b.db'}"}
        )
        with app.app_context():
            flask_migrate.upgrade()
            if preload:
                write_markdown(root / "preload", generate(preload, seed=1))
                importing.import_files(
                    importing.find_files([root / "preload"]), channel="cli", workers=workers
                )
            rates, cpu_rates = [], []
            for n in range(rounds):
                batch = root / f"round{n}"
                write_markdown(batch, generate(count, seed=100 + n))
                started, cpu = time.perf_counter(), time.process_time()
                importing.import_files(
                    importing.find_files([batch]), channel="cli", workers=workers
                )
                rates.append(count / (time.perf_counter() - started))
                cpu_rates.append(count / (time.process_time() - cpu))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"preload {preload}, {rounds} rounds of {count}, {workers} worker(s): median "
            f"{statistics.median(rates):.0f} articles/s "
            f"(all: {', '.join(f'{r:.0f}' for r in rates)}); per CPU-second of this process: "
            f"{statistics.median(cpu_rates):.0f}; peak RSS {peak_mb:.0f} MB; "
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
    args = parser.parse_args()
    run(args.preload, args.count, args.rounds, args.workers)


if __name__ == "__main__":
    main()
