"""Editors and readers at once, over real sockets to gunicorn: no 5xx and no lost update.

Each editor repeatedly opens a tag's, an outlet's or a cross-link's edit form, appends a
token of its own to the description (a link's note) and saves. A save that answers 302 was
accepted: its token must be in the final text. A save refused as a conflict (someone saved
in between) is fine and counted; a
token missing from the final text is a lost update. Halfway, ``flask backup`` runs in its own
process; the copy is then opened as a database of its own and checked.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, Link, Outlet, Tag
from cms.services.backup import integrity_problems, table_counts
from tests.conftest import PASSWORD
from tests.reliability.browser import Browser, form_with
from tests.reliability.conftest import EDITORS, READERS, ROOT, SECONDS, LiveServer, flask_env

#: The free-text field each editor appends its token to.
TEXT_FIELD = {"tags": "description", "outlets": "description", "links": "note"}


def _targets(app: Flask) -> tuple[list[tuple[str, int]], list[str]]:
    with app.app_context():
        records = [("tags", t) for t in db.session.scalars(select(Tag.id).limit(3))]
        records += [("outlets", o) for o in db.session.scalars(select(Outlet.id).limit(2))]
        records += [("links", k) for k in db.session.scalars(select(Link.id).limit(2))]
        slugs = list(db.session.scalars(select(Article.slug)))
    pages = ["/", "/articles/", "/tags/", "/outlets/", *[f"/articles/{s}" for s in slugs]]
    return records, pages


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.saved: list[tuple[str, int, str]] = []
        self.conflicts = 0
        self.reads = 0

    def add(self, status: int) -> None:
        with self.lock:
            self.statuses[status] += 1


def _editor(server: LiveServer, n: int, records, deadline: float, tally: Tally) -> None:
    browser = Browser(server)
    tally.add(browser.login(f"editor{n}", PASSWORD))
    rng, count = random.Random(n), 0
    while time.monotonic() < deadline or count == 0:  # every editor saves at least once
        kind, ident = rng.choice(records)
        status, page = browser.request("GET", f"/admin/{kind}/edit/?id={ident}")
        tally.add(status)
        if status != 200:
            continue
        form = form_with(page, "edit_version")
        token = f"[e{n}-{count}]"
        count += 1
        field = TEXT_FIELD[kind]
        form[field] = (form.get(field, "") + " " + token).strip()
        status, _ = browser.request("POST", f"/admin/{kind}/edit/?id={ident}", form)
        tally.add(status)
        with tally.lock:
            if status == 302:
                tally.saved.append((kind, ident, token))
            elif status == 200:
                tally.conflicts += 1
    browser.close()


def _reader(server: LiveServer, n: int, pages: list[str], deadline: float, tally: Tally) -> None:
    browser, rng = Browser(server), random.Random(1000 + n)
    while time.monotonic() < deadline:
        status, _ = browser.request("GET", rng.choice(pages))
        tally.add(status)
        with tally.lock:
            tally.reads += 1
    browser.close()


def _lost_updates(app: Flask, saved: list[tuple[str, int, str]]) -> list[str]:
    with app.app_context():
        db.session.rollback()
        final = {("tags", t.id): t.description for t in db.session.scalars(select(Tag))}
        final |= {("outlets", o.id): o.description for o in db.session.scalars(select(Outlet))}
        final |= {("links", k.id): k.note for k in db.session.scalars(select(Link))}
    return [
        f"{kind} {ident} {token}"
        for kind, ident, token in saved
        if token not in final[(kind, ident)]
    ]


def test_editors_and_readers_under_load(
    seeded: Flask, make_user, gunicorn: LiveServer, tmp_path: Path
) -> None:
    for n in range(EDITORS):
        make_user(f"editor{n}")
    records, pages = _targets(seeded)
    tally, started = Tally(), time.monotonic()
    deadline = started + SECONDS
    threads = [
        threading.Thread(target=_editor, args=(gunicorn, n, records, deadline, tally))
        for n in range(EDITORS)
    ] + [
        threading.Thread(target=_reader, args=(gunicorn, n, pages, deadline, tally))
        for n in range(READERS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(SECONDS / 2)
    backup_file = tmp_path / "during-load.sqlite3"
    backup = subprocess.run(
        [str(Path(sys.executable).with_name("flask")), "--app", "wsgi", "backup", str(backup_file)],
        cwd=ROOT,
        env=flask_env(seeded),
        capture_output=True,
        text=True,
        timeout=120,
    )
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    server_errors = {s: c for s, c in tally.statuses.items() if s >= 500}
    lost = _lost_updates(seeded, tally.saved)
    print(
        f"\n{EDITORS} editors, {READERS} readers, {elapsed:.0f} s: {len(tally.saved)} saves, "
        f"{tally.conflicts} refused as conflicts, {tally.reads} reads "
        f"({tally.reads / elapsed:.0f}/s), statuses {dict(tally.statuses)}, lost {len(lost)}"
    )
    assert not server_errors, tally.statuses
    assert tally.saved, "no save got through"
    assert lost == []
    assert backup.returncode == 0, backup.stdout + backup.stderr
    _check_restored(backup_file, tmp_path)


def _check_restored(backup_file: Path, tmp_path: Path) -> None:
    """A backup is good if it opens as a database of its own and passes integrity_check."""
    restored = tmp_path / "restored.sqlite3"
    restored.write_bytes(backup_file.read_bytes())
    assert integrity_problems(restored) == []
    counts = table_counts(restored)
    assert counts["articles"] == 5 and counts["users"] >= EDITORS
    with sqlite3.connect(restored) as copy:
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
