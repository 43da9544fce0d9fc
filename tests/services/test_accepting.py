"""Accepting suggestions: each kind carries out the editor's decision through the services."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import (
    Article,
    ArticleStatus,
    Entity,
    ImportWarning,
    Link,
    Mention,
    Relation,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    User,
)
from cms.services import accepting, analysis, articles, importing, suggestions
from cms.services.accepting import DuplicateChoice
from cms.services.transaction import write
from tests.services.test_suggestions import article_titled

BODY = (
    "Nursultan Nazarbayev met Vladimir Putin in Astana on Tuesday to discuss uranium exports.\n\n"
    "Nazarbayev said the Eurasian Economic Union would protect Kazakhstan's independence, "
    "and Putin agreed. The talks covered uranium, oil and the Baikonur cosmodrome.\n\n"
    "Observers at the Almaty Institute of Strategy said the EAEU would grow."
)


def new_article(title: str = "Nazarbayev and Putin discuss uranium", body: str = BODY) -> Article:
    with write():
        article = articles.create_article({"title": title, "body": body}, actor=None)
        analysis.analyse_article(article)
    return article


def pending_of(article: Article, kind: SuggestionKind) -> list[Suggestion]:
    return [s for s in suggestions.pending(article) if s.kind is kind]


def accept(suggestion: Suggestion, **options) -> None:
    with write():
        accepting.accept(suggestion, actor=None, **options)


def test_accepting_a_tag_adds_it(seeded: Flask) -> None:
    with seeded.app_context():
        article = new_article()
        tag = next(
            s
            for s in pending_of(article, SuggestionKind.TAG)
            if s.value == "Eurasian Economic Union"
        )
        accept(tag)
        assert "Eurasian Economic Union" in [t.name for t in article.tags]
        assert tag.state is SuggestionState.ACCEPTED


def test_accept_all_confident_tags_takes_only_those_above_the_line(seeded: Flask) -> None:
    with seeded.app_context():
        article = new_article()
        tags = pending_of(article, SuggestionKind.TAG)
        confident = {s.value for s in tags if s.score > accepting.CONFIDENT_TAG}
        assert confident and len(confident) < len(tags)
        with write():
            assert accepting.accept_confident_tags(article, actor=None) == len(confident)
        assert {t.name for t in article.tags} == confident


def test_accepting_a_known_entity_records_its_mentions_with_offsets(seeded: Flask) -> None:
    with seeded.app_context():
        article = new_article()
        nazarbayev = next(
            s
            for s in pending_of(article, SuggestionKind.ENTITY)
            if s.value == "Nursultan Nazarbayev"
        )
        accept(nazarbayev)
        mentions = db.session.scalars(select(Mention).where(Mention.article_id == article.id)).all()
        assert [m.surface for m in mentions] == ["Nursultan Nazarbayev", "Nazarbayev"]
        for mention in mentions:
            assert article.body[mention.start : mention.end] == mention.surface


def test_accepting_a_new_name_creates_the_entity(seeded: Flask) -> None:
    with seeded.app_context():
        article = new_article()
        institute = next(
            s
            for s in pending_of(article, SuggestionKind.ENTITY)
            if s.value == "Almaty Institute of Strategy"
        )
        accept(institute)
        entity = db.session.scalar(
            select(Entity).where(Entity.name == "Almaty Institute of Strategy")
        )
        assert entity is not None and len(entity.mentions) == 1
        # The next run finds it in the gazetteer rather than proposing it as new.
        other = new_article(
            "Another", "The Almaty Institute of Strategy published a study on trade."
        )
        keys = {s.key for s in pending_of(other, SuggestionKind.ENTITY)}
        assert f"entity:{entity.id}" in keys


def test_accepting_a_summary_draft_marks_it_machine_drafted_until_edited(seeded: Flask) -> None:
    with seeded.app_context():
        article = new_article()
        (draft,) = pending_of(article, SuggestionKind.SUMMARY)
        accept(draft)
        assert article.summary == draft.value
        assert article.summary_by_editor
        assert accepting.is_machine_drafted(article)
        with write():
            articles.update_article(
                article, {"summary": draft.value + " Edited."}, None, article.version
            )
        assert not accepting.is_machine_drafted(article)


def test_accepting_a_related_article_links_it_with_the_chosen_relation(seeded: Flask) -> None:
    with seeded.app_context():
        article = new_article()
        related = pending_of(article, SuggestionKind.RELATED)[0]
        accept(related, relation=Relation.FOLLOWS_UP)
        link = db.session.scalar(select(Link).where(Link.source_id == article.id))
        assert (link.target_id, link.relation) == (related.target_article_id, Relation.FOLLOWS_UP)
        with write():
            analysis.analyse_article(article)
        assert related.target_article_id not in {
            s.target_article_id for s in pending_of(article, SuggestionKind.RELATED)
        }


def test_a_near_copy_is_a_duplicate_keyed_by_its_target(seeded: Flask) -> None:
    with seeded.app_context():
        original = article_titled("Putin visits Kazakhstan, part")
        copy = new_article("A reprint", original.body.replace("Thursday", "Thursday afternoon"))
        (duplicate,) = pending_of(copy, SuggestionKind.DUPLICATE)
        assert duplicate.key == f"duplicate:{original.id}"
        assert duplicate.reason.startswith("nearly the same text")


def test_dismissing_a_duplicate_remembers_it_is_not_one(seeded: Flask) -> None:
    with seeded.app_context():
        original = article_titled("Putin visits Kazakhstan, part")
        copy = new_article("A reprint", original.body)
        (duplicate,) = pending_of(copy, SuggestionKind.DUPLICATE)
        with write():
            suggestions.dismiss(duplicate, actor=None)
            analysis.analyse_article(copy)
        assert not pending_of(copy, SuggestionKind.DUPLICATE)


def test_merging_a_duplicate_archives_it_and_moves_its_tags(seeded: Flask) -> None:
    with seeded.app_context():
        original = article_titled("Putin visits Kazakhstan, part")
        copy = new_article("A reprint", original.body)
        with write():
            articles.update_article(copy, {"status": ArticleStatus.IN_REVIEW}, None, copy.version)
        (duplicate,) = pending_of(copy, SuggestionKind.DUPLICATE)
        tag = pending_of(copy, SuggestionKind.TAG)[0]
        accept(tag)
        accept(duplicate, duplicate=DuplicateChoice.MERGE)
        assert copy.status is ArticleStatus.ARCHIVED
        assert original.slug in copy.editor_notes
        assert tag.value in [t.name for t in original.tags]


def test_accepting_a_field_value_sets_the_field(seeded: Flask) -> None:
    with seeded.app_context():
        article = new_article()
        with write():
            found = Suggestion(
                article_id=article.id,
                kind=SuggestionKind.FIELD,
                field="date",
                value="2023-11",
                key="field:date:2023-11",
                source="import.dates",
                reason="a date in the text",
            )
            db.session.add(found)
        accept(found)
        assert article.published_date.isoformat() == "2023-11"
        with write():
            analysis.analyse_article(article)  # the analysers never drop the importer's own
        assert found.state is SuggestionState.ACCEPTED


def test_accepting_a_date_found_in_the_body_settles_the_import_warning(
    app: Flask, make_user, tmp_path
) -> None:
    """Through the real import: no stated date, a date seen in the text offered as a field
    suggestion; accepting it sets the date and resolves the "date" warning in the editor's name."""
    editor = make_user()
    path = tmp_path / "talks.txt"
    path.write_text(
        "Steppe talks end without a deal\n\n"
        "The talks, which began on September 30, 2014, ended without a deal on trade.\n",
        encoding="utf-8",
    )
    with app.app_context():
        report = importing.import_files(importing.find_files([path]), channel="cli")
        article = db.session.get(Article, report.lines[0].article_id)
        assert article.published_on is None
        assert "date" in [w.field for w in article.open_import_warnings]
        (found,) = pending_of(article, SuggestionKind.FIELD)
        assert (found.field, found.value) == ("date", "2014-09-30")
        with write():
            accepting.accept(found, actor=db.session.get(User, editor.id))
        assert article.published_date.isoformat() == "2014-09-30"
        (warning,) = [w for w in article.import_warnings if w.field == "date"]
        assert (warning.is_open, warning.resolved_by_id) == (False, editor.id)
        assert "date" not in [w.field for w in article.open_import_warnings]


def test_accepting_a_field_value_the_article_already_has_still_confirms_it(
    seeded: Flask,
) -> None:
    """Accepting is the editor's confirmation even when it changes nothing."""
    with seeded.app_context():
        article = new_article()
        with write():
            db.session.add(ImportWarning(article_id=article.id, field="title", kind="suggested"))
            found = Suggestion(
                article_id=article.id,
                kind=SuggestionKind.FIELD,
                field="title",
                value=article.title,
                key=f"field:title:{article.title}",
                source="import.title",
                reason="the first line of the text",
            )
            db.session.add(found)
        accept(found)
        assert article.open_import_warnings == []
