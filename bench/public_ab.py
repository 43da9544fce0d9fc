"""Two checkouts' public pages side by side, in small interleaved batches, for a busy machine.

    python -m bench.public_ab --database /tmp/public.sqlite3 --before /tmp/main-copy [--search]

Each checkout serves Flask's test client in a process of its own (``--before``, and this
checkout; see ``interleaved``), and the two take turns: a batch of ``--batch`` requests of
one page in one, then in the other, ``--rounds`` times a page. Printed per page: the median
over rounds of each batch's median CPU ms, and the lowest single request.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.interleaved import Checkouts, timed

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

        def ask(path: str = path) -> None:
            assert client.get(path).status_code == 200, path

        print(timed(ask, int(n)), flush=True)


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

    pages = [PAGES[0], ARTICLE, *PAGES[1:]]
    if args.search:
        words = (word for _share, words in PROBE_WORDS.values() for word in words)
        pages = [PAGES[0], *(f"/search?q={word}" for word in words)]
    worker_args = ["--database", str(args.database), "--before", "."]
    with Checkouts("bench.public_ab", args.before, worker_args) as checkouts:
        checkouts.print_table(pages, args.rounds, args.batch, first="page", digits=2)


if __name__ == "__main__":
    main()
