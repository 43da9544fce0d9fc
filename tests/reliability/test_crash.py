"""kill -9 in the middle of an import: nothing half-written, and a re-import completes exactly.

The import commits in chunks; a process killed between two commits loses only the chunk it was
writing. Afterwards the file passes ``integrity_check``, every article has its import record,
and importing the same folder again creates exactly the articles that were missing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from flask import Flask

from bench.corpus import generate, write_markdown
from cms.services.backup import integrity_problems
from tests.reliability.conftest import ROOT, flask_env

FILES = int(os.environ.get("RELIABILITY_FILES", "400"))
#: Kill as soon as the first chunk is committed (up to 200 articles, or a second's worth):
#: the import is then well inside its work, and fast enough that waiting longer may miss it.
KILL_AFTER = 1


def _count(database: Path, sql: str) -> int:
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute(sql).fetchone()[0]


def _import(app: Flask, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).with_name("flask")), "--app", "wsgi", "import", str(folder)],
        cwd=ROOT,
        env=flask_env(app),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def test_kill_nine_mid_import_then_reimport(app: Flask, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    assert write_markdown(folder, generate(FILES, seed=16)) == FILES
    database = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    process = _import(app, folder)
    deadline = time.monotonic() + 300
    while _count(database, "SELECT COUNT(*) FROM articles") < KILL_AFTER:
        assert process.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL

    killed_at = _count(database, "SELECT COUNT(*) FROM articles")
    assert 0 < killed_at < FILES
    assert integrity_problems(database) == []
    orphans = (
        "SELECT COUNT(*) FROM articles WHERE id NOT IN "
        "(SELECT article_id FROM import_items WHERE article_id IS NOT NULL)"
    )
    assert _count(database, orphans) == 0  # no article without its import record

    again = _import(app, folder)
    output, _ = again.communicate(timeout=600)
    assert again.returncode == 0, output
    assert _count(database, "SELECT COUNT(*) FROM articles") == FILES
    assert _count(database, "SELECT COUNT(DISTINCT content_hash) FROM articles") == FILES
    assert integrity_problems(database) == []
    print(f"\nkilled after {killed_at} of {FILES} articles; re-import: {output.strip()}")
