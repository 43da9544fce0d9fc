"""Suggestions at scale: related top-10, analysing one new article, memory; into RESULTS.md.

    .venv/bin/python -m bench.speed --count 100000     # one careful run; ~15 minutes here
    .venv/bin/python -m bench.speed --count 100000 --folder /tmp/cms-speed  # keep the file

A fresh database gets ``count`` synthetic articles (``bench/corpus.py``) in bulk, then the
index and profile passes of ``flask analyse`` over all of them (timed). Then, on that
collection: related top-10 for sampled articles (median), and the full analysis of new
articles as an import's second phase runs it (median), each in this one process, whose
resident memory is sampled between steps: no index lives in a worker's memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from bench import corpus
from bench.analysis_db import CHUNK, Row, fresh_app, insert_articles
from bench.results import machine, record
from cms import create_app
from cms.extensions import db
from cms.models import Article
from cms.pipeline.types import DatePrecision
from cms.services import analysis, analysis_index
from cms.services.transaction import write


def rss_mb() -> float:
    """Resident memory now, from /proc (ru_maxrss is only the peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_passes(ids: list[int], known: analysis.Vocabulary) -> tuple[float, float, list[float]]:
    """The index and profile passes, a chunk per transaction; their seconds and RSS samples."""
    samples = []
    seconds = []
    for step in (analysis.index_articles, lambda c: analysis.profile_articles(c, known)):
        started = time.perf_counter()
        for start in range(0, len(ids), CHUNK):
            with write():
                step(ids[start : start + CHUNK])
            db.session.expunge_all()
            if start % (CHUNK * 40) == 0:
                samples.append(rss_mb())
        if step is analysis.index_articles:  # as `flask analyse` merges it after its index pass
            with write():
                analysis_index.optimize()
        seconds.append(time.perf_counter() - started)
    return seconds[0], seconds[1], samples


def add_new_article(article: corpus.SyntheticArticle, n: int) -> Article:
    with write():
        result = db.session.execute(
            insert(Article).returning(Article.id),
            [{"slug": f"new{n}-{os.getpid()}", "title": article.title, "body": article.body,
              "raw": "", "content_hash": f"new{n}-{os.getpid()}",
              "published_on": article.published_on,
              "date_precision": DatePrecision.DAY}],
        )  # fmt: skip
        new_id = result.scalar_one()
    return db.session.get(Article, new_id)


def build(folder: Path, count: int) -> dict[str, float]:
    """The collection: ``count`` articles inserted, then the index and profile passes."""
    with fresh_app(folder):
        started = time.perf_counter()
        ids = insert_articles(
            Row(a.title, a.body, a.published_on) for a in corpus.generate(count, seed=0)
        )
        inserted = time.perf_counter() - started
        known = analysis.vocabulary()
        rss_start = rss_mb()
        index_s, profile_s, samples = timed_passes(ids, known)
        return {"inserted": inserted, "index_s": index_s, "profile_s": profile_s,
                "rss_start": rss_start, "rss_max": max(samples), "samples": samples}  # fmt: skip


def measure(folder: Path, count: int, samples: int) -> dict[str, float]:
    """In a fresh process, as a web worker would be: related top-10 for sampled articles, then
    new articles analysed as an import's second phase; resident memory at the end."""
    # The new articles follow the collection's in the same sequence; kept one at a time, so the
    # 100,000 generated before them do not count in the worker's memory.
    new = list(itertools.islice(corpus.generate(count + samples, seed=0), count, None))
    database = folder / "bench.sqlite3"
    app = create_app(
        {"INSTANCE_PATH": str(folder), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}
    )
    with app.app_context():
        rss_before = rss_mb()
        # The file read once, as a server that has been running has it in the page cache (on
        # a busy machine the kernel drops its cold pages, and each lookup then waits on disk).
        with database.open("rb") as file:
            while file.read(1 << 24):
                pass
        known = analysis.vocabulary()
        ids = list(db.session.scalars(select(Article.id)))
        related_ms = []
        for aid in random.Random(1).sample(ids, samples):
            article = db.session.get(Article, aid)
            started = time.perf_counter()
            analysis.related(article, known, limit=10)
            related_ms.append(1000 * (time.perf_counter() - started))
        db.session.expunge_all()
        new_ms = []
        for n, source in enumerate(new):
            article = add_new_article(source, n)
            started = time.perf_counter()
            with write():
                analysis.analyse_articles([article.id])
            new_ms.append(1000 * (time.perf_counter() - started))
            db.session.expunge_all()
        return {"related": related_ms, "new": new_ms, "rss_before": rss_before, "rss": rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument(
        "--folder", type=Path, help="where to build the database (kept; default: a temp folder)"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.count, args.samples)))
        return
    folder = args.folder or Path(tempfile.mkdtemp(prefix="cms-speed-"))
    built = build(folder, args.count)
    child = subprocess.run(
        [sys.executable, "-m", "bench.speed", "--count", str(args.count), "--samples",
         str(args.samples), "--measure", str(folder)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    worker = json.loads(child.stdout.strip().splitlines()[-1])
    size_mb = sum(p.stat().st_size for p in folder.glob("bench.sqlite3*")) / 2**20
    related_ms, new_ms = worker["related"], worker["new"]
    per_article = statistics.median(new_ms)
    text = "\n".join([
        f"`.venv/bin/python -m bench.speed --count {args.count}` on {dt.date.today()}; "
        f"{machine()}; synthetic corpus seed 0; SQLite file {size_mb:,.0f} MB. Timings in a fresh "
        "process on the built collection, as a web worker would run them.",
        "",
        "| figure | result | target |",
        "| --- | --- | --- |",
        f"| related top-10 for one article (median of {len(related_ms)}) | "
        f"**{statistics.median(related_ms):.1f} ms** "
        f"(p90 {statistics.quantiles(related_ms, n=10)[-1]:.1f}) | 40 ms |",
        f"| analysis of one new article, all analysers, stored (median of {len(new_ms)}) | "
        f"**{per_article:.1f} ms** (p90 {statistics.quantiles(new_ms, n=10)[-1]:.1f}) | 20 ms |",
        f"| worker resident memory: after start / after all the above | "
        f"{worker['rss_before']:.0f} / **{worker['rss']:.0f} MB** | < 150 MB |",
        f"| `flask analyse` passes over {args.count:,}: index terms / profiles | "
        f"{built['index_s'] / 60:.1f} / {built['profile_s'] / 60:.1f} min | |",
        f"| ... its suggestion pass, estimated from the per-article median | "
        f"{per_article * args.count / 60000:.0f} min | all three < 45 min |",
        "",
        f"Bulk insert: {built['inserted']:.0f} s. Resident memory of the analysing process every "
        f"{CHUNK * 40:,} articles: {', '.join(f'{s:.0f}' for s in built['samples'])} MB "
        "(flat: it does not grow with the collection).",
    ])  # fmt: skip
    print(text)
    record(
        "Suggestions: speed and quality", f"Speed at {args.count:,} articles (bench/speed.py)", text
    )


if __name__ == "__main__":
    main()
