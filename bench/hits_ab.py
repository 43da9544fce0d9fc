"""Two checkouts' search result cards side by side: a page's ``_hits`` and their HTML, interleaved.

    python -m bench.hits_ab --database /tmp/public.sqlite3 --before /tmp/main-copy \
        [--words lithium,government] [--rounds 20] [--batch 20]

Each checkout runs in a process of its own (``--before``, and this checkout; see
``interleaved``). A worker takes the ids of a word's first page from its own search, then
times ``search_html.search_hits(searching._hits(parsed, ids))`` on them in a request
context: the cards read, titles highlighted, snippets cut, the cards written out. The two
take turns, a batch of ``--batch`` calls of one word in one, then in the other, ``--rounds``
times a word. Printed per word: the number of hits, the median over rounds of each batch's
median thread CPU ms, and the lowest single call.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import sys
from pathlib import Path

from bench.interleaved import Checkouts, timed

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
    # The site's results (no tags), in checkouts from before ``with_tags`` too.
    site = "with_tags" in inspect.signature(searching._hits).parameters
    hits = functools.partial(searching._hits, with_tags=False) if site else searching._hits
    with app.test_request_context("/search"):
        for line in sys.stdin:
            word, n = line.split()
            parsed = parse_query(word)
            ids = [hit.article.id for hit in searching.search(word).hits]
            figures = timed(lambda p=parsed, i=ids: search_hits(hits(p, i)), int(n))
            print(f"{len(ids)} {figures}", flush=True)


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
    worker_args = ["--database", str(args.database), "--before", "."]
    with Checkouts("bench.hits_ab", args.before, worker_args) as checkouts:
        words = args.words.split(",")
        checkouts.print_table(words, args.rounds, args.batch, first="word", leading="hits", warm=5)


if __name__ == "__main__":
    main()
