"""Two checkouts side by side, each in a worker process of its own, asked in turns.

The shared part of the in-process A/B scripts (``public_ab``, ``hits_ab``, ``facets_ab``). A
change of a few per cent drowns in a shared machine's load when two runs follow each other;
taking turns in small batches, a change of load hits both alike. ``before`` is a copy of the
older code (``git archive main | tar -x -C DIR``), run with this checkout's venv; ``after``
is this checkout. The database must suit both (the same migration head).

A worker is the script itself run as ``python -m <module> --serve <root> <args>``: it puts
``root`` first on ``sys.path``, then reads one request a line ("<item> <n>") and answers one
line whose last two fields are the lowest and the median CPU ms of its ``n`` calls.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIDES = ("before", "after")


@dataclass(frozen=True)
class Compared:
    """One item's figures per side: the median over rounds of each batch's median CPU ms,
    the lowest single call, and the fields a worker answered before those two (last round)."""

    median: dict[str, float]
    lowest: dict[str, float]
    leading: dict[str, list[str]]

    def row(self, *first: str, digits: int = 3) -> str:
        """A markdown table row: ``first``, then median before, after, lowest before, after."""
        figures = (self.median[s] for s in SIDES), (self.lowest[s] for s in SIDES)
        return "| " + " | ".join([*first, *(f"{x:.{digits}f}" for f in figures for x in f)]) + " |"


class Checkouts:
    """A worker process per side; ``with Checkouts(...) as checkouts:`` ends them."""

    def __init__(self, module: str, before: Path, args: list[str]) -> None:
        self.commands = {
            side: [sys.executable, "-m", module, "--serve", str(root), *args]
            for side, root in zip(SIDES, (before.resolve(), ROOT), strict=True)
        }
        self.workers: dict[str, subprocess.Popen] = {}

    def __enter__(self) -> Checkouts:
        """Start the workers; one that cannot start ends those already started."""
        try:
            for side, command in self.commands.items():
                self.workers[side] = subprocess.Popen(
                    command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
                )
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        for worker in self.workers.values():
            worker.kill()
            worker.wait()
            for pipe in (worker.stdin, worker.stdout):
                if pipe:
                    pipe.close()

    def ask(self, side: str, line: str) -> list[str]:
        """One request line to one side's worker; its answer's fields."""
        worker = self.workers[side]
        assert worker.stdin and worker.stdout
        worker.stdin.write(line + "\n")
        worker.stdin.flush()
        answer = worker.stdout.readline()
        if not answer:
            raise RuntimeError(f"the {side} worker stopped (asked {line!r})")
        return answer.split()

    def compare(self, item: str, rounds: int, batch: int, warm: int = 3) -> Compared:
        """``item`` asked of each side in turns, a batch of ``batch`` calls, ``rounds`` times
        (after ``warm`` calls each)."""
        for side in SIDES:
            self.ask(side, f"{item} {warm}")
        medians: dict[str, list[float]] = {side: [] for side in SIDES}
        lowest = dict.fromkeys(SIDES, float("inf"))
        leading: dict[str, list[str]] = {}
        for _ in range(rounds):
            for side in SIDES:
                *leading[side], low, median = self.ask(side, f"{item} {batch}")
                medians[side].append(float(median))
                lowest[side] = min(lowest[side], float(low))
        return Compared({s: statistics.median(m) for s, m in medians.items()}, lowest, leading)

    def print_table(
        self,
        items: Iterable[str],
        rounds: int,
        batch: int,
        *,
        first: str,
        leading: str | None = None,
        warm: int = 3,
        digits: int = 3,
    ) -> None:
        """``compare`` each item, printed as a markdown table row by row as it is measured:
        ``first`` heads the items' column; ``leading``, if given, heads a column of the first
        field the "after" worker answered before its figures (a word's hits, say)."""
        columns = [first, *([leading] if leading else [])]
        columns += ["before: median CPU ms", "after", "lowest before", "lowest after"]
        print("| " + " | ".join(columns) + " |")
        print("| --- |" + " ---: |" * (len(columns) - 1))
        for item in items:
            found = self.compare(item, rounds, batch, warm)
            extra = [found.leading["after"][0]] if leading else []
            print(found.row(item, *extra, digits=digits), flush=True)


def timed(call: Callable[[], object], n: int) -> str:
    """A worker's answer for ``n`` calls of ``call``: "lowest median" thread CPU ms."""
    took = []
    for _ in range(n):
        began = time.thread_time()
        call()
        took.append((time.thread_time() - began) * 1000)
    return f"{min(took):.3f} {statistics.median(took):.3f}"
