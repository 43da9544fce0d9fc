"""The gazetteer service: seeded entities, aliases, merges, the kill list; and the index."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import BlockedName, Entity, EntityKind, Mention, TermFrequency
from cms.models.analysis import ARTICLE_COUNT_TERM
from cms.services import accepting, analysis, analysis_index, articles, entities
from cms.services.errors import Conflict
from cms.services.transaction import write
from tests.conftest import SEED_DIR
from tests.services.test_suggestions import article_titled

SEEDED = [
    "Vladimir Putin",
    "Nursultan Nazarbayev",
    "Kassym-Jomart Tokayev",
    "Vladimir Zhirinovsky",
    "Emmanuel Macron",
    "Xi Jinping",
    "Eurasian Economic Union",
    "Collective Security Treaty Organization",
    "Shanghai Cooperation Organisation",
    "Rosatom",
    "International Criminal Court",
    "Astana",
    "Crimea",
    "Ukraine",
]


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("Путин", "Vladimir Putin"),
        ("EAEU", "Eurasian Economic Union"),
        ("EEU", "Eurasian Economic Union"),
        ("Назарбаев", "Nursultan Nazarbayev"),
        ("CSTO", "Collective Security Treaty Organization"),
    ],
)
def test_seed_gazetteer_knows_aliases_in_any_script(seeded: Flask, alias: str, name: str) -> None:
    with seeded.app_context():
        assert entities.find_entity(alias).name == name
        assert {e.name for e in db.session.scalars(select(Entity))} >= set(SEEDED)


def test_loading_the_gazetteer_again_changes_nothing(seeded: Flask) -> None:
    with seeded.app_context():
        count = db.session.query(Entity).count()
        with write():
            assert entities.load_gazetteer(SEED_DIR) == 0
        assert db.session.query(Entity).count() == count


def test_aliases_are_added_removed_and_never_shared(seeded: Flask) -> None:
    with seeded.app_context():
        putin = entities.find_entity("Putin")
        with write():
            entities.add_alias(putin, "V. V. Putin", None)
        assert entities.find_entity("v. v. putin") is putin
        with pytest.raises(Conflict, match="already names the entity 'Vladimir Putin'"):
            entities.add_alias(entities.find_entity("Tokayev"), "Путин", None)
        with write():
            entities.remove_alias(putin, "V. V. Putin", None)
        assert entities.find_entity("V. V. Putin") is None


def test_renaming_keeps_the_old_name_as_an_alias(seeded: Flask) -> None:
    with seeded.app_context():
        sco = entities.find_entity("SCO")
        with write():
            entities.update_entity(sco, {"name": "Shanghai Cooperation Organization"}, None)
        assert entities.find_entity("Shanghai Cooperation Organisation") is sco
        assert sco.name == "Shanghai Cooperation Organization"


def test_merging_moves_names_and_mentions(seeded: Flask) -> None:
    with seeded.app_context():
        article = article_titled("Putin in Kazakhstan")
        with write():
            extra = entities.create_entity("V. Putin", EntityKind.PERSON, None)
            entities.add_alias(extra, "Putin V.", None)
            db.session.add(
                Mention(article_id=article.id, entity_id=extra.id, start=0, end=1, surface="x")
            )
        putin = entities.find_entity("Putin")
        with write():
            entities.merge_entities(putin, extra, None)
        assert entities.find_entity("V. Putin") is putin
        assert entities.find_entity("Putin V.") is putin
        assert (
            db.session.scalar(select(Mention.entity_id).where(Mention.surface == "x")) == putin.id
        )
        with pytest.raises(Conflict):
            entities.merge_entities(putin, putin, None)


def test_a_blocked_name_is_not_proposed(seeded: Flask) -> None:
    with seeded.app_context():
        article = article_titled("Central Asia Now")
        assert "entity:new:south caucasus" in {
            s.key for s in accepting.suggestions.pending(article)
        }
        with write():
            entities.block_name("South Caucasus", "a region, not an entity", None)
            analysis.analyse_article(article)
        assert "entity:new:south caucasus" not in {
            s.key for s in accepting.suggestions.pending(article)
        }
        assert db.session.scalar(select(BlockedName.name).where(BlockedName.name == "Kazakhs"))


def df(term: str) -> int:
    row = db.session.get(TermFrequency, term)
    return row.articles if row else 0


def test_document_frequencies_follow_inserts_edits_and_deletes(seeded: Flask) -> None:
    with seeded.app_context():
        count = analysis_index.article_count()
        assert count == 5
        with write():
            article = articles.create_article({"title": "Zebras", "body": "Zebras graze."}, None)
            analysis.analyse_article(article)
        assert (analysis_index.article_count(), df("zebra"), df("graze")) == (6, 1, 1)
        with write():
            articles.update_article(article, {"body": "Zebras run."}, None, article.version)
            analysis.analyse_article(article)
        assert (df("graze"), df("run")) == (0, 1)
        assert analysis_index.more_like_this(["zebra"], exclude_id=0) == [article.id]
        with write():
            articles.delete_article(article, None)
        assert (analysis_index.article_count(), df("zebra")) == (5, 0)
        assert analysis_index.more_like_this(["zebra"], exclude_id=0) == []
        assert df(ARTICLE_COUNT_TERM) == 5


def test_more_like_this_takes_articles_naming_three_strong_terms_first(seeded: Flask) -> None:
    """Enough articles naming three of the four strongest terms: only those come back; too
    few, and any article naming any term does."""
    bodies = {
        "three": "Zebras graze near the river delta.",
        "four": "Zebras graze by the river with lions.",
        "one": "Lions sleep.",
    }
    with seeded.app_context():
        ids = {}
        with write():
            for name, body in bodies.items():
                article = articles.create_article({"title": name, "body": body}, None)
                analysis.analyse_article(article)
                ids[name] = article.id
        terms = ["zebra", "graze", "river", "lion"]
        found = analysis_index.more_like_this(terms, exclude_id=0, limit=2)
        assert sorted(found) == sorted([ids["three"], ids["four"]])
        everything = analysis_index.more_like_this(terms, exclude_id=0, limit=3)
        assert sorted(everything) == sorted(ids.values())
