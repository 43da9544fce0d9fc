"""``flask analyse`` and ``flask suggest``, run as an operator would."""

from __future__ import annotations

import json
import subprocess
import sys

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, Suggestion, SuggestionState
from cms.services import analysis_run, suggestions
from cms.services.transaction import write


def slug_of(app: Flask, title_start: str) -> str:
    with app.app_context():
        return db.session.scalar(select(Article.slug).where(Article.title.startswith(title_start)))


def test_analyse_all_reports_counts_and_keeps_decisions(
    seeded: Flask, runner: FlaskCliRunner
) -> None:
    with seeded.app_context():
        first = db.session.scalar(select(Suggestion).order_by(Suggestion.id))
        with write():
            suggestions.dismiss(first, actor=None)
        key, article_id = first.key, first.article_id
    result = runner.invoke(args=["analyse"])
    assert result.exit_code == 0, result.output
    assert "Analysed 5 articles: 0 new suggestions" in result.output
    with seeded.app_context():
        again = db.session.scalar(
            select(Suggestion).where(Suggestion.key == key, Suggestion.article_id == article_id)
        )
        assert again.state is SuggestionState.DISMISSED


def test_analyse_one_article_by_slug(seeded: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["analyse", slug_of(seeded, "Central Asia Now")])
    assert result.exit_code == 0, result.output
    assert "Analysed 1 articles" in result.output
    unknown = runner.invoke(args=["analyse", "no-such-article"])
    assert unknown.exit_code != 0 and "No article with the slug 'no-such-article'" in unknown.output


def test_suggest_json_lists_kind_value_score_reason(seeded: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=["suggest", slug_of(seeded, "Putin visits Kazakhstan, part"), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(set(row) == {"kind", "value", "score", "reason"} for row in rows)
    assert {"kind": "entity", "value": "Emmanuel Macron"}.items() <= next(
        r for r in rows if r["value"] == "Emmanuel Macron"
    ).items()
    assert [r["kind"] for r in rows] == sorted(
        (r["kind"] for r in rows),
        key=["tag", "entity", "summary", "related", "duplicate", "field"].index,
    )


def test_suggest_as_lines(seeded: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["suggest", slug_of(seeded, "Putin visits Kazakhstan, part")])
    assert result.exit_code == 0
    assert "entity    0.84  Emmanuel Macron  (in the gazetteer; named once" in result.output


def test_analysers_in_a_worker_process_propose_what_they_propose_here(
    seeded: Flask, runner: FlaskCliRunner
) -> None:
    # The seeding analysed the articles in this process; a worker must make the same proposals.
    with seeded.app_context():
        before = set(
            db.session.execute(select(Suggestion.key, Suggestion.score, Suggestion.reason))
        )
    result = runner.invoke(args=["analyse", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "Analysed 5 articles: 0 new suggestions, 0 updated, 0 no longer" in result.output
    with seeded.app_context():
        after = set(db.session.execute(select(Suggestion.key, Suggestion.score, Suggestion.reason)))
    assert after == before and before


def test_a_workers_module_loads_neither_flask_nor_sqlalchemy() -> None:
    """What a spawned worker imports (the steps it runs, its initializer) is the pure pipeline
    only: the database stack made each worker's start take seconds."""
    assert analysis_run.analysis_steps.start_worker.__module__ == "cms.services.analysis_steps"
    loaded = subprocess.run(
        [sys.executable, "-c", _LOADED_PACKAGES, "cms.services.analysis_steps"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "cms" in loaded
    assert not {"flask", "sqlalchemy", "flask_sqlalchemy"} & set(loaded)


_LOADED_PACKAGES = (
    "import importlib, sys; importlib.import_module(sys.argv[1]); "
    "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
)
