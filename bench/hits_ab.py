"""Two checkouts' search result cards side by side: a page's ``_hits`` and their HTML, interleaved.

    python -m bench.hits_ab --database /tmp/public.sqlite3 --before /tmp/main-copy \
        [--words lithium,government] [--rounds 20] [--batch 20]

Each checkout runs in a process of its own (``--before``, and this checkout), as in
``public_ab.py``. A worker takes the ids of a word's first page from its own search, then
times ``search_html.search_hits(searching._hits(parsed, ids))`` on them in a request
context: the cards read, titles highlighted, snippets cut, the cards written out. The two
take turns, a batch of ``--batch`` calls of one word in one, then in the other, ``--rounds``
times a word. Printed per word: the number of hits, the median over rounds of each batch's
median thread CPU ms, and the lowest single call.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("lithium", "glacier", "copper", "government", "statement")


def serve(root: str, database: str) -> None:
    """Worker: read "word n" lines, answer "hits lowest median" thread CPU ms of n calls."""
    import os

    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, root)
    from cms import create_app
    from cms.public.search_html import search_hits
    from cms.services.search import searching
    from cms.services.search.text import parse_query

    app = create_app({"INSTANCE_PATH": str(Path(database).parent)})
    with app.test_request_context("/search"):
        for line in sys.stdin:
            word, n = line.split()
            parsed = parse_query(word)
            ids = [hit.article.id for hit in searching.search(word).hits]
            took = []
            for _ in range(int(n)):
                began = time.thread_time()
                search_hits(searching._hits(parsed, ids))
                took.append((time.thread_time() - began) * 1000)
            print(f"{len(ids)} {min(took):.3f} {statistics.median(took):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--words", default=",".join(WORDS))
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve, str(args.database))
    roots = {"before": str(args.before.resolve()), "after": str(ROOT)}
    workers = {
        side: subprocess.Popen(
            [sys.executable, "-m", "bench.hits_ab", "--database", str(args.database)]
            + ["--before", ".", "--serve", root],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        for side, root in roots.items()
    }

    def ask(side: str, word: str, n: int) -> tuple[int, float, float]:
        workers[side].stdin.write(f"{word} {n}\n")  # type: ignore[union-attr]
        workers[side].stdin.flush()  # type: ignore[union-attr]
        hits, lowest, median = workers[side].stdout.readline().split()  # type: ignore[union-attr]
        return int(hits), float(lowest), float(median)

    try:
        print("| word | hits | before: median CPU ms | after | lowest before | lowest after |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for word in args.words.split(","):
            for side in workers:
                ask(side, word, 5)  # warm
            took: dict[str, list[tuple[int, float, float]]] = {side: [] for side in workers}
            for _ in range(args.rounds):
                for side in workers:
                    took[side].append(ask(side, word, args.batch))
            medians = {s: statistics.median(m for _, _, m in t) for s, t in took.items()}
            lowest = {s: min(low for _, low, _ in t) for s, t in took.items()}
            print(
                f"| {word} | {took['after'][0][0]} | {medians['before']:.3f} "
                f"| {medians['after']:.3f} | {lowest['before']:.3f} | {lowest['after']:.3f} |",
                flush=True,
            )
    finally:
        for worker in workers.values():
            worker.kill()


if __name__ == "__main__":
    main()
