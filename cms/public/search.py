"""``/search``: full-text search over published articles, with facets and the list filters."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from cms.public import bp
from cms.public.helpers import page_number, request_filters
from cms.public.paths import QUERY_SAFE, with_args
from cms.queries.facets import FACETS
from cms.queries.filters import ArticleFilters
from cms.services import search as search_service
from cms.services.search import SearchResults

#: Longer queries are cut here before anything else looks at them.
MAX_QUERY_CHARACTERS = 2000


@bp.get("/search")
def search() -> ResponseReturnValue:
    query = request.args.get("q", "")[:MAX_QUERY_CHARACTERS]
    subjects = request_filters()
    size = current_app.config["SEARCH_PER_PAGE"]
    results = search_service.search(query, subjects.filters, page_number(), size, with_tags=False)
    if results.ranked and results.number > results.pages:
        abort(404)  # past the last ranked page, as past a list's last page
    return render_template(
        "public/search.html",
        results=results,
        subjects=subjects,
        facets=facet_links(results, query, subjects.filters),
        query=query,
    )


def facet_links(
    results: SearchResults, query: str, filters: ArticleFilters
) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    """Each facet with values: (parameter, heading, [(href, label, count)]).

    The same addresses ``url_for`` would build (the query, then the filters with this value
    set), made from one base path: sixty ``url_for`` calls were a tenth of a search.
    """
    current = filters.to_args()
    # Adding a filter not yet set appends it to the same query string; one already set
    # (a single value, then) keeps its place, as ``dict`` and ``url_for`` keep it.
    shared = f"{url_for('public.search')}?{urlencode({'q': query, **current}, safe=QUERY_SAFE)}"
    sections = []
    for name, heading in FACETS:
        links = []
        for value in results.facets.get(name, []):
            if name in current:
                args = {"q": query, **dict(current, **{name: value.value})}
                href = f"{url_for('public.search')}?{urlencode(args, safe=QUERY_SAFE)}"
            else:
                href = with_args(shared, **{name: value.value})
            label = value.label.capitalize() if name == "outlet_kind" else value.label
            links.append((href, label, value.count))
        if links:
            sections.append((name, heading, links))
    return sections
