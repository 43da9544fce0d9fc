"""Read an admin form as a browser would submit it: inputs, textareas, selected options."""

from __future__ import annotations

import re
from html import unescape

from flask.testing import FlaskClient

from tests.conftest import csrf_token


def main_form(html: str) -> str:
    """The page's Flask-Admin form (class "admin-form") if it has one, else the whole page.

    An edit page has other, separate forms too (cross-links): a browser posts only one form.
    """
    start = html.find('class="admin-form"')
    if start == -1:
        return html
    return html[start : html.index("</form>", start)]


def form_fields(html: str) -> dict[str, str]:
    """The named fields of the page's main form with their current values (and CSRF token)."""
    html = main_form(html)
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or re.search(r'type="(checkbox|radio|submit)"', tag):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = unescape(value.group(1)) if value else ""
    for tag in re.findall(r'<input[^>]*type="checkbox"[^>]*>', html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and "checked" in tag:
            fields[name.group(1)] = "y"
    for name, value in re.findall(
        r'<textarea[^>]*name="([^"]+)"[^>]*>(?:\r?\n)?(.*?)</textarea>', html, re.S
    ):
        fields[name] = unescape(value)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        selected = re.search(
            r'<option selected[^>]*value="([^"]*)"|<option[^>]*value="([^"]*)"[^>]*selected',
            options,
        )
        if selected:
            fields[name] = unescape(selected.group(1) or selected.group(2))
    fields["csrf_token"] = csrf_token(html)
    return fields


def open_form(client: FlaskClient, url: str) -> tuple[str, dict[str, str]]:
    """The page at ``url`` and the fields its form would post back."""
    html = client.get(url).text
    return html, form_fields(html)


def publish_pending(client: FlaskClient, article_id: int) -> str:
    """Press "Publish the changes" on an article's edit page, as an editor would."""
    html = client.get(f"/admin/articles/edit/?id={article_id}").text
    start = html.index('action="/admin/articles/pending/publish/"')
    form = html[start : html.index("</form>", start)]
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    response = client.post("/admin/articles/pending/publish/", data=fields, follow_redirects=True)
    return response.text
