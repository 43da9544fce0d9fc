"""axe-core in Debian's Chromium: no accessibility violations on any kind of public page.

axe-core is vendored under ``tests/browser/vendor`` (see its README); the test context
bypasses the site's Content-Security-Policy only to inject it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, EntityKind
from tests.factories import make_mention

pytestmark = pytest.mark.browser
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = [
    "/",
    "/articles/putin-visits-kazakhstan-after-remarks-cause-alarm",
    "/search?q=visit",
    "/search?q=zzzznothing",
    "/search",
    "/timeline",
    "/entities/",
    "/entities/nursultan-nazarbayev",
    "/outlets/the-moscow-times",
    "/articles/?outlet=rt&year=2024",
    "/tags/csto",
]


@pytest.fixture
def with_entity(seeded: Flask) -> Flask:
    with seeded.app_context():
        article = db.session.scalar(select(Article).where(Article.title.startswith("Putin Visits")))
        make_mention(article, "Nursultan Nazarbayev", EntityKind.PERSON)
    return seeded


@pytest.mark.parametrize("width", [1280, 375])
def test_public_pages_have_no_axe_violations(
    with_entity: Flask, live_server: str, browser, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in PAGES:
        response = page.goto(live_server + path)
        assert response.status == 200, path
        page.evaluate(AXE)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
        )
        violations = [
            f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
            for v in result["violations"]
        ]
        if violations:
            found[path] = violations
    context.close()
    assert found == {}
