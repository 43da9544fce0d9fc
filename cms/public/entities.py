"""Entity pages: who or what an entity is, its aliases, and the published coverage of it."""

from __future__ import annotations

from itertools import groupby

from flask import abort, render_template, url_for
from flask.typing import ResponseReturnValue

from cms.public import bp
from cms.public.helpers import existing, page_number, page_size
from cms.public.paths import with_args
from cms.queries import entities as entity_queries
from cms.queries.cards import published_cards
from cms.queries.filters import ArticleFilters


@bp.get("/entities/")
def entities() -> ResponseReturnValue:
    listed = entity_queries.entities_with_counts()
    by_kind = [
        (kind, list(group))
        for kind, group in groupby(
            sorted(listed, key=lambda e: e[0].kind.value), key=lambda e: e[0].kind
        )
    ]
    return render_template("public/entities.html", by_kind=by_kind, total=len(listed))


@bp.get("/entities/<slug>")
def entity(slug: str) -> ResponseReturnValue:
    found = entity_queries.entity_by_slug(slug) or abort(404)
    filters = ArticleFilters(entity=found.slug)
    page = existing(published_cards(filters, page_number(), page_size()))
    coverage = entity_queries.coverage(found)
    years = sorted({year for _name, _slug, year, _n in coverage})
    listed = url_for("public.articles", entity=found.slug)
    by_outlet = {slug: with_args(listed, outlet=slug) for _name, slug, _y, _n in coverage}
    table = {  # each cell's count and link (a year needs no quoting)
        (outlet_slug, year): (n, f"{by_outlet[outlet_slug]}&year={year}")
        for _name, outlet_slug, year, n in coverage
    }
    outlets = list(dict.fromkeys((name, outlet_slug) for name, outlet_slug, _y, _n in coverage))
    return render_template(
        "public/entity.html",
        entity=found,
        page=page,
        filters=filters,
        years=years,
        outlets=outlets,
        table=table,
    )
