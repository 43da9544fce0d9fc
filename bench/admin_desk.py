"""The editor's desk at scale: the admin article list at 100,000 articles, and the history page
of an article with 200 revisions, through the real app (logged in, CSRF on, test client).

    python -m bench.admin_desk                     # 100,000 articles, writes bench/RESULTS.md
    python -m bench.admin_desk --count 5000 --no-record
    python -m bench.admin_desk --keep /tmp/14/desk   # build once, reuse (migrated to head)

Articles come from ``bench/corpus.py`` and are inserted with plain SQL (the importer is not what
is measured). Each page is fetched ``--repeat`` times after one warm-up; medians are reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import flask_migrate

from bench.corpus import generate
from cms import create_app
from cms.extensions import db
from cms.models import Role
from cms.services import users

USERNAME = "desk"
PASSWORD = "a long benchmark password"
RESULTS = Path(__file__).parent / "RESULTS.md"
SECTION = "## Editor's desk (admin)"
LOAD_AT_START = os.getloadavg()[0]


def build(folder: Path, count: int) -> tuple[object, Path]:
    """A migrated database of ``count`` articles in ``folder``; one already there is reused
    (upgraded to the current schema), so a 100,000-article database is built once."""
    database = folder / "desk.sqlite3"
    existed = database.exists()
    app = create_app(
        {
            "INSTANCE_PATH": str(folder),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        }
    )
    with app.app_context():
        flask_migrate.upgrade()
        if not existed:
            users.create_user(USERNAME, PASSWORD, Role.ADMIN)
            db.session.commit()
        db.engine.dispose()
    if not existed:
        _fill(database, count)  # ends with ANALYZE
    else:
        _analyze(database)  # statistics for indexes a migration may have added
    return app, database


def _analyze(database: Path) -> None:
    con = sqlite3.connect(database)
    con.execute("ANALYZE")
    con.close()


def _fill(database: Path, count: int) -> None:
    con = sqlite3.connect(database)
    now = dt.datetime(2026, 11, 30, 12, 0).isoformat(sep=" ")
    outlets: dict[str, int] = {}
    tags: dict[str, int] = {}
    rows, links = [], []
    for article in generate(count):
        if article.outlet not in outlets:
            cur = con.execute(
                "INSERT INTO outlets (name, name_key, slug, aliases, kind, ownership, country, "
                "language, homepage, description, created_at, updated_at, version) VALUES "
                "(?, ?, ?, '', 'other', 'unknown', '', 'en', '', '', ?, ?, 1)",
                (article.outlet, article.outlet.casefold(), f"outlet-{len(outlets)}", now, now),
            )
            outlets[article.outlet] = cur.lastrowid
        for name in article.tags:
            if name not in tags:
                cur = con.execute(
                    "INSERT INTO tags (name, name_key, slug, description, facet, version) "
                    "VALUES (?, ?, ?, '', '', 1)",
                    (name, name.casefold(), f"tag-{len(tags)}"),
                )
                tags[name] = cur.lastrowid
            links.append((article.index + 1, tags[name]))
        saved = (dt.datetime(2026, 1, 1) + dt.timedelta(minutes=article.index)).isoformat(" ")
        status = ("published", "draft", "in review", "archived")[article.index % 4]
        rows.append(
            (
                article.index + 1,
                f"a-{article.index}",
                article.title,
                outlets[article.outlet],
                ", ".join(article.authors),
                article.published_on.isoformat(),
                article.body,
                f"{article.index:064d}",
                status,
                saved,
            )
        )
    con.executemany(
        "INSERT INTO articles (id, slug, title, outlet_id, authors, published_on, date_precision,"
        " url, language, kind, status, body, raw, content_hash, summary, summary_by_editor,"
        " word_count, text_kind, origin, editor_notes, version, created_at, updated_at) VALUES"
        " (?, ?, ?, ?, ?, ?, 'day', '', 'en', 'news', ?, ?, '', ?, '', 0, 0, 'full text',"
        " 'original', '', 1, ?, ?)",
        [(r[0], r[1], r[2], r[3], r[4], r[5], r[8], r[6], r[7], r[9], r[9]) for r in rows],
    )
    con.executemany("INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)", links)
    _revisions(con, rows[0])
    con.commit()
    con.execute("ANALYZE")
    con.close()


def _revisions(con: sqlite3.Connection, row: tuple, count: int = 200) -> None:
    """Article 1 gets ``count`` revisions, each changing a sentence of its text."""
    body = row[6]
    for number in range(1, count + 1):
        body = body.replace(".", f" (edit {number}).", 1) if number % 2 else body + " More."
        snapshot = {
            "title": row[2],
            "slug": row[1],
            "body": body,
            "summary": f"Summary {number}",
            "tags": [],
            "tag_ids": [],
            "outlet_id": row[3],
            "status": row[8],
        }
        con.execute(
            "INSERT INTO revisions (article_id, number, created_at, user_id, changed_fields,"
            " snapshot, note) VALUES (1, ?, ?, 1, ?, ?, 'saved')",
            (number, row[9], json.dumps(["body", "summary"]), json.dumps(snapshot)),
        )


def login(client: object) -> None:
    page = client.get("/login").text  # type: ignore[attr-defined]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = {"username": USERNAME, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302  # type: ignore[attr-defined]


def median_ms(fetch: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of ``repeat`` fetches after one warm-up.

    The CPU time (this process only) says what a quiet machine would show when the wall
    clock is inflated by other jobs waiting for the same cores.
    """
    fetch()
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = fetch()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code  # type: ignore[attr-defined]
    return statistics.median(times), statistics.median(cpu)


