"""axe-core in Chromium: no serious or critical accessibility violation on the editors' pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page

from cms.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PAGES = [
    "/admin/",
    "/admin/articles/",
    "/admin/articles/edit/?id=1",
    "/admin/articles/history/?id=1",
    "/admin/articles/pending/preview/?id=1",
    "/admin/imports/",
    "/admin/imports/details/?id=1",
    "/admin/import/",
    "/admin/import/batch/1",
    "/admin/tags/",
    "/admin/tags/merges/",
    "/admin/outlets/",
    "/admin/outlets/deleted/",
    "/admin/outlets/edit/?id=1",
    "/admin/outlets/new/",
    "/admin/users/edit/?id=1",
    "/admin/users/new/",
    "/admin/audit/",
]


def _violations(page: Page) -> list[str]:
    # The script is added by Playwright from this file; nothing is fetched from a network.
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['impact']}: {v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']} {v['help']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_admin_pages_have_no_serious_accessibility_violations(
    seeded: Flask, make_user, live_server: str, browser
) -> None:
    # An admin sees every page an editor sees, and the users' pages too.
    make_user("editor", Role.ADMIN)
    # axe is added as an inline script, which the admin's own policy need not allow.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server}/admin/**")
    # The first article (published) gets pending changes: the edit page, the history page
    # and the preview then show them.
    page.goto(f"{live_server}/admin/articles/edit/?id=1")
    page.get_by_label("Summary").fill("An editor's summary, for the history page.")
    page.get_by_role("button", name="Save", exact=True).click()
    found = {}
    for path in PAGES:
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("load")
        if problems := _violations(page):
            found[path] = problems
    context.close()
    assert found == {}, found
