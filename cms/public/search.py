"""``/search``: full-text search over published articles, with facets and the list filters."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue

from cms.public import bp
from cms.public.helpers import page_number, page_size, request_filters
from cms.queries.facets import FACETS
from cms.services import search as search_service

#: Longer queries are cut here before anything else looks at them.
MAX_QUERY_CHARACTERS = 2000


@bp.get("/search")
def search() -> ResponseReturnValue:
    query = request.args.get("q", "")[:MAX_QUERY_CHARACTERS]
    subjects = request_filters()
    results = search_service.search(query, subjects.filters, page_number(), page_size())
    return render_template(
        "public/search.html", results=results, subjects=subjects, facets=FACETS, query=query
    )
