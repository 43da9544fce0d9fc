"""In a real Chromium, as an editor: from a freshly imported draft to a published article with
tags, a summary and a typed cross-link, without leaving the admin; then undo from the history,
and an edit of the published article that readers see only once it is published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from cms.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

TEXT = """Astana talks resume on the Caspian pipeline

Officials from Russia and Kazakhstan met in Astana to resume talks on the Caspian pipeline.
The delegations discussed tariffs, maintenance and the volumes planned for next year.
"""


def _pick(page: Page, container: str, typed: str, choice: str) -> None:
    """Choose in a select2 box by typing, as an editor does."""
    page.locator(f"{container} .select2-choice, {container} .select2-choices").first.click()
    page.locator(
        f"#select2-drop input.select2-input:visible, {container} input.select2-input"
    ).first.fill(typed)
    page.locator(".select2-result-label", has_text=choice).first.click()


def test_an_editor_takes_an_imported_draft_to_published_and_back(
    seeded: Flask, make_user, live_server: str, page: Page, tmp_path: Path
) -> None:
    make_user("editor", Role.EDITOR)
    source = tmp_path / "astana-talks.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = seeded.test_cli_runner().invoke(args=["import", str(source)])
    assert result.exit_code == 0, result.output

    page.goto(f"{live_server}/login")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/admin/articles/")
    page.get_by_role("link", name="Astana talks resume on the Caspian pipeline").click()

    # The importer found no date: the editor confirms one.
    expect(page.get_by_text("No publication date found")).to_be_visible()
    page.locator("#published_on").fill("2024-05-14")
    page.locator("#date_precision").select_option("day", force=True)
    # An existing tag from the picker, a new one typed by name, and a summary.
    _pick(page, "#s2id_tags", "State", "State visits")
    page.get_by_label("New tags").fill("Caspian pipeline")
    page.get_by_label("Summary").fill("Russian and Kazakh officials resumed pipeline talks.")
    page.get_by_role("button", name="Save and Continue Editing").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_text("No publication date found")).to_have_count(0)

    # A typed cross-link, added on the article's own page.
    page.locator("#new-link-relation").select_option("follows up")
    _pick(page, "#s2id_new-link-target", "Putin Visits", "Putin Visits Kazakhstan After")
    page.get_by_role("button", name="Add the link").click()
    expect(page.get_by_text(re.compile("This article follows up: Putin Visits"))).to_be_visible()

    # Review, preview, publish.
    page.locator("#status").select_option("in review", force=True)
    page.get_by_role("button", name="Save and Continue Editing").click()
    page.get_by_role("link", name="Preview at its public address").click()
    expect(page.get_by_text("Preview, not public.")).to_be_visible()
    page.go_back()
    page.reload()
    page.locator("#status").select_option("published", force=True)
    page.get_by_role("button", name="Save and Continue Editing").click()
    expect(page.locator(".alert-success")).to_be_visible()

    # Readers see it, with its summary and tags.
    page.get_by_role("link", name="View the public page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Astana talks resume on the Caspian pipeline"
    )
    expect(page.get_by_text("Russian and Kazakh officials resumed pipeline talks.")).to_be_visible()
    public_url = page.url

    # Undo: the state before the first edit comes back, and the public page with it.
    page.go_back()
    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="Restore revision 1").click()
    expect(page.locator(".alert-success", has_text="Restored revision 1")).to_be_visible()
    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Astana talks resume on the Caspian pipeline"
    )
    expect(page.get_by_text("Russian and Kazakh officials resumed pipeline talks.")).to_have_count(
        0
    )

    # An edit to the published article waits, previewed, until it is published.
    page.go_back()
    page.get_by_role("link", name="Back to editing").click()
    page.get_by_label("Summary").fill("A summary that waits to be published.")
    page.get_by_role("button", name="Save and Continue Editing").click()
    expect(page.get_by_role("heading", name="Pending changes, not yet public")).to_be_visible()
    page.get_by_role("link", name="Preview the changes").click()
    expect(page.get_by_text("Preview of pending changes, not public.")).to_be_visible()
    expect(page.get_by_text("A summary that waits to be published.")).to_be_visible()
    page.goto(public_url)
    expect(page.get_by_text("A summary that waits to be published.")).to_have_count(0)
    page.go_back()
    page.get_by_role("link", name="Back to editing").click()
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.locator(".alert-success", has_text="pending changes are published")).to_be_visible()
    page.goto(public_url)
    expect(page.get_by_text("A summary that waits to be published.")).to_be_visible()
