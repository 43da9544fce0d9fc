"""How steady this machine is: one search word under wrk in back-to-back windows.

    python -m bench.steadiness --database /tmp/public.sqlite3 [--word government]
        [--windows 18] [--seconds 5]

Serves a database built by ``public_bench`` (upgraded first) with gunicorn as `make run`
starts it and asks for the same search at 8 connections for ``--windows`` windows of
``--seconds`` each, one right after the other. Each window prints its requests a second,
median and 95th percentile latency, the CPU gunicorn used a request (``load.timed``), and the
speed probe (``results.speed_probe_ms``) taken just after it. The code and the load are the
same in every window, so how far the figures move between windows is how far the machine
moves them: read other benchmarks' single runs against that.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench import load, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--word", default="government")
    parser.add_argument("--windows", type=int, default=18)
    parser.add_argument("--seconds", type=int, default=5, help="a window (whole seconds)")
    parser.add_argument("--port", type=int, default=5096)
    args = parser.parse_args()
    load.wrk_version()
    load.migrate(args.database)
    path = f"/search?q={args.word}"
    server = load.serve(args.database, args.port)
    p95s, probes = [], []
    try:
        load.first_requests(args.port, [path])
        load.warm(args.port, [path])
        print("| window | UTC | requests a second | median | p95 | CPU a request | probe after |")
        print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for window in range(1, args.windows + 1):
            run = load.timed(server, args.port, [path], args.seconds)
            probe = results.speed_probe_ms()
            p95s.append(run.figures.p95_ms)
            probes.append(probe)
            f = run.figures
            print(
                f"| {window} | {time.strftime('%H:%M:%S', time.gmtime())} | {f.rate:.0f} "
                f"| {f.median_ms:.1f} ms | {f.p95_ms:.1f} ms | {run.cpu_ms:.2f} ms "
                f"| {probe:.0f} ms |",
                flush=True,
            )
    finally:
        load.stop(server)
    print(
        f"\n{path}, {args.windows} windows of {args.seconds} s, commit {results.commit()}: "
        f"p95 {min(p95s):.1f}-{max(p95s):.1f} ms (median {statistics.median(p95s):.1f}); "
        f"speed probe {min(probes):.0f}-{max(probes):.0f} ms"
    )


if __name__ == "__main__":
    main()
