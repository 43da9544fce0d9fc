"""A worker for ``bench.interleaved`` in tests: for "<item> <n>" it answers "<root's name>
<item> <lowest> <median>" with made-up figures (the root's name says which side answered);
"stop" ends it without answering."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", type=Path, required=True)
    parser.add_argument("--scale", type=float, required=True)
    args = parser.parse_args()
    for line in sys.stdin:
        item, n = line.split()
        if item == "stop":
            return
        figure = args.scale * int(n) * (2 if args.serve.name == "slow" else 1)
        print(f"{args.serve.name} {item} {figure / 2} {figure}", flush=True)


if __name__ == "__main__":
    main()
