"""Two checkouts' ``facet_counts`` side by side on a search's candidates, interleaved.

    python -m bench.facets_ab --database /tmp/public.sqlite3 --before /tmp/main-copy \
        [--candidates 1000] [--words lithium,government]

Each checkout runs in a process of its own (``--before``, and this checkout), as in
``public_ab.py``. A worker takes a word's candidate ids from its own search (the ids the
search passes to ``facet_counts``, ``SEARCH_CANDIDATES`` of them, ``--candidates`` to change
it), then times ``facet_counts`` on them in a request context: the two take turns, a batch
of ``--batch`` calls of one word in one, then in the other, ``--rounds`` times a word. Printed
per word: the number of ids, the median over rounds of each batch's median thread CPU ms,
and the lowest single call; then each checkout's CPU for reading the facet columns once.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("lithium", "copper", "government", "statement")


def serve(root: str, database: str, candidates: int) -> None:
    """Worker: read "word n" lines, answer "ids lowest median" thread CPU ms of n calls;
    "read" answers the CPU ms of one ``read_columns``."""
    import os

    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, root)
    from cms import create_app
    from cms.extensions import db
    from cms.queries import facets
    from cms.services.search import searching

    app = create_app({"INSTANCE_PATH": str(Path(database).parent)})
    app.config["SEARCH_CANDIDATES"] = candidates
    counted = searching.facet_counts
    seen: list[list[int]] = []

    def capture(ids: list[int]) -> dict:
        seen.append(list(ids))
        return counted(ids)

    with app.test_request_context("/search"):
        for line in sys.stdin:
            word, n = line.split()
            if word == "read":
                began = time.thread_time()
                facets.read_columns(db.session.connection())
                print(f"{(time.thread_time() - began) * 1000:.0f}", flush=True)
                continue
            seen.clear()
            searching.facet_counts = capture
            searching.search(word)
            searching.facet_counts = counted
            ids, took = seen[0], []
            for _ in range(int(n)):
                began = time.thread_time()
                counted(ids)
                took.append((time.thread_time() - began) * 1000)
            print(f"{len(ids)} {min(took):.3f} {statistics.median(took):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--words", default=",".join(WORDS))
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, str(args.database), args.candidates)
        return
    workers = {
        name: subprocess.Popen(
            [sys.executable, "-m", "bench.facets_ab", "--serve", str(root)]
            + ["--database", str(args.database), "--before", str(args.before)]
            + ["--candidates", str(args.candidates)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, root in (("before", args.before.resolve()), ("after", ROOT))
    }

    def ask(name: str, line: str) -> str:
        worker = workers[name]
        assert worker.stdin and worker.stdout
        worker.stdin.write(line + "\n")
        worker.stdin.flush()
        return worker.stdout.readline()

    print("| word | ids | before: median CPU ms | after | lowest before | lowest after |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for word in args.words.split(","):
        medians: dict[str, list[float]] = {"before": [], "after": []}
        lowest: dict[str, float] = {"before": 1e9, "after": 1e9}
        for _ in range(args.rounds):
            for name in workers:
                ids, low, median = ask(name, f"{word} {args.batch}").split()
                medians[name].append(float(median))
                lowest[name] = min(lowest[name], float(low))
        b, a = (statistics.median(medians[name]) for name in ("before", "after"))
        low_b, low_a = lowest["before"], lowest["after"]
        print(f"| {word} | {ids} | {b:.3f} | {a:.3f} | {low_b:.3f} | {low_a:.3f} |")
    reads: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(3):
        for name in workers:
            reads[name].append(float(ask(name, "read 1")))
    print("read_columns, CPU ms of three interleaved reads:", reads)
    for worker in workers.values():
        assert worker.stdin
        worker.stdin.close()
        worker.wait()


if __name__ == "__main__":
    main()
