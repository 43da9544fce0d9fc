"""Public pages: home, the article page, and a health check."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup
from sqlalchemy import text

from cms.extensions import db
from cms.public import bp, charts
from cms.public.fallback import unpublished_article
from cms.public.helpers import existing, page_number, page_size
from cms.queries import taxonomy, timeline
from cms.queries.cards import published_cards
from cms.queries.reading import (
    ArticleToRead,
    article_to_read,
    mentioned_entities,
    published_links,
)
from cms.queries.versioned import kept
from cms.rendering import markdown_to_html


@bp.app_template_global("article_body")
def article_body(article: ArticleToRead | Any) -> Markup:
    """The body as readers see it: as stored when it was saved (``Article.body_html``) for a
    published article read for its page; otherwise rendered now (an editor's preview shows
    the text it is given, saved or pending)."""
    stored = article.body_html if isinstance(article, ArticleToRead) else None
    return Markup(stored) if stored is not None else markdown_to_html(article.body)


@bp.get("/")
def home() -> ResponseReturnValue:
    page = existing(published_cards(number=page_number(), size=page_size()))
    sidebar, outlet_count = kept("home sidebar", _home_sidebar)
    return render_template(
        "public/home.html", page=page, sidebar=sidebar, outlet_count=outlet_count
    )


def _home_sidebar() -> tuple[Markup, int]:
    """The sidebar's HTML (years, outlets, tags with counts) and how many outlets it lists."""
    outlets = taxonomy.outlets_with_counts()
    html = render_template(
        "public/_home_sidebar.html",
        tags=taxonomy.tags_with_counts(),
        outlets=outlets,
        years=charts.year_bars(timeline.by_year()),
    )
    return Markup(html), len(outlets)


@bp.get("/articles/<slug>")
def article(slug: str) -> ResponseReturnValue:
    found = article_to_read(slug)
    if found is None:
        lowered = slug.lower()
        if lowered != slug and article_to_read(lowered):
            return redirect(url_for(".article", slug=lowered), 301)
        return unpublished_article(slug)
    return render_template(
        "public/article.html",
        article=found,
        links=published_links(found),
        entities=mentioned_entities(found),
    )


@bp.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    """Browsers and crawlers ask for /favicon.ico whatever the page says."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
