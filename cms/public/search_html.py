"""The search page's results and facets as HTML, written in Python as the list cards are.

Twenty result cards (a page, then) and up to sixty facet links were a tenth of a search's time
in Jinja's loops (see ``card_html`` for why). Here each value from the database (outlet names,
facet labels, the addresses built from the reader's query) is escaped once with
``markupsafe.escape`` (a card's through ``fragments.text``, which builds no ``Markup`` when
there is nothing to escape); a hit's title and snippet are ``Markup`` already, escaped and
highlighted by the search service. The markup is what ``public/search.html`` wrote, a newline
wherever it had whitespace between tags; ``tests/web/test_search_html.py`` holds it to that.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from cms.public import bp
from cms.public.card_html import SEPARATOR
from cms.public.fragments import date_html, text
from cms.public.paths import slug_paths
from cms.services.search import Hit

#: (parameter, heading, [(href, label, count)]) per facet, as ``search.facet_links`` gives.
FacetSections = Sequence[tuple[str, str, Sequence[tuple[str, str, int]]]]


@bp.app_template_global("search_hits")
def search_hits(hits: Sequence[Hit]) -> Markup:
    """``<ol class="results">`` with one card per hit."""
    article_path = slug_paths().article
    cards = "\n".join(_hit(hit, article_path(hit.article.slug)) for hit in hits)
    return Markup(f'<ol class="results">\n{cards}\n</ol>')


def _hit(hit: Hit, path: str) -> str:
    article = hit.article
    outlet = text(article.outlet.name) if article.outlet else "Outlet unknown"
    when = date_html(article)
    return (
        '<li class="card">\n'
        f'<h3 class="card-title"><a href="{text(path)}">{hit.title}</a></h3>\n'
        f'<p class="meta">{outlet} {SEPARATOR} {when}</p>\n'
        f'<p class="snippet">{hit.snippet}</p>\n'
        "</li>"
    )


@bp.app_template_global("facet_sections")
def facet_sections(sections: FacetSections) -> Markup:
    """One ``<section>`` per facet, each value a link that narrows the search, with its count."""
    return Markup("\n".join(_section(*section) for section in sections))


def _section(name: str, heading: str, links: Sequence[tuple[str, str, int]]) -> str:
    items = "\n".join(
        f'<li><a href="{escape(href)}">{escape(label)}</a> <span class="muted">{count}</span></li>'
        for href, label, count in links
    )
    return (
        f'<section aria-labelledby="facet-{name}">\n'
        f'<h3 id="facet-{name}">{escape(heading)}</h3>\n'
        f'<ul class="plain">\n{items}\n</ul>\n'
        "</section>"
    )
