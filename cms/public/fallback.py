"""What an article address without a published article gives: an editor's preview, or 404.

Readers never see an unpublished article. A logged-in editor sees it marked as a preview,
never cached and never indexed.
"""

from __future__ import annotations

from flask import abort, make_response, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from cms.queries.articles import links_of
from cms.queries.preview import article_for_preview


def unpublished_article(slug: str) -> ResponseReturnValue:
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
