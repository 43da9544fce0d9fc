"""Public pages: home, article, tag and outlet pages, and a health check."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup
from sqlalchemy import text

from cms import queries
from cms.extensions import db
from cms.pipeline.types import PartialDate
from cms.public import bp
from cms.rendering import format_partial_date, markdown_to_html


@bp.app_template_filter("partial_date")
def _partial_date_filter(date: PartialDate | None) -> str:
    return format_partial_date(date)


@bp.app_template_filter("markdown")
def _markdown_filter(text: str) -> Markup:
    return markdown_to_html(text)


def _page_number() -> int:
    return max(1, request.args.get("page", 1, type=int))


def _existing(page: queries.Page) -> queries.Page:
    """A page number past the last page is a page that does not exist."""
    if page.number > page.pages:
        abort(404)
    return page


def _page_size() -> int:
    return current_app.config["ARTICLES_PER_PAGE"]


@bp.get("/")
def home() -> ResponseReturnValue:
    page = _existing(queries.published_articles(_page_number(), _page_size()))
    return render_template(
        "public/home.html",
        page=page,
        tags=queries.tags_with_counts(),
        outlets=queries.outlets_with_counts(),
    )


@bp.get("/articles/")
def articles() -> ResponseReturnValue:
    tag = outlet = None
    if slug := request.args.get("tag"):
        tag = queries.tag_by_slug(slug) or abort(404)
    if slug := request.args.get("outlet"):
        outlet = queries.outlet_by_slug(slug) or abort(404)
    year = request.args.get("year", type=int)
    if year is not None and not 1 <= year <= 9999:
        abort(404)
    page = _existing(
        queries.published_articles(_page_number(), _page_size(), tag=tag, outlet=outlet, year=year)
    )
    return render_template("public/articles.html", page=page, tag=tag, outlet=outlet, year=year)


@bp.get("/articles/<slug>")
def article(slug: str) -> ResponseReturnValue:
    found = queries.published_article(slug)
    if found is None:
        lowered = slug.lower()
        if lowered != slug and queries.published_article(lowered):
            return redirect(url_for(".article", slug=lowered), 301)
        abort(404)
    return render_template("public/article.html", article=found, links=queries.links_of(found))


@bp.get("/tags/")
def tags() -> ResponseReturnValue:
    return render_template("public/tags.html", tags=queries.tags_with_counts())


@bp.get("/tags/<slug>")
def tag(slug: str) -> ResponseReturnValue:
    found = queries.tag_by_slug(slug) or abort(404)
    page = _existing(queries.published_articles(_page_number(), _page_size(), tag=found))
    return render_template("public/tag.html", tag=found, page=page)


@bp.get("/outlets/")
def outlets() -> ResponseReturnValue:
    return render_template("public/outlets.html", outlets=queries.outlets_with_counts())


@bp.get("/outlets/<slug>")
def outlet(slug: str) -> ResponseReturnValue:
    found = queries.outlet_by_slug(slug) or abort(404)
    page = _existing(queries.published_articles(_page_number(), _page_size(), outlet=found))
    return render_template("public/outlet.html", outlet=found, page=page)


@bp.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    """Browsers and crawlers ask for /favicon.ico whatever the page says."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