PAGES = {
    "list, default order (last saved)": "/admin/articles/",
    "list, page 1000": "/admin/articles/?page=999",
    "list, status filter": "/admin/articles/?flt0_status_is=draft",
    "list, tag filter": "/admin/articles/?flt0_tag_is=3",
    "list, outlet filter": "/admin/articles/?flt0_outlet_is=2",
    "list, year filter": "/admin/articles/?flt0_year_is=2015",
    "list, needs-review filter": "/admin/articles/?flt0_needs_review_is=yes",
    "list, sorted by title": "/admin/articles/?sort=0",
    "list, tag and status filters": "/admin/articles/?flt0_tag_is=3&flt1_status_is=draft",
    "list, search (title, outlet, authors, text)": "/admin/articles/?search=pipeline",
    "history, 200 revisions": "/admin/articles/history/?id=1",
}


def run(count: int, repeat: int, keep: Path | None = None) -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        app, _ = build(folder, count)
        print(f"built {count} articles in {time.perf_counter() - started:.0f} s")
        client = app.test_client()  # type: ignore[attr-defined]
        login(client)
        figures = {}
        for name, url in PAGES.items():
            figures[name] = median_ms(lambda url=url: client.get(url), repeat)
            print(f"{name}: {figures[name][0]:.1f} ms, CPU {figures[name][1]:.1f} ms")
        with app.app_context():  # type: ignore[attr-defined]
            db.engine.dispose()
        return figures


def record(figures: dict[str, tuple[float, float]], count: int, repeat: int) -> None:
    lines = [
        SECTION,
        "",
        f"`python -m bench.admin_desk --count {count} --repeat {repeat}`, "
        f"{dt.date.today().isoformat()}, {platform.machine()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; load average {LOAD_AT_START:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end.",
        f"Median of {repeat} requests after one warm-up, logged in, 50 rows a page, "
        f"{count:,} articles (targets: list <= 100 ms, history <= 100 ms).",
        "",
        "| page | median ms | median CPU ms |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {ms:.1f} | {cpu:.1f} |" for name, (ms, cpu) in figures.items()),
        "",
    ]
    text = RESULTS.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    end = len(text) if end == -1 else end + 1
    RESULTS.write_text(text[:start] + "\n".join(lines) + "\n" + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument(
        "--keep", type=Path, help="build the database in this folder once and reuse it after"
    )
    parser.add_argument("--build-only", action="store_true", help="build (or upgrade), no timing")
    args = parser.parse_args()
    if args.build_only:
        folder = args.keep or Path(tempfile.mkdtemp())
        folder.mkdir(parents=True, exist_ok=True)
        build(folder, args.count)
        return
    figures = run(args.count, args.repeat, args.keep)
    if not args.no_record:
        record(figures, args.count, args.repeat)


if __name__ == "__main__":
    main()
