"""API endpoints: lists with the same filters as the site, one article, vocabularies, search."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from cms.api import bp, shapes
from cms.api.openapi import document
from cms.queries import entities as entity_queries
from cms.queries import taxonomy
from cms.queries.articles import (
    FilterSubjects,
    UnknownName,
    describe,
    links_of,
    published_article,
)
from cms.queries.cards import published_cards
from cms.queries.filters import ArticleFilters
from cms.services import search as search_service

MAX_PER_PAGE = 100


def request_filters() -> FilterSubjects:
    """The list filters of the query string, checked (400) and loaded (404 if unknown)."""
    try:
        return describe(ArticleFilters.from_args(request.args))
    except UnknownName as error:
        abort(404, description=f"Not found: {error}.")


def _paging() -> tuple[int, int]:
    number = max(1, request.args.get("page", 1, type=int))
    size = min(MAX_PER_PAGE, max(1, request.args.get("per_page", 20, type=int)))
    return number, size


def _page_links(endpoint: str, number: int, pages: int, args: dict[str, str]) -> dict[str, Any]:
    def at(n: int) -> str:
        return url_for(endpoint, page=n, _external=True, **args)

    return {
        "next": at(number + 1) if number < pages else None,
        "prev": at(number - 1) if 1 < number <= pages else None,
    }


@bp.get("/articles")
def articles() -> ResponseReturnValue:
    subjects = request_filters()
    number, size = _paging()
    page = published_cards(subjects.filters, number, size)
    args = {**subjects.filters.to_args(), "per_page": str(size)}
    return jsonify(
        items=[shapes.article_summary(a) for a in page.items],
        page=page.number,
        pages=page.pages,
        total=page.total,
        links=_page_links("api.articles", page.number, page.pages, args),
    )


@bp.get("/articles/<slug>")
def article(slug: str) -> ResponseReturnValue:
    found = published_article(slug) or abort(404, description=f"No published article “{slug}”.")
    entities = entity_queries.entities_of(found)
    return jsonify(shapes.article_full(found, links_of(found), entities))


@bp.get("/tags")
def tags() -> ResponseReturnValue:
    return jsonify(items=[shapes.tag(t, n) for t, n in taxonomy.tags_with_counts()])


@bp.get("/outlets")
def outlets() -> ResponseReturnValue:
    return jsonify(items=[shapes.outlet(o, n) for o, n in taxonomy.outlets_with_counts()])


@bp.get("/entities")
def entities() -> ResponseReturnValue:
    listed = entity_queries.entities_with_counts(with_aliases=True)
    return jsonify(items=[shapes.entity(e, n) for e, n in listed])


@bp.get("/search")
def search() -> ResponseReturnValue:
    subjects = request_filters()
    number, size = _paging()
    query = request.args.get("q", "")[:2000]
    results = search_service.search(query, subjects.filters, number, size)
    args = {**subjects.filters.to_args(), "q": query, "per_page": str(size)}
    return jsonify(
        query=query,
        message=results.message,
        total=results.shown_total,
        total_exact=results.total_exact,
        ranked=results.ranked,
        page=results.number,
        pages=results.pages,
        items=[
            {**shapes.article_summary(hit.article), "snippet": str(hit.snippet)}
            for hit in results.hits
        ],
        facets={
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
        links=_page_links("api.search", results.number, results.pages, args),
    )


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(document())
