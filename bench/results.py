"""Write a benchmark's figures into ``bench/RESULTS.md`` under its own heading."""

from __future__ import annotations

import platform
import re
import sqlite3
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    import os

    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}"
    )


def record(parent: str, heading: str, text: str) -> None:
    """Put ``text`` under ``### heading`` inside ``## parent``, replacing an earlier run's."""
    content = RESULTS.read_text(encoding="utf-8")
    block = f"### {heading}\n\n{text.strip()}\n\n"
    mine = re.compile(rf"### {re.escape(heading)}\n.*?(?=^##|\Z)", re.S | re.M)
    if mine.search(content):
        content = mine.sub(block.replace("\\", "\\\\"), content)
    else:
        anchor = f"## {parent}\n"
        if anchor not in content:
            content = content.rstrip() + f"\n\n{anchor}"
        content = content.replace(anchor, anchor + "\n" + block, 1)
    RESULTS.write_text(re.sub(r"\n{3,}", "\n\n", content), encoding="utf-8")
