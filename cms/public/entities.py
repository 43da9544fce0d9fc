"""Entity pages: who or what an entity is, its aliases, and the published coverage of it."""

from __future__ import annotations

from itertools import groupby

from flask import abort, render_template, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup, escape

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
    years, coverage_rows = _coverage_table(found.slug, entity_queries.coverage(found))
    return render_template(
        "public/entity.html",
        entity=found,
        page=page,
        filters=filters,
        years=years,
        coverage_rows=coverage_rows,
    )


def _coverage_table(
    entity_slug: str, coverage: list[tuple[str, str, int, int]]
) -> tuple[list[int], Markup]:
    """The years (the columns) of an entity's coverage, and the table's body rows: an outlet
    a row, each cell its count linked to the list of those articles.

    Written here rather than by a template loop over up to (outlets x years) cells (a third
    of the page's time), from one ``url_for`` and one ``with_args`` per outlet; outlet names
    and links escaped once (a year is digits: appended to the escaped link).
    """
    years = sorted({year for _name, _slug, year, _n in coverage})
    counts: dict[tuple[str, str], dict[int, int]] = {}
    for name, outlet_slug, year, n in coverage:
        counts.setdefault((name, outlet_slug), {})[year] = n
    listed = url_for("public.articles", entity=entity_slug)
    lines = []
    for (name, outlet_slug), by_year in counts.items():
        outlet, link = escape(name), escape(with_args(listed, outlet=outlet_slug))
        lines.append(f'<tr><th scope="row">{outlet}</th>')
        for year in years:
            n = by_year.get(year)
            if n is None:
                lines.append(_NO_CELL)
                continue
            hidden = f'<span class="visually-hidden"> from {outlet} in {year}</span>'
            lines.append(f'<td><a href="{link}&amp;year={year}">{n}{hidden}</a></td>')
        lines.append("</tr>")
    return years, Markup("\n".join(lines))


_NO_CELL = '<td><span class="muted">–</span><span class="visually-hidden">none</span></td>'
