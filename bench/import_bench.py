"""Import speed: Markdown articles per second into a database already holding ``--preload``
articles, and the process's peak resident memory. The import phase only (no analysis).

    python -m bench.import_bench --preload 100000 --count 2000

The preload goes through the same import service (slow for 100,000: run it once); the corpus
is ``bench/corpus.py``'s, so preload and measured articles never collide (different seeds).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import flask_migrate

from bench.corpus import generate, write_markdown
from cms import create_app
from cms.services import importing


def run(preload: int, count: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        app = create_app(
            {"INSTANCE_PATH": str(root), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'b.db'}"}
        )
        with app.app_context():
            flask_migrate.upgrade()
            if preload:
                write_markdown(root / "preload", generate(preload, seed=1))
                importing.import_files(importing.find_files([root / "preload"]), channel="cli")
            rates = []
            for n in range(rounds):
                batch = root / f"round{n}"
                write_markdown(batch, generate(count, seed=100 + n))
                started = time.perf_counter()
                importing.import_files(importing.find_files([batch]), channel="cli")
                rates.append(count / (time.perf_counter() - started))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"preload {preload}, {rounds} rounds of {count}: median "
            f"{statistics.median(rates):.0f} articles/s "
            f"(all: {', '.join(f'{r:.0f}' for r in rates)}); peak RSS {peak_mb:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preload", type=int, default=100_000)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.preload, args.count, args.rounds)


if __name__ == "__main__":
    main()
