"""Search under gunicorn with two sets of settings, taking turns: latency and CPU a request.

    python -m bench.settings_ab --database /tmp/public.sqlite3 \\
        --a off:REQUEST_TURN_WAIT_MS=0 --b on: [--words lithium,government] [--rounds 3]

Each set (``name:VAR=value,VAR=value``, environment variables the app or gunicorn.conf.py reads;
none keeps the defaults) gets a gunicorn of its own, as `make run` starts it, serving the same
database (one built by ``public_bench``) unless it names another (``DATABASE_URL``). In each
round, A then B (B then A in even rounds): ``/healthz`` and then each word alone, ``--seconds``
at 8 connections under wrk (``load.run``). Printed per round and set: requests a second of
``/healthz``, and per word the median and 95th percentile latency (ms) and the CPU gunicorn used
per request (ms, master and workers); then the median over the rounds of each word's 95th
percentile. The machine's speed drifts by minutes, so only sets measured in the same rounds
compare.
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from pathlib import Path

from bench import load
from bench.corpus import PROBE_WORDS

#: The first two probe words of each band: rare, middling, common.
WORDS = tuple(word for _share, words in PROBE_WORDS.values() for word in words[:2])


def settings(text: str) -> tuple[str, dict[str, str]]:
    """``name:VAR=value,VAR=value`` as (name, {VAR: value})."""
    name, colon, pairs = text.partition(":")
    if not colon or not name:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME:VAR=value,VAR=value")
    found = {}
    for pair in filter(None, pairs.split(",")):
        variable, equals, value = pair.partition("=")
        if not equals or not variable:
            raise argparse.ArgumentTypeError(f"{pair!r} is not VAR=value")
        found[variable] = value
    return name, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--a", type=settings, required=True)
    parser.add_argument("--b", type=settings, required=True)
    parser.add_argument("--words", default=",".join(WORDS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=3, help="per word (whole seconds)")
    parser.add_argument("--port", type=int, default=5097)
    args = parser.parse_args()
    load.wrk_version()
    load.migrate(args.database)
    words = args.words.split(",")
    p95s: dict[tuple[str, str], list[float]] = defaultdict(list)
    for round_ in range(1, args.rounds + 1):
        # A then B, then B then A: a machine slowing down within a round favours neither.
        for name, env in (args.a, args.b)[:: 1 if round_ % 2 else -1]:
            shown, p95_of = measure(args, env, words)
            for word, p95 in p95_of.items():
                p95s[(name, word)].append(p95)
            print(f"round {round_} {name:>8}: {shown}", flush=True)
    print("\nmedian 95th percentile (ms) over the rounds:")
    for name, _env in (args.a, args.b):
        figures = " ".join(f"{w} {statistics.median(p95s[(name, w)]):.1f}" for w in words)
        print(f"{name:>8}: {figures}")


def measure(
    args: argparse.Namespace, env: dict[str, str], words: list[str]
) -> tuple[str, dict[str, float]]:
    """One set's round: its printed line, and each word's 95th percentile (ms)."""
    server = load.serve(args.database, args.port, env)
    try:
        paths = [f"/search?q={word}" for word in words]
        load.first_requests(args.port, paths)
        load.warm(args.port, [*paths, "/healthz"])
        health = load.run(args.port, ["/healthz"], args.seconds)
        shown, p95_of = [f"/healthz {health.rate:.0f}/s"], {}
        for word, path in zip(words, paths, strict=True):
            run = load.timed(server, args.port, [path], args.seconds)
            found = run.figures
            p95_of[word] = found.p95_ms
            shown.append(
                f"{word} {found.median_ms:.0f}/{found.p95_ms:.0f} ms, {run.cpu_ms:.1f} ms CPU"
            )
        return " | ".join(shown), p95_of
    finally:
        load.stop(server)


if __name__ == "__main__":
    main()
