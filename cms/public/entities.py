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
    years, rows = _coverage_table(found.slug, entity_queries.coverage(found))
    return render_template(
        "public/entity.html",
        entity=found,
        page=page,
        filters=filters,
        years=years,
        coverage_rows=_coverage_rows(years, rows),
    )


#: One row of the coverage table: the outlet's name, then per year (count, link) or None.
CoverageRow = tuple[str, list[tuple[int, str] | None]]


def _coverage_table(
    entity_slug: str, coverage: list[tuple[str, str, int, int]]
) -> tuple[list[int], list[CoverageRow]]:
    """The years (columns) and outlets (rows) of an entity's coverage, each cell with its
    link to the list of those articles, built from one ``url_for`` per outlet."""
    years = sorted({year for _name, _slug, year, _n in coverage})
    listed = url_for("public.articles", entity=entity_slug)
    cells: dict[tuple[str, int], tuple[int, str]] = {}
    links: dict[str, str] = {}
    for _name, outlet_slug, year, n in coverage:
        if outlet_slug not in links:
            links[outlet_slug] = with_args(listed, outlet=outlet_slug)
        cells[(outlet_slug, year)] = (n, f"{links[outlet_slug]}&year={year}")  # digits: no quoting
    outlets = dict.fromkeys((name, outlet_slug) for name, outlet_slug, _y, _n in coverage)
    return years, [(name, [cells.get((slug, year)) for year in years]) for name, slug in outlets]


def _coverage_rows(years: list[int], rows: list[CoverageRow]) -> Markup:
    """The coverage table's body rows, written here rather than by a template loop over up
    to (outlets x years) cells (a third of the page's time); outlet names and links escaped
    once, counts and years are numbers."""
    lines = []
    for name, cells in rows:
        outlet = escape(name)
        lines.append(f'<tr><th scope="row">{outlet}</th>')
        for year, cell in zip(years, cells, strict=True):
            if cell is None:
                lines.append(_NO_CELL)
                continue
            count, link = cell
            hidden = f'<span class="visually-hidden"> from {outlet} in {year}</span>'
            lines.append(f'<td><a href="{escape(link)}">{count}{hidden}</a></td>')
        lines.append("</tr>")
    return Markup("\n".join(lines))


_NO_CELL = '<td><span class="muted">–</span><span class="visually-hidden">none</span></td>'
