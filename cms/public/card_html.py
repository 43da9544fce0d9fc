"""A page of article cards as HTML, written in Python instead of a template loop.

The ``article_list`` macro's card loop was about 40 % of a list page: Jinja looks up each
attribute through ``environment.getattr``, escapes and wraps every piece it prints in
``Markup``, some 300 times a page. Here each value from the database (title, summary, slugs,
outlet and tag names) is escaped once with ``markupsafe.escape`` (skipped for text without a
character it replaces) and the card is joined as plain strings; what the code itself writes
(dates from ``date`` values, enum labels, date notes) needs no escaping. The date, labels
and tags come from ``fragments``, as the article page's do; a newline stands wherever the
macro had whitespace between tags, so the page reads the same. ``tests/web/test_card_html.py``
holds it to that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup

from cms.public import bp
from cms.public.fragments import date_html, labels_html, tags_html, text
from cms.public.paths import SlugPaths, slug_paths

#: Between a card's outlet, date and kind (search's cards too).
SEPARATOR = '<span aria-hidden="true">·</span>'


@bp.app_template_global("article_cards")
def article_cards(articles: Iterable[Any], show_outlet: bool = True, level: int = 2) -> Markup:
    """``<div class="cards">`` with one ``<article class="card">`` per article (an
    ``ArticleCard`` or an ``Article``); ``level``: the cards' heading level."""
    links = _Links(slug_paths())
    heading = int(level)
    cards = "\n".join(_card(article, links, show_outlet, heading) for article in articles)
    return Markup(f'<div class="cards">\n{cards}\n</div>')


class _Links:
    """Anchors to outlets and tags, each written once per page: a tag's page shows its own
    tag on every card, and a few outlets recur down any list."""

    def __init__(self, paths: SlugPaths) -> None:
        self.paths = paths
        self._outlets: dict[str, str] = {}
        self._tags: dict[str, str] = {}

    def article(self, slug: str) -> str:
        return text(self.paths.article(slug))

    def outlet(self, outlet: Any) -> str:
        return _anchor(self._outlets, self.paths.outlet, outlet.slug, outlet.name)

    def tag(self, tag: Any) -> str:
        return _anchor(self._tags, self.paths.tag, tag.slug, tag.name)


def _anchor(written: dict[str, str], path: Callable[[str], str], slug: str, name: str) -> str:
    key = f"{slug}\0{name}"
    anchor = written.get(key)
    if anchor is None:
        anchor = written[key] = f'<a href="{text(path(slug))}">{text(name)}</a>'
    return anchor


def _card(article: Any, links: _Links, show_outlet: bool, level: int) -> str:
    title = f'<a href="{links.article(article.slug)}">{text(article.title)}</a>'
    parts = [
        '<article class="card">',
        f'<h{level} class="card-title">{title}</h{level}>',
        f'<p class="meta">\n{_meta(article, links, show_outlet)}\n</p>',
    ]
    labels = labels_html(article)
    if labels:
        parts.append(labels)
    if article.summary:
        parts.append(f'<p class="summary">{text(article.summary)}</p>')
    if article.tags:
        parts.append(tags_html(article.tags, links.tag))
    parts.append("</article>")
    return "\n".join(parts)


def _meta(article: Any, links: _Links, show_outlet: bool) -> str:
    """The card's outlet, date (with its note) and kind."""
    parts = []
    if show_outlet:
        outlet = article.outlet
        parts += [links.outlet(outlet) if outlet else "Outlet unknown", SEPARATOR]
    parts.append(date_html(article, explain=True))
    parts.append(f"{SEPARATOR} {article.kind.value.capitalize()}")
    return "\n".join(parts)
