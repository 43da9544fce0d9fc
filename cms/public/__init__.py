"""The public site: read-only pages over published articles."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from cms.public import (  # noqa: E402, F401  (routes register on import)
    caching,
    card_html,
    entities,
    errors,
    feeds,
    fragments,
    lists,
    paths,
    search,
    search_html,
    site_links,
    timeline,
    views,
)
