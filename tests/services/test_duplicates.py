"""Duplicate rules on import: exact, same text under another headline, near-duplicates, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ImportOutcome, Suggestion, SuggestionKind
from cms.services import importing

STORY = (
    "The finance ministry said on Tuesday that the budget deficit narrowed to 2.1 percent of "
    "output in the first quarter, helped by higher oil revenue and lower spending on subsidies.\n\n"
    "Officials expect the deficit to widen again in the second half as the government raises "
    "public sector wages and pays for the new railway line to the northern provinces.\n\n"
    "Economists polled last month had forecast a deficit of 2.4 percent for the quarter, and "
    "several of them said the figures showed the ministry was keeping a tight grip on costs."
)
URL = "https://www.example.com/news/deficit-narrows"


def article(title: str = "Deficit narrows", body: str = STORY, url: str = "") -> str:
    front = f"---\ntitle: {title}\n" + (f"url: {url}\n" if url else "") + "---\n"
    return front + body + "\n"


@pytest.mark.parametrize(
    ("second", "outcome", "reason"),
    [
        (article(), "duplicate", "duplicate of deficit-narrows"),
        (article(body=STORY.upper().replace("\n\n", "\n\n  ")), "duplicate", "duplicate of"),
        (article("DEFICIT  NARROWS"), "duplicate", "duplicate of deficit-narrows"),
        (article("Budget gap shrinks"), "duplicate", "under another headline"),
        # A full stop changed: not the same text, the same story.
        (article(body=STORY.replace("subsidies.", "subsidies;")), "created", "possible duplicate"),
        (article(body="By Staff Reporter\n\n" + STORY + "\n\nCopyright 2024 The Daily Ledger"),
         "created", "possible duplicate"),
        (article(body=STORY.replace("Tuesday", "Wednesday").replace("2.4", "2.5")), "created",
         "possible duplicate"),
        # The same canonical URL: a corrected re-send with a new text.
        (article("Correction", "A short corrected note about the deficit figures.",
                 "http://example.com/news/deficit-narrows/?utm_source=feed&fbclid=abc"),
         "created", "the same original URL"),
        (article("Other", "A completely different story about football in the rain today.",
                 "https://example.com/news/other"), "created", ""),
    ],
)  # fmt: skip
def test_duplicate_rules(
    app: Flask, tmp_path: Path, second: str, outcome: str, reason: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(article(url=URL))
    (folder / "b.md").write_text(second)
    with app.app_context():
        report = importing.import_files(importing.find_files([folder]), channel="cli")
        first, line = report.lines
        assert first.outcome is ImportOutcome.CREATED
        assert line.outcome.value == outcome
        assert reason in line.reason
        duplicates = db.session.scalars(
            select(Suggestion).where(Suggestion.kind == SuggestionKind.DUPLICATE)
        ).all()
        if reason.startswith(("possible", "the same original")):
            (suggestion,) = duplicates
            assert suggestion.article_id == line.article_id
            assert suggestion.target_article_id == first.article_id
            assert suggestion.key == f"duplicate:{first.article_id}"
            assert suggestion.state.value == "pending"
            assert suggestion.evidence.startswith("--- deficit-narrows")
            new = db.session.get(Article, line.article_id)
            assert new.status.value == "draft"
        else:
            assert duplicates == []


COMMENTARY = (
    "Our columnist reads the quarterly figures with more doubt than the ministry would like, "
    "and asks who will pay for the promises made before the election in the spring.\n\n"
    "Here is what the wire reported on Tuesday.\n\n{}\n\n{}\n\n"
    "Wages in the public sector have not kept up with prices for three years, teachers and "
    "nurses have marched twice this winter, and the railway has been promised by every "
    "government since the nineties. A narrower deficit in one quarter proves little about "
    "the next, when the bills for both arrive together and the oil price may not be as kind."
)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (STORY.replace("subsidies.", "subsidies;"), "possible duplicate of deficit-narrows"),
        (COMMENTARY.format(*STORY.split("\n\n")[1:]), ""),
    ],
)  # fmt: skip
def test_an_article_written_by_hand_is_recognised_by_later_imports(
    app: Flask, tmp_path: Path, body: str, reason: str
) -> None:
    """Its sketch and sentences are kept when it is created, as an import keeps a file's."""
    from cms.models import ProvenanceFlag
    from cms.services import articles
    from cms.services.transaction import write

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.md").write_text(article("Later file", body))
    with app.app_context():
        with write():
            typed = articles.create_article({"title": "Deficit narrows", "body": STORY}, None)
            slug = typed.slug
        (line,) = importing.import_files(importing.find_files([folder]), channel="cli").lines
        assert line.outcome is ImportOutcome.CREATED
        assert reason in line.reason
        flags = db.session.scalars(
            select(ProvenanceFlag.rule).where(ProvenanceFlag.article_id == line.article_id)
        ).all()
        if not reason:
            assert flags == [f"shares 2 long sentences with {slug}"], line.reason
