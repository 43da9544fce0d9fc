"""The search page's Python-written results and facets: the template's markup, and database
text escaped exactly once."""

from __future__ import annotations

import re

from flask import Flask, render_template_string
from flask.testing import FlaskClient

from cms.public.search import facet_links
from cms.queries.filters import NO_FILTERS
from cms.rendering import format_partial_date
from cms.services import search
from tests.factories import make_article

HOSTILE_TITLE = """<script>alert("t")</script> & 'Ferry'"""
HOSTILE_OUTLET = """O'Brien & <Sons> "Daily\""""
HOSTILE_TAG = """<b>Sea</b> & "co" 'x'"""

#: What ``public/search.html`` wrote before the renderer: the reference it must equal.
TEMPLATE = """
{% set path = slug_paths() %}
<ol class="results">
  {% for hit in hits %}
  {% set day = hit.article.published_date %}
  <li class="card">
    <h3 class="card-title"><a href="{{ path.article(hit.article.slug) }}">{{ hit.title }}</a></h3>
    <p class="meta">{% if hit.article.outlet %}{{ hit.article.outlet.name }}{% else %}Outlet unknown{% endif %} <span aria-hidden="true">·</span> {% if day %}<time datetime="{{ day.isoformat() }}">{{ partial_date(day) }}</time>{% else %}<span class="unknown">Date unknown</span>{% endif %}</p>
    <p class="snippet">{{ hit.snippet }}</p>
  </li>
  {% endfor %}
</ol>
{% for name, heading, links in facets %}
<section aria-labelledby="facet-{{ name }}">
  <h3 id="facet-{{ name }}">{{ heading }}</h3>
  <ul class="plain">
    {% for href, label, count in links %}
    <li><a href="{{ href }}">{{ label }}</a> <span class="muted">{{ count }}</span></li>
    {% endfor %}
  </ul>
</section>
{% endfor %}
"""  # noqa: E501


def _norm(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def test_results_and_facets_are_the_templates_markup(app: Flask) -> None:
    with app.app_context():
        make_article(HOSTILE_TITLE, outlet=HOSTILE_OUTLET, tags=[HOSTILE_TAG], summary="A & b")
        make_article("Ferry at sea", outlet=None, date=None, tags=["Sea"])
        make_article("Ferry monthly", date="2022-07", body="The ferry <i>ran</i> & 'stopped'.")
    with app.test_request_context("/search?q=ferry"):
        results = search.search("ferry")
        facets = facet_links(results, 'ferry "&', NO_FILTERS)
        assert len(results.hits) == 3 and len(facets) == 4  # no entities
        reference = render_template_string(
            TEMPLATE, hits=results.hits, facets=facets, partial_date=format_partial_date
        )
        written = render_template_string(
            "{{ search_hits(hits) }}{{ facet_sections(facets) }}", hits=results.hits, facets=facets
        )
    assert _norm(written) == _norm(reference)


def test_database_text_is_escaped_exactly_once(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        make_article(HOSTILE_TITLE, outlet=HOSTILE_OUTLET, tags=[HOSTILE_TAG])
    html = client.get("/search?q=ferry").text
    assert "<script>" not in html and "<b>Sea</b>" not in html and "<Sons>" not in html
    assert (
        "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; &#39;<mark>Ferry</mark>&#39;" in html
    )
    assert "O&#39;Brien &amp; &lt;Sons&gt; &#34;Daily&#34;" in html  # the card and the facet
    assert html.count("O&#39;Brien &amp; &lt;Sons&gt; &#34;Daily&#34;") == 2
    assert "&lt;b&gt;Sea&lt;/b&gt; &amp; &#34;co&#34; &#39;x&#39;</a>" in html
    assert "&amp;amp;" not in html and "&amp;lt;" not in html
