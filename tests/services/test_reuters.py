"""Real wire stories (Reuters-21578, 1987): the importer invents no date, keeps every line, and
surfaces the wire's re-sends. Stories are converted to .txt and .json here, not in the product.

Counts on the first 2,000 stories with a body (printed with ``-s``) are recorded in the
import section of bench/RESULTS.md.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ImportOutcome, Suggestion, SuggestionKind
from cms.services import importing
from tests.corpora.reuters import REUTERS, Story, as_json, as_text, body_lines, stories

pytestmark = pytest.mark.skipif(
    not REUTERS.is_dir(), reason="../shared/corpora/reuters-21578 is not beside the repository"
)

COUNT = 2000


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def resends(found: list[Story]) -> dict[int, int]:
    """Ground truth, judged apart from the importer: story -> the earlier story it re-sends.

    A re-send has the same headline as an earlier story and a body at least 90% alike by
    difflib, or exactly the same body under any headline.
    """
    by_title: dict[str, list[Story]] = defaultdict(list)
    by_body: dict[str, Story] = {}
    pairs: dict[int, int] = {}
    for story in found:
        body = _normal(story.body)
        if body in by_body:
            pairs[story.newid] = by_body[body].newid
        else:
            for earlier in by_title[_normal(story.title)]:
                ratio = difflib.SequenceMatcher(None, _normal(earlier.body), body).ratio()
                if ratio >= 0.9:
                    pairs[story.newid] = earlier.newid
                    break
        by_title[_normal(story.title)].append(story)
        by_body.setdefault(body, story)
    return pairs


def test_reuters_import(app: Flask, tmp_path: Path) -> None:
    found = list(stories(COUNT))
    folder = tmp_path / "reuters"
    folder.mkdir()
    for story in found:
        # Even stories as plain text (no year in the dateline), odd ones as JSON stating the date.
        if story.newid % 2:
            (folder / f"{story.newid:05d}.json").write_bytes(as_json(story))
        else:
            (folder / f"{story.newid:05d}.txt").write_bytes(as_text(story))
    by_newid = {s.newid: s for s in found}
    truth = resends(found)
    with app.app_context():
        report = importing.import_files(importing.find_files([folder]), channel="cli")
        lines = {int(Path(line.name).stem): line for line in report.lines}
        assert len(lines) == len(found) and not report.rejected
        created = {n: line for n, line in lines.items() if line.outcome is ImportOutcome.CREATED}
        articles = {
            a.id: a for a in db.session.scalars(select(Article).where(Article.id.in_(
                [line.article_id for line in created.values()])))
        }  # fmt: skip
        dated_text = dated_json = wrong = 0
        for newid, line in created.items():
            article = articles[line.article_id]
            if newid % 2 == 0 and article.published_on is not None:
                dated_text += 1
            if newid % 2 and article.published_on is not None:
                dated_json += 1
                wrong += article.published_on != by_newid[newid].date
        suggested_dates = db.session.scalar(
            select(db.func.count(Suggestion.id)).where(Suggestion.field == "date")
        )
        flagged = {
            s.article_id
            for s in db.session.scalars(
                select(Suggestion).where(Suggestion.kind == SuggestionKind.DUPLICATE)
            )
        }
        surfaced = sum(
            1
            for newid in truth
            if lines[newid].outcome is ImportOutcome.DUPLICATE or lines[newid].article_id in flagged
        )
        lost = 0
        for newid, line in created.items():
            article = articles[line.article_id]
            kept = " ".join(f"{article.body}\n{article.captions}".split())
            lost += sum(1 for text in body_lines(by_newid[newid]) if text not in kept)
        total_lines = sum(len(body_lines(by_newid[n])) for n in created)
    print(
        f"\nReuters: {len(found)} stories; {len(created)} created, "
        f"{report.count(ImportOutcome.DUPLICATE)} duplicates; .txt dated {dated_text} "
        f"(no date stated), .json dated {dated_json} of {sum(1 for n in created if n % 2)}, "
        f"{wrong} wrong; {suggested_dates} date suggestions; re-sends {surfaced}/{len(truth)} "
        f"surfaced; body lines lost {lost}/{total_lines}"
    )
    assert dated_text == 0, "a date was invented for a text that states none"
    assert wrong == 0 and dated_json == sum(1 for n in created if n % 2)
    assert truth and surfaced == len(truth)
    assert lost == 0
