"""``flask analyse`` at scale: its three passes timed on a slice of a kept collection; into
RESULTS.md.

    .venv/bin/python -m bench.speed --count 100000 --folder /tmp/cms-speed   # builds the collection
    .venv/bin/python -m bench.analyse_bench --folder /tmp/cms-speed --slice 5000
    .venv/bin/python -m bench.analyse_bench --folder /tmp/cms-speed --slice 100000   # the whole run

A copy of the kept database is made (the original stays as built); the analyses and
suggestions of the slice's articles (the last ``slice`` ids) are deleted from it, so they are
analysed from scratch, then the three passes of ``flask analyse`` run over them exactly as the
command runs them (``analysis_run``: chunks, worker processes), each pass timed, resident
memory sampled as it goes. A slice smaller than the collection gives a per-article time for
each pass in a collection of full size; the whole run's time is extrapolated from it and said
to be.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import time
from pathlib import Path

from sqlalchemy import select, text

from bench.results import machine, record
from bench.speed import rss_mb
from cms import create_app
from cms.extensions import db
from cms.models import Article
from cms.services import analysis, analysis_run
from cms.services.transaction import write


def copy_of(folder: Path) -> Path:
    """The kept database copied beside it, its write-ahead log folded in first."""
    source = folder / "bench.sqlite3"
    with sqlite3.connect(source) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = folder / "analyse-bench.sqlite3"
    for old in folder.glob("analyse-bench.sqlite3*"):
        old.unlink()
    shutil.copyfile(source, target)
    return target


def clear(ids: list[int]) -> None:
    """Forget the slice's analyses and suggestions (the triggers take them out of the index)."""
    for start in range(0, len(ids), 500):
        listed = ",".join(str(i) for i in ids[start : start + 500])
        with write():
            db.session.execute(text(f"DELETE FROM suggestions WHERE article_id IN ({listed})"))
            db.session.execute(text(f"DELETE FROM article_analyses WHERE article_id IN ({listed})"))


def run(database: Path, size: int, workers: int | None) -> dict[str, object]:
    app = create_app(
        {"INSTANCE_PATH": str(database.parent), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}
    )
    with app.app_context():
        every = list(db.session.scalars(select(Article.id).order_by(Article.id)))
        ids = every[-size:]
        clear(ids)
        db.session.rollback()
        # The file read once, as a server that has been running has it in the page cache.
        with database.open("rb") as file:
            while file.read(1 << 24):
                pass
        known = analysis.vocabulary()
        seconds: dict[str, float] = {}
        samples: list[float] = [rss_mb()]
        started_all = time.perf_counter()
        with analysis_run.pool(known, workers, len(ids)) as pool:
            jobs = pool.in_flight // analysis_run.AHEAD if pool.executor else 0
            for label, run_pass in analysis_run.PASSES:
                done = 0

                def on_chunk(n: int) -> None:
                    nonlocal done
                    done += n
                    if done % 5000 < analysis_run.CHUNK:
                        samples.append(rss_mb())

                started = time.perf_counter()
                report = run_pass(ids, pool, on_chunk)
                seconds[label] = time.perf_counter() - started
        total = time.perf_counter() - started_all
        return {"collection": len(every), "slice": len(ids), "seconds": seconds, "total": total,
                "report": report, "rss": samples, "jobs": jobs}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True, help="where bench.speed kept it")
    parser.add_argument("--slice", type=int, default=5000)
    parser.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: as flask analyse)"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    result = run(copy_of(args.folder), args.slice, args.jobs)
    load_after = os.getloadavg()
    n, size = result["collection"], result["slice"]
    scale = n / size
    seconds = result["seconds"]
    lines = [
        f"`.venv/bin/python -m bench.analyse_bench --folder ... --slice {size}` on "
        f"{dt.date.today()}; {machine()}; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after; {result['jobs']} worker process(es) beside the writer. "
        f"The last {size:,} of {n:,} articles analysed from scratch in a copy of the kept "
        "collection (the file read once first, as a running server has it cached).",
        "",
        "| pass | seconds | ms per article | whole collection |",
        "| --- | --- | --- | --- |",
    ]
    for label, s in seconds.items():
        lines.append(
            f"| {label} | {s:.0f} | {1000 * s / size:.1f} | "
            f"{'' if scale == 1 else '~'}{s * scale / 60:.1f} min |"
        )
    total = result["total"] * scale / 60
    lines += [
        f"| **all three** | {result['total']:.0f} | {1000 * result['total'] / size:.1f} | "
        f"**{'' if scale == 1 else '~'}{total:.0f} min**"
        f"{' (extrapolated from the slice)' if scale != 1 else ''} (target < 45) |",
        "",
        f"Resident memory of the analysing process every 5,000 articles: "
        f"{', '.join(f'{s:.0f}' for s in result['rss'])} MB. {result['report'].created:,} "
        "suggestions made.",
    ]
    text_ = "\n".join(lines)
    print(text_)
    record(
        "Suggestions: speed and quality",
        f"`flask analyse` over {n:,} articles (bench/analyse_bench.py, slice of {size:,})",
        text_,
    )


if __name__ == "__main__":
    main()
