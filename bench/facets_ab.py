"""Two checkouts' ``facet_counts`` side by side on a search's candidates, interleaved.

    python -m bench.facets_ab --database /tmp/public.sqlite3 --before /tmp/main-copy \
        [--candidates 1000] [--words lithium,government]

Each checkout runs in a process of its own (``--before``, and this checkout; see
``interleaved``). A worker takes a word's candidate ids from its own search (the ids the
search passes to ``facet_counts``, ``SEARCH_CANDIDATES`` of them, ``--candidates`` to change
it), then times ``facet_counts`` on them in a request context: the two take turns, a batch
of ``--batch`` calls of one word in one, then in the other, ``--rounds`` times a word. Printed
per word: the number of ids, the median over rounds of each batch's median thread CPU ms,
and the lowest single call; then each checkout's CPU for reading the facet columns once.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.interleaved import SIDES, Checkouts, timed

WORDS = ("lithium", "copper", "government", "statement")


def serve(root: str, database: str, candidates: int) -> None:
    """Worker: read "word n" lines, answer "ids lowest median" thread CPU ms of n calls;
    "--read" (no word a search could be asked) answers the CPU ms of one ``read_columns``;
    a word without matches, "0 0 0"."""
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
            if word == "--read":
                began = time.thread_time()
                facets.read_columns(db.session.connection())
                print(f"{(time.thread_time() - began) * 1000:.0f}", flush=True)
                continue
            seen.clear()
            searching.facet_counts = capture
            searching.search(word)
            searching.facet_counts = counted
            if not seen:
                print("0 0 0", flush=True)
                continue
            ids = seen[0]
            print(f"{len(ids)} {timed(lambda ids=ids: counted(ids), int(n))}", flush=True)


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
    worker_args = ["--database", str(args.database), "--before", str(args.before)]
    worker_args += ["--candidates", str(args.candidates)]
    with Checkouts("bench.facets_ab", args.before, worker_args) as checkouts:
        words = args.words.split(",")
        checkouts.print_table(words, args.rounds, args.batch, first="word", leading="ids", warm=1)
        reads: dict[str, list[float]] = {side: [] for side in SIDES}
        for _ in range(3):
            for side in SIDES:
                reads[side].append(float(checkouts.ask(side, "--read 1")[0]))
        print("read_columns, CPU ms of three interleaved reads:", reads)


if __name__ == "__main__":
    main()
