"""Two checkouts' public pages side by side, in small interleaved batches, for a busy machine.

    python -m bench.public_ab --database /tmp/public.sqlite3 --before /tmp/main-copy [--search]

A change of a few per cent drowns in a shared machine's load when two runs of
``public_inprocess.py`` follow each other. Here each checkout serves Flask's test client in
a process of its own (``--before``, and this checkout), and the two take turns: a batch of
``--batch`` requests of one page in one, then in the other, ``--rounds`` times a page. A
change of load hits both alike. Printed per page: the median over rounds of each batch's
median CPU ms, and the lowest single request. ``--before`` is a copy of the older code
(``git archive main | tar -x -C DIR``) run with this checkout's venv; the database must
suit both (the same migration head).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Stands for the article page in a worker's request line.
ARTICLE = "ARTICLE"


def serve(root: str, database: str) -> None:
    """Worker: read "path n" lines, answer "lowest median" CPU ms of n requests."""
    import os

    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, root)
    from cms import create_app

    client = create_app({"INSTANCE_PATH": str(Path(database).parent)}).test_client()
    items = client.get("/api/v1/articles?per_page=5&page=3").get_json()["items"]
    article = f"/articles/{items[0]['slug']}"  # the article public_inprocess.py times
    for line in sys.stdin:
        path, n = line.split()
        path = article if path == ARTICLE else path
        took = []
        for _ in range(int(n)):
            began = time.process_time()
            assert client.get(path).status_code == 200, path
            took.append((time.process_time() - began) * 1000)
        print(f"{min(took):.3f} {statistics.median(took):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument(
        "--search", action="store_true", help="the search probe words instead of the pages"
    )
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve, str(args.database))
    from bench.corpus import PROBE_WORDS
    from bench.public_inprocess import PAGES

    roots = {"before": str(args.before.resolve()), "after": str(ROOT)}
    workers = {
        side: subprocess.Popen(
            [sys.executable, __file__, "--database", str(args.database), "--before", "."]
            + ["--serve", root],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        for side, root in roots.items()
    }

    def ask(side: str, path: str, n: int) -> tuple[float, float]:
        workers[side].stdin.write(f"{path} {n}\n")  # type: ignore[union-attr]
        workers[side].stdin.flush()  # type: ignore[union-attr]
        lowest, median = workers[side].stdout.readline().split()  # type: ignore[union-attr]
        return float(lowest), float(median)

    try:
        pages = [PAGES[0], ARTICLE, *PAGES[1:]]
        if args.search:
            words = (word for _share, words in PROBE_WORDS.values() for word in words)
            pages = [PAGES[0], *(f"/search?q={word}" for word in words)]
        print("| page | before: median CPU ms | after | lowest before | lowest after |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for path in pages:
            for side in workers:
                ask(side, path, 3)  # warm
            took: dict[str, list[tuple[float, float]]] = {side: [] for side in workers}
            for _ in range(args.rounds):
                for side in workers:
                    took[side].append(ask(side, path, args.batch))
            medians = {s: statistics.median(m for _, m in t) for s, t in took.items()}
            lowest = {s: min(low for low, _ in t) for s, t in took.items()}
            print(
                f"| {path} | {medians['before']:.2f} | {medians['after']:.2f} "
                f"| {lowest['before']:.2f} | {lowest['after']:.2f} |",
                flush=True,
            )
    finally:
        for worker in workers.values():
            worker.kill()


if __name__ == "__main__":
    main()
