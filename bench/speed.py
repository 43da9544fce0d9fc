"""Suggestions at scale: related top-10, analysing one new article, memory; into RESULTS.md.

    .venv/bin/python -m bench.speed --count 100000     # one careful run; ~15 minutes here

A fresh database gets ``count`` synthetic articles (``bench/corpus.py``) in bulk, then the
index and profile passes of ``flask analyse`` over all of them (timed). Then, on that
collection: related top-10 for sampled articles (median), and the full analysis of new
articles as an import's second phase runs it (median), each in this one process, whose
resident memory is sampled between steps: no index lives in a worker's memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from bench import corpus
from bench.analysis_db import CHUNK, Row, fresh_app, insert_articles
from bench.results import machine, record
from cms.extensions import db
from cms.models import Article
from cms.pipeline.types import DatePrecision
from cms.services import analysis
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
        seconds.append(time.perf_counter() - started)
    return seconds[0], seconds[1], samples


def add_new_article(article: corpus.SyntheticArticle, n: int) -> Article:
    with write():
        result = db.session.execute(
            insert(Article).returning(Article.id),
            [{"slug": f"new{n}", "title": article.title, "body": article.body, "raw": "",
              "content_hash": f"new{n}", "published_on": article.published_on,
              "date_precision": DatePrecision.DAY}],
        )  # fmt: skip
        new_id = result.scalar_one()
    return db.session.get(Article, new_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cms-speed-"))
    generated = list(corpus.generate(args.count + args.samples, seed=0))
    existing, new = generated[: args.count], generated[args.count :]
    with fresh_app(folder):
        started = time.perf_counter()
        ids = insert_articles(Row(a.title, a.body, a.published_on) for a in existing)
        inserted = time.perf_counter() - started
        del generated, existing
        known = analysis.vocabulary()
        rss_start = rss_mb()
        index_s, profile_s, rss_samples = timed_passes(ids, known)
        rng = random.Random(1)
        related_ms = []
        for aid in rng.sample(ids, args.samples):
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
        size_mb = sum(p.stat().st_size for p in folder.glob("bench.sqlite3*")) / 2**20
        rss_end = rss_mb()
    per_article = statistics.median(new_ms)
    text = "\n".join([
        f"`.venv/bin/python -m bench.speed --count {args.count}` on {dt.date.today()}; "
        f"{machine()}; "
        f"synthetic corpus seed 0; one process, one SQLite file ({size_mb:,.0f} MB after the run).",
        "",
        "| figure | result | target |",
        "| --- | --- | --- |",
        f"| related top-10 for one article (median of {args.samples}) | "
        f"**{statistics.median(related_ms):.1f} ms** "
        f"(p90 {statistics.quantiles(related_ms, n=10)[-1]:.1f}) | 40 ms |",
        f"| analysis of one new article, all analysers, stored (median of {len(new_ms)}) | "
        f"**{per_article:.1f} ms** (p90 {statistics.quantiles(new_ms, n=10)[-1]:.1f}) | 20 ms |",
        f"| process resident memory: start / during the passes (max) / end | "
        f"{rss_start:.0f} / {max(rss_samples):.0f} / {rss_end:.0f} MB | worker < 150 MB |",
        f"| `flask analyse` passes over {args.count:,}: index terms / profiles | "
        f"{index_s / 60:.1f} / {profile_s / 60:.1f} min | |",
        f"| ... the suggestion pass, estimated from the per-article median | "
        f"{per_article * args.count / 60000:.0f} min | all three < 45 min |",
        "",
        f"Bulk insert of the articles took {inserted:.0f} s. Memory samples during the passes "
        f"(every {CHUNK * 40:,} articles): {', '.join(f'{s:.0f}' for s in rss_samples)} MB.",
    ])  # fmt: skip
    print(text)
    record(
        "Suggestions: speed and quality", f"Speed at {args.count:,} articles (bench/speed.py)", text
    )


if __name__ == "__main__":
    main()
