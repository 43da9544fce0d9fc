"""The public pages' own cost, in one process: CPU per request, for a busy machine.

    python -m bench.public_inprocess --database /tmp/public.sqlite3

The gunicorn bench (``public_bench.py``) measures pages one after another, so on a shared
machine a change of load between two pages shows as a change of speed. This one asks each
page through Flask's test client, in rounds (every page once a round), and reports the
median and the lowest CPU time of this process per request (``time.process_time``: time
waiting for the CPU is not counted), with ``/healthz`` for scale. Use the database
``public_bench.py`` built, upgraded to the migration head.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PAGES = [
    "/healthz",
    "/",
    "/articles/?page=37",
    "/articles/?outlet=daily-ledger&year=2024",
    "/tags/market",
    "/tags/trade",
    "/outlets/wire-service",
    "/outlets/daily-ledger?page=3",
    "/entities/person-3",
    "/entities/person-42?page=2",
    "/articles/?entity=person-7&year=2020",
    "/timeline",
    "/feed.atom",
    "/feed.atom?tag=trade",
    "/api/v1/articles",
    "/api/v1/articles?page=7",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = f"sqlite:///{args.database}"
    sys.path.insert(0, str(ROOT))
    from cms import create_app

    client = create_app({"INSTANCE_PATH": str(args.database.parent)}).test_client()
    items = client.get("/api/v1/articles?per_page=5&page=3").get_json()["items"]
    pages = [PAGES[0], f"/articles/{items[0]['slug']}", *PAGES[1:]]
    for path in pages:  # warm: kept counts, templates, statements
        assert client.get(path).status_code == 200, path
    took: dict[str, list[float]] = {path: [] for path in pages}
    for _ in range(args.rounds):
        for path in pages:
            began = time.process_time()
            client.get(path)
            took[path].append((time.process_time() - began) * 1000)
    print("| page | median CPU ms | lowest | median / healthz's |")
    print("| --- | ---: | ---: | ---: |")
    base = statistics.median(took["/healthz"])
    for path, times in took.items():
        median = statistics.median(times)
        print(f"| {path} | {median:.2f} | {min(times):.2f} | {median / base:.1f} |")


if __name__ == "__main__":
    main()
