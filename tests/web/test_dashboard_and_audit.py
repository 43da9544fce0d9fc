"""The dashboard's queues and the admins' audit log, filterable by user, record and date."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cms.extensions import db
from cms.models import Role, Tag
from tests.conftest import Auth
from tests.web.forms import open_form


@pytest.fixture
def admin(seeded: Flask, make_user, auth: Auth) -> FlaskClient:
    make_user("boss", Role.ADMIN)
    auth.login("boss")
    return auth.client


def _rename_tag(app: Flask, client: FlaskClient, name: str, new: str) -> int:
    with app.app_context():
        tag_id = db.session.scalar(select(Tag.id).where(Tag.name == name))
    url = f"/admin/tags/edit/?id={tag_id}"
    _, form = open_form(client, url)
    form["name"] = new
    assert client.post(url, data=form).status_code == 302
    return tag_id


def test_the_dashboard_shows_counts_queue_imports_and_recent_changes(seeded, admin) -> None:
    _rename_tag(seeded, admin, "State visits", "Official visits")
    html = admin.get("/admin/").text
    assert "flt0_status_is=published" in html
    assert "Needs review" in html and "suggestion" in html
    assert "Recent imports" in html and "Import #1 (seed" in html
    assert "— 7 files" in html  # counted by query; the items themselves are not loaded
    assert "boss — update tag “Official visits”" in html


def test_the_audit_log_filters_by_user_record_and_date(seeded, admin, make_user, app) -> None:
    tag_id = _rename_tag(seeded, admin, "State visits", "Official visits")
    html = admin.get("/admin/audit/?flt0_user_contains=boss").text
    assert "Official visits" in html
    assert "Official visits" not in admin.get("/admin/audit/?flt0_user_contains=nobody").text
    by_record = admin.get(f"/admin/audit/?flt0_record_equals=tag&flt1_number_equals={tag_id}")
    assert "Official visits" in by_record.text
    future = admin.get("/admin/audit/?flt0_when_greater_than=2100-01-01+00:00:00").text
    assert "Official visits" not in future


def test_editors_cannot_read_the_audit_log(seeded, make_user, auth) -> None:
    make_user()
    auth.login()
    assert auth.client.get("/admin/audit/").status_code == 403
