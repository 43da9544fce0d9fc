"""In a real Chromium: an editor logs in, edits a title; a reader sees it and follows a link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from cms.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).parent / "screenshots"


def test_editor_edits_a_title_and_readers_see_it(
    seeded: Flask, make_user, live_server: str, page: Page
) -> None:
    make_user("editor", Role.EDITOR)
    # Console errors include Content-Security-Policy violations: the admin must fit its policy.
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live_server}/admin/articles/")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name=re.compile("^Putin Visits Kazakhstan After"))
    ).to_be_visible()

    page.get_by_role("link", name="Putin Visits Kazakhstan After Remarks Cause Alarm").click()
    page.get_by_label("Title").fill("Putin Mends Fences in Astana")
    page.get_by_role("button", name="Save and Continue Editing").click()
    # The article is published: the change waits until it is published.
    expect(page.get_by_text("Saved as pending changes")).to_be_visible()
    page.get_by_role("button", name="Publish the changes").click()
    expect(page.locator(".alert-success", has_text="pending changes are published")).to_be_visible()

    page.goto(live_server)
    page.get_by_role("link", name="Putin Mends Fences in Astana").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Putin Mends Fences in Astana")
    expect(page.locator("time").first).to_have_text("30 September 2014")
    # On paper: no navigation, the article's own address, the source's address spelt out.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_text(re.compile(r"^From http://127\.0\.0\.1:\d+/articles/"))).to_be_visible()
    after = "getComputedStyle(document.querySelector('a.source-link'), '::after').content"
    assert page.evaluate(after).startswith('" (http')
    page.emulate_media(media="screen")
    page.get_by_role("link", name=re.compile("^Window on Eurasia: Nazarbayev")).click()
    expect(page.get_by_text("follows up this article")).to_be_visible()
    assert errors == []


def test_public_pages_have_no_console_errors_and_fit_a_phone(
    seeded: Flask, live_server: str, browser
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    errors: list[str] = []
    pages = [
        ("home", "/"),
        ("outlets", "/outlets/"),
        ("outlet", "/outlets/the-moscow-times"),
        ("tag", "/tags/csto"),
        ("list", "/articles/?outlet=rt&year=2024"),
        ("article", "/articles/putin-visits-kazakhstan-after-remarks-cause-alarm"),
        ("search", "/search?q=visit"),
        ("timeline", "/timeline"),
        ("entities", "/entities/"),
    ]
    for width in (320, 375):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for name, path in pages:
            page.goto(live_server + path)
            scrolled = page.evaluate("document.documentElement.scrollWidth")
            assert scrolled <= width, f"{path} scrolls sideways at {width}px ({scrolled}px)"
            page.screenshot(path=SCREENSHOTS / f"phone-{width}-{name}.png", full_page=True)
        context.close()
    assert errors == []
