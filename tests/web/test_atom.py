"""The Atom feed's own writer: each value escaped once, the entries' elements complete."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from flask import Flask, url_for
from flask.testing import FlaskClient

from cms.public import atom
from cms.public.paths import external_paths
from tests.factories import make_article

ATOM = "{http://www.w3.org/2005/Atom}"
TITLE = "<script>alert(\"x\")</script> & 'q' \x01done"
SUMMARY = "Fish & <b>chips</b>"
OUTLET = 'A & "B" <C>'
TAG = 'Tom & "Jerry" <3'


def test_hostile_values_come_out_escaped_once_and_read_back_whole(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        make_article(TITLE, outlet=OUTLET, tags=[TAG], summary=SUMMARY, date="2024-02-03")
        slug = make_article("Undated", outlet=None, date=None).slug
    response = client.get("/feed.atom")
    raw = response.text
    assert "<script" not in raw and "<b>" not in raw and "\x01" not in raw
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'q' done" in raw
    assert 'label="Tom &amp; &quot;Jerry&quot; &lt;3"' in raw and "&amp;amp;" not in raw
    entries = ET.fromstring(response.data).findall(f"{ATOM}entry")
    hostile, undated = sorted(entries, key=lambda e: e.findtext(f"{ATOM}title") == "Undated")
    assert hostile.findtext(f"{ATOM}title") == TITLE.replace("\x01", "")
    assert hostile.findtext(f"{ATOM}summary") == SUMMARY
    assert hostile.findtext(f"{ATOM}author/{ATOM}name") == OUTLET
    assert hostile.find(f"{ATOM}category").attrib == {"term": "tom-jerry-3", "label": TAG}
    assert hostile.findtext(f"{ATOM}published") == "2024-02-03T00:00:00+00:00"
    url = f"http://localhost/articles/{slug}"
    assert undated.findtext(f"{ATOM}id") == url
    assert undated.find(f"{ATOM}link").attrib == {"href": url}
    assert undated.findtext(f"{ATOM}author/{ATOM}name") == "Unknown outlet"
    assert undated.find(f"{ATOM}published") is None and undated.find(f"{ATOM}summary") is None


def test_text_and_attributes_escape_as_xml_needs() -> None:
    assert atom.text('a & <b> "c"\r') == 'a &amp; &lt;b&gt; "c"&#13;'
    assert atom.attribute('a & <b> "c"\n\t') == "a &amp; &lt;b&gt; &quot;c&quot;&#10;&#9;"
    assert atom.text("bell\x07 and \ufffe gone, 𝄞 kept") == "bell and  gone, 𝄞 kept"


def test_external_paths_are_what_url_for_builds(app: Flask) -> None:
    with app.test_request_context("/feed.atom", base_url="https://example.org/cms/"):
        for slug in ("plain-slug", "with space", "ünï", "a/b?c#d", "100%"):
            expected = url_for("public.article", slug=slug, _external=True)
            assert external_paths("article")(slug) == expected
