"""What every public page needs from a request: its page number, size and filters."""

from __future__ import annotations

from flask import abort, current_app, request

from cms.public.fallback import follow_old_slug
from cms.queries.articles import FilterSubjects, UnknownName, describe
from cms.queries.filters import ArticleFilters
from cms.queries.paging import Page


def page_number() -> int:
    return max(1, request.args.get("page", 1, type=int))


def page_size() -> int:
    return current_app.config["ARTICLES_PER_PAGE"]


def existing(page: Page) -> Page:
    """A page number past the last page is a page that does not exist."""
    if page.number > page.pages:
        abort(404)
    return page


def request_filters(**fixed: str) -> FilterSubjects:
    """The request's filters (plus ``fixed`` ones from the path), checked and loaded.

    A malformed value raises ``InvalidFilter`` (a 400 naming it); an unknown name is a 404.
    """
    filters = ArticleFilters.from_args({**request.args.to_dict(), **fixed})
    try:
        return describe(filters)
    except UnknownName:
        for kind, slug in fixed.items():
            follow_old_slug(kind, slug)  # a renamed or merged tag or outlet: 301
        abort(404)
