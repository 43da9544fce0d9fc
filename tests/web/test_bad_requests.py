"""Requests that used to crash the app with a 500 get a 400 or are ignored."""

from __future__ import annotations

from flask import Flask

from cms.models import ArticleStatus
from tests.conftest import Auth

BAD_VALUES = ["not a status", "DRAFT", "", "%00", "draft,bogus", "x" * 500]


def test_a_bad_status_filter_is_ignored(seeded: Flask, make_user, auth: Auth, client) -> None:
    make_user()
    auth.login()
    for operation in range(5):  # equal, not equal, empty, in list, not in list
        for value in BAD_VALUES:
            response = client.get("/admin/articles/", query_string={f"flt0_{operation}": value})
            assert response.status_code == 200, (operation, value)


def test_a_status_filter_by_its_value_works(seeded: Flask, make_user, auth: Auth, client) -> None:
    make_user()
    auth.login()
    published = client.get("/admin/articles/", query_string={"flt0_status_is": "published"})
    drafts = client.get(
        "/admin/articles/", query_string={"flt0_status_is": ArticleStatus.DRAFT.value}
    )
    assert published.status_code == drafts.status_code == 200
    assert "Invalid Filter Value" not in published.text
    assert published.text.count("/admin/articles/edit/") >= 5
    assert drafts.text.count("/admin/articles/edit/") == 0
