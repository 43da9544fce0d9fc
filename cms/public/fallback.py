"""What an address without a published record gives: a redirect from an old slug, an
editor's preview, or 404.

A renamed or merged article, tag or outlet keeps its old address as a permanent redirect.
Readers never see an unpublished article; a logged-in editor sees it marked as a preview,
never cached and never indexed.
"""

from __future__ import annotations

from flask import abort, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from cms.queries.articles import links_of
from cms.queries.preview import article_for_preview
from cms.queries.redirects import current_slug


def follow_old_slug(kind: str, slug: str) -> None:
    """Answer with a permanent redirect if ``slug`` is an old address of a ``kind`` record."""
    new = current_slug(kind, slug)
    if new is not None:
        abort(redirect(url_for(f"public.{kind}", slug=new, **request.args), 301))


def unpublished_article(slug: str) -> ResponseReturnValue:
    follow_old_slug("article", slug)
    if current_user.is_authenticated:
        article = article_for_preview(slug)
        if article is not None:
            page = render_template(
                "public/article_preview.html", article=article, links=links_of(article)
            )
            response = make_response(page)
            response.headers["Cache-Control"] = "private, no-store"
            response.headers["X-Robots-Tag"] = "noindex"
            return response
    abort(404)
