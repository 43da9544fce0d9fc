"""Editing the gazetteer in the admin: aliases, merging, the kill list; CSRF on."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import BlockedName, Entity, EntityKind
from cms.services import entities
from tests.conftest import Auth, csrf_token
from tests.web.forms import open_form


@pytest.fixture
def editor(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user()
    auth.login()
    return auth.client


def entity_id(app: Flask, name: str) -> int:
    with app.app_context():
        return entities.find_entity(name).id


def aliases_of(app: Flask, name: str) -> set[str]:
    with app.app_context():
        return {a.alias for a in entities.find_entity(name).aliases}


def test_the_list_shows_the_seeded_gazetteer(seeded, editor) -> None:
    page = editor.get("/admin/entities/?search=Nazarbayev").text
    assert "Nursultan Nazarbayev" in page


def test_aliases_are_edited_one_per_line(seeded, editor) -> None:
    url = f"/admin/entities/edit/?id={entity_id(seeded, 'Putin')}"
    _, form = open_form(editor, url)
    assert "Путин" in form["alias_lines"]
    lines = [a for a in form["alias_lines"].splitlines() if a != "Vladimir Vladimirovich Putin"]
    form["alias_lines"] = "\n".join([*lines, "V. V. Putin"])
    assert editor.post(url, data=form).status_code == 302
    assert aliases_of(seeded, "Putin") == {"Putin", "Владимир Путин", "Путин", "V. V. Putin"}


def test_an_alias_another_entity_has_is_refused_in_words(seeded, editor) -> None:
    url = f"/admin/entities/edit/?id={entity_id(seeded, 'Tokayev')}"
    _, form = open_form(editor, url)
    form["alias_lines"] += "\nPutin"
    page = editor.post(url, data=form, follow_redirects=True).text
    assert "&#39;Putin&#39; already names the entity &#39;Vladimir Putin&#39;" in page
    assert "Putin" not in aliases_of(seeded, "Tokayev")


def test_merging_selected_entities(seeded, editor) -> None:
    with seeded.app_context():
        extra = entities.create_entity("V. Putin", EntityKind.PERSON, None)
        db.session.commit()
        extra_id = extra.id
    page = editor.get("/admin/entities/").text
    response = editor.post(
        "/admin/entities/action/",
        data={
            "action": "merge",
            "rowid": [str(entity_id(seeded, "Putin")), str(extra_id)],
            "csrf_token": csrf_token(page),
        },
    )
    assert response.status_code == 302
    with seeded.app_context():
        assert db.session.get(Entity, extra_id) is None
    assert "V. Putin" in aliases_of(seeded, "Putin")


def test_the_kill_list_takes_a_name(seeded, editor) -> None:
    url = "/admin/blocked_names/new/"
    _, form = open_form(editor, url)
    form.update(name="South Caucasus", note="a region, not an entity")
    assert editor.post(url, data=form).status_code == 302
    with seeded.app_context():
        assert db.session.scalar(select(BlockedName).where(BlockedName.name == "South Caucasus"))
