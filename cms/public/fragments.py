"""An article's date, labels, tags and entity chips as HTML, each written in one place.

The list cards (``card_html``), search's cards (``search_html``), the article page and a
cross-link's sentence (``_macros.html``) all show some of them; they were Jinja macros, then
copies of the macros' markup in each renderer. Each value from the database (tag and entity
names, slugs) is escaped once; what the code writes itself (dates, labels, notes, kinds)
needs none. The ``*_html`` functions return ``str`` for renderers that join strings; the
template globals return the same as ``Markup``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup, escape

from cms.public import bp
from cms.public.paths import slug_paths
from cms.rendering import date_note, format_partial_date, provenance_labels

_SPECIAL = ("&", "<", ">", '"', "'")


def text(value: str) -> str:
    """``escape(value)``, without building a ``Markup`` when it has nothing to escape (most
    titles, slugs and names): 0.6 µs a call, some 200 calls a list page."""
    for special in _SPECIAL:
        if special in value:
            return escape(value)
    return value


def date_html(article: Any, explain: bool = False) -> str:
    """The article's date at its precision; ``explain``: with the note saying when the
    editors placed it or the source gives only a month or year."""
    day = article.published_date
    if day is None:
        return '<span class="unknown">Date unknown</span>'
    html = f'<time datetime="{day.isoformat()}">{format_partial_date(day)}</time>'
    note = date_note(article) if explain else ""
    return f'{html} <span class="date-note">· {note}</span>' if note else html


def labels_html(article: Any) -> str:
    """What the text is (opinion, wire copy, reprint, excerpt) as plain labels; empty if
    it is none of those."""
    labels = provenance_labels(article)
    if not labels:
        return ""
    items = "".join(f"<li>{label}</li>" for label in labels)
    return f'<ul class="labels" aria-label="What this text is">{items}</ul>'


def tags_html(tags: Iterable[Any], anchor: Callable[[Any], str]) -> str:
    """The tags, each as ``anchor`` writes its link; empty if there are none."""
    items = "".join(f"<li>{anchor(tag)}</li>" for tag in tags)
    return f'<ul class="tags" aria-label="Tags">\n{items}\n</ul>' if items else ""


def chips_html(entities: Iterable[Any], entity_path: Callable[[str], str]) -> str:
    """The entities an article mentions, each linked to its page with its kind; empty if
    there are none."""
    items = "".join(
        f'<li><a href="{text(entity_path(entity.slug))}">{text(entity.name)} '
        f'<span class="kind">{entity.kind.value}</span></a></li>'
        for entity in entities
    )
    if not items:
        return ""
    label = "People, organisations and places mentioned"
    return f'<ul class="chips" aria-label="{label}">\n{items}\n</ul>'


@bp.app_template_global("article_date")
def article_date(article: Any, explain: bool = False) -> Markup:
    return Markup(date_html(article, explain))


@bp.app_template_global("article_labels")
def article_labels(article: Any) -> Markup:
    return Markup(labels_html(article))


@bp.app_template_global("article_tags")
def article_tags(tags: Iterable[Any]) -> Markup:
    tag_path = slug_paths().tag
    return Markup(
        tags_html(tags, lambda tag: f'<a href="{text(tag_path(tag.slug))}">{text(tag.name)}</a>')
    )


@bp.app_template_global("entity_chips")
def entity_chips(entities: Iterable[Any]) -> Markup:
    return Markup(chips_html(entities, slug_paths().entity))
