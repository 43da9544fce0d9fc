"""Write a benchmark's figures into ``bench/RESULTS.md`` under its own heading."""

from __future__ import annotations

import platform
import re
import sqlite3
import subprocess
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    import os

    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}"
    )


def speed_probe_ms() -> float:
    """How long this machine takes, now, for a fixed piece of pure Python (``sum`` over ten
    million numbers, the median of three, thread CPU ms). The same machine ran it in 160 to
    300 ms within minutes: shared cores change speed, and runs are comparable only at
    similar figures."""
    import time

    took = []
    for _ in range(3):
        began = time.thread_time()
        sum(range(10**7))
        took.append((time.thread_time() - began) * 1000)
    return sorted(took)[1]


def commit() -> str:
    """The checkout's commit, short, and whether files differ from it."""
    root = RESULTS.parents[1]
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(  # a run recorded before this one does not count
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/RESULTS.md"],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"`{head}`" + (" with uncommitted changes" if changed else "")


def record(parent: str, heading: str, text: str) -> None:
    """Put ``text`` under ``### heading`` inside ``## parent``, replacing an earlier run's; a
    new heading goes after the parent's own text, before its first subsection (newest first)."""
    content = RESULTS.read_text(encoding="utf-8")
    block = f"### {heading}\n\n{text.strip()}\n\n"
    mine = re.compile(rf"### {re.escape(heading)}\n.*?(?=^##|\Z)", re.S | re.M)
    if mine.search(content):
        content = mine.sub(block.replace("\\", "\\\\"), content)
    else:
        anchor = f"## {parent}\n"
        if anchor not in content:
            content = content.rstrip() + f"\n\n{anchor}"
        after = content.index(anchor) + len(anchor)
        found = re.compile(r"^###? ", re.M).search(content, after)
        at = found.start() if found else len(content)
        content = content[:at].rstrip("\n") + "\n\n" + block + content[at:]
    RESULTS.write_text(re.sub(r"\n{3,}", "\n\n", content), encoding="utf-8")
