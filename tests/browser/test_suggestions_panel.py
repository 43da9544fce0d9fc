"""In a real Chromium, as an editor: the suggestions panel accepts one suggestion and
dismisses another, each in one click, and the page shows the result."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from cms.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_an_editor_links_one_suggestion_and_dismisses_another(
    seeded: Flask, make_user, live_server: str, page: Page
) -> None:
    make_user("editor", Role.EDITOR)
    page.goto(f"{live_server}/login")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/admin/articles/")
    page.get_by_role("link", name=re.compile("^Central Asia Now")).click()

    panel = page.locator("section[aria-labelledby=suggestions-heading]")
    related = panel.locator("li", has=page.locator("select[name=relation]")).first
    title = related.locator("strong").inner_text()[:40]
    related.locator("select[name=relation]").select_option("follows up")
    related.get_by_role("button", name="Link").click()
    expect(page.locator(".alert-success")).to_contain_text(
        f"Accepted the related suggestion “{title}"
    )
    expect(page.get_by_text(f"This article follows up: {title}")).to_be_visible()

    armenia = panel.locator("li", has=page.locator("strong", has_text=re.compile("^Armenia$")))
    armenia.get_by_role("button", name="Dismiss").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "Dismissed the entity suggestion “Armenia”"
    )
    expect(armenia).to_have_count(0)
    page.reload()
    expect(panel.locator("strong", has_text=re.compile("^Armenia$"))).to_have_count(0)
