"""Service rules on a real database: status transitions, tags, links, users, bad curation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, ArticleStatus, Link, Relation, Role, Tag
from cms.services import links, publishing, taxonomy, users
from cms.services.errors import Conflict, NotAllowed
from tests.conftest import SEED_DIR

S = ArticleStatus


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (S.DRAFT, S.IN_REVIEW, True),
        (S.DRAFT, S.PUBLISHED, True),
        (S.IN_REVIEW, S.PUBLISHED, True),
        (S.PUBLISHED, S.DRAFT, True),
        (S.PUBLISHED, S.ARCHIVED, True),
        (S.ARCHIVED, S.DRAFT, True),
        (S.ARCHIVED, S.PUBLISHED, False),
        (S.ARCHIVED, S.IN_REVIEW, False),
        (S.PUBLISHED, S.IN_REVIEW, False),
    ],
)
def test_status_transitions_follow_the_table(old, new, allowed) -> None:
    if allowed:
        publishing.check_transition(old, new)
    else:
        with pytest.raises(NotAllowed, match="can only become"):
            publishing.check_transition(old, new)


def test_publishing_an_article_without_text_is_refused(seeded: Flask) -> None:
    with seeded.app_context():
        article = db.session.scalar(select(Article).limit(1))
        publishing.change_status(article, S.DRAFT, actor=None)
        article.body = "  "
        with pytest.raises(NotAllowed, match="no text"):
            publishing.change_status(article, S.PUBLISHED, actor=None)


def test_tags_are_one_regardless_of_case(app_context) -> None:
    first = taxonomy.get_or_create_tag("Eurasian Union")
    assert taxonomy.get_or_create_tag("eurasian  UNION") is first
    clash = Tag(name="EURASIAN UNION", slug="")
    with pytest.raises(Conflict, match="already exists"):
        taxonomy.save_tag(clash)
    assert db.session.scalar(select(func.count(Tag.id))) == 1


def test_outlets_are_found_by_alias(seeded: Flask) -> None:
    with seeded.app_context():
        assert taxonomy.find_outlet("ap").name == "Associated Press"
        assert taxonomy.find_outlet("russia today").name == "RT"
        assert taxonomy.get_or_create_outlet("AP").name == "Associated Press"


def test_links_refuse_self_links_and_repeats(seeded: Flask) -> None:
    with seeded.app_context():
        a, b = db.session.scalars(select(Article).order_by(Article.id).limit(2))
        with pytest.raises(Conflict, match="itself"):
            links.save_link(Link(source=a, target=a, relation=Relation.RELATED), actor=None)
        links.save_link(Link(source=a, target=b, relation=Relation.CITES), actor=None)
        with pytest.raises(Conflict, match="already linked"):
            links.save_link(Link(source=a, target=b, relation=Relation.CITES), actor=None)


def test_first_admin_is_made_once(app_context) -> None:
    made = users.ensure_admin("admin", None)
    assert made is not None and made.generated_password
    assert users.authenticate("admin", made.generated_password) is made.user
    assert users.ensure_admin("admin", None) is None


def test_short_passwords_and_duplicate_names_are_refused(app_context) -> None:
    with pytest.raises(Conflict, match="at least"):
        users.create_user("ed", "short", Role.EDITOR)
    users.create_user("ed", "long enough password", Role.EDITOR)
    with pytest.raises(Conflict, match="already exists"):
        users.create_user("ED", "long enough password", Role.EDITOR)


def test_users_create_command(app: Flask, runner) -> None:
    result = runner.invoke(
        args=["users", "create", "maria", "--role", "admin"],
        input="a good password\na good password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert users.find_user("maria").role is Role.ADMIN


@pytest.mark.parametrize(
    ("curation", "message"),
    [
        ('[articles."a.txt"]\nkind = "gossip"\n', "gossip"),
        ('[[links]]\nsource = "a.txt"\ntarget = "b.txt"\nrelation = "hates"\n', "hates"),
        ('[[outlets]]\nkind = "blog"\n', "lacks the key 'name'"),
        ('[articles."a.txt"]\npublished = "last spring"\n', "last spring"),
        ("this is = = not toml", "curation.toml"),
    ],
)
def test_bad_curation_is_reported_and_nothing_is_written(
    app: Flask, runner, tmp_path: Path, curation: str, message: str
) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Title {name}\n\nThe text of {name}.\n")
    (tmp_path / "curation.toml").write_text(curation)
    result = runner.invoke(args=["seed", str(tmp_path)])
    assert result.exit_code == 1
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 0


def test_seed_folder_constant_points_at_the_project_seed() -> None:
    from cms.cli.seeding import DEFAULT_SEED_DIR

    assert DEFAULT_SEED_DIR == SEED_DIR
    assert (SEED_DIR / "curation.toml").exists()


def test_a_month_date_is_stored_as_the_first_of_the_month(seeded: Flask) -> None:
    from cms.pipeline.types import DatePrecision, PartialDate
    from cms.services.articles import prepare_for_save, set_published_date

    with seeded.app_context():
        article = db.session.scalar(select(Article).limit(1))
        set_published_date(article, PartialDate(dt.date(2024, 11, 17), DatePrecision.MONTH))
        prepare_for_save(article, actor=None, expected_version=None)
        db.session.commit()
        assert article.published_on == dt.date(2024, 11, 1)


def test_logins_ignore_case_in_any_script(app_context) -> None:
    users.create_user("Émile", "long enough password", Role.EDITOR)
    assert users.authenticate("émile", "long enough password") is not None
    with pytest.raises(Conflict, match="already exists"):
        users.create_user("ÉMILE", "another long password", Role.EDITOR)
