"""The article page shows the body as stored when it was saved; previews render what they get."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from cms.extensions import db
from cms.models import Article, ArticleStatus
from cms.services.transaction import write
from tests.conftest import Auth
from tests.factories import make_article
from tests.web.forms import open_form, publish_pending


def _set_stored(app: Flask, slug: str, html: str | None) -> None:
    with app.app_context(), write():
        db.session.execute(update(Article).where(Article.slug == slug).values(body_html=html))


def test_the_page_shows_the_stored_body_and_renders_one_not_yet_stored(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        slug = make_article("Stored", body="Some *emphasis* & <b>tags</b>.").slug
    page = client.get(f"/articles/{slug}").text
    assert (
        '<div class="body"><p>Some <em>emphasis</em> &amp; &lt;b&gt;tags&lt;/b&gt;.</p>\n</div>'
        in page
    )
    _set_stored(app, slug, "<p>As stored.</p>")  # the page reads the column, not the text
    assert '<div class="body"><p>As stored.</p></div>' in client.get(f"/articles/{slug}").text
    _set_stored(app, slug, None)  # written outside the app: rendered now, escaped as ever
    assert "<p>Some <em>emphasis</em> &amp; &lt;b&gt;tags&lt;/b&gt;.</p>" in (
        client.get(f"/articles/{slug}").text
    )


def test_previews_render_the_text_they_show_and_publishing_stores_it(
    app: Flask, make_user, auth: Auth
) -> None:
    with app.app_context():
        draft = make_article("A draft", body="Draft *text*.", status=ArticleStatus.DRAFT).slug
        live = make_article("Live", body="Published text.")
        live_id, live_slug = live.id, live.slug
    _set_stored(app, draft, "<p>not this</p>")
    make_user()
    auth.login()
    editor = auth.client
    assert "<p>Draft <em>text</em>.</p>" in editor.get(f"/articles/{draft}").text
    url = f"/admin/articles/edit/?id={live_id}"
    _, form = open_form(editor, url)
    form["body"] = "Pending <script>x</script> *words*."
    assert "Saved as pending changes" in editor.post(url, data=form, follow_redirects=True).text
    preview = editor.get(f"/admin/articles/pending/preview/?id={live_id}").text
    assert "<p>Pending &lt;script&gt;x&lt;/script&gt; <em>words</em>.</p>" in preview
    reader = app.test_client().get(f"/articles/{live_slug}").text
    assert "<p>Published text.</p>" in reader and "Pending" not in reader
    assert "The pending changes are published" in publish_pending(editor, live_id)
    reader = app.test_client().get(f"/articles/{live_slug}").text
    assert "<p>Pending &lt;script&gt;x&lt;/script&gt; <em>words</em>.</p>" in reader
