"""Article lists: the filtered list with its controls, tag and outlet pages and their indexes."""

from __future__ import annotations

from flask import get_template_attribute, render_template
from flask.typing import ResponseReturnValue
from markupsafe import Markup, escape

from cms.models import OutletKind
from cms.public import bp
from cms.public.helpers import existing, page_number, page_size, request_filters
from cms.queries import entities, taxonomy
from cms.queries.cards import published_cards
from cms.queries.filters import ArticleFilters
from cms.queries.versioned import kept


@bp.get("/articles/")
def articles() -> ResponseReturnValue:
    subjects = request_filters()
    page = existing(published_cards(subjects.filters, page_number(), page_size()))
    return render_template(
        "public/articles.html",
        page=page,
        subjects=subjects,
        filters=subjects.filters,
        controls=_controls(subjects.filters),
    )


def _controls(filters: ArticleFilters) -> list[Markup]:
    """The filter form's drop-downs, each with the request's choice selected.

    Each drop-down is the same for every request until the data changes, so its HTML is kept
    (``versioned``, as the home page's sidebar is) with nothing chosen; a chosen one is that
    HTML with its option marked ``selected``, as the ``select`` macro marks it (drawing a
    drop-down of a few hundred entities again cost 0.3 ms).
    """
    chosen = filters.to_args()
    unchosen = kept("filter controls", _unchosen_controls)
    return [
        _choose(unchosen[name], chosen[name]) if name in chosen else unchosen[name]
        for name in unchosen
    ]


def _choose(control: Markup, value: str) -> Markup:
    """``control`` with the option of ``value`` selected (none, if it has no such option)."""
    option = f'<option value="{escape(value)}">'
    return Markup(str(control).replace(option, f"{option[:-1]} selected>", 1))


def _unchosen_controls() -> dict[str, Markup]:
    return {
        name: _draw(name, label, options, None)
        for name, label, options in kept("filter options", _options)
    }


def _draw(name: str, label: str, options: list[tuple[str, str]], chosen: str | None) -> Markup:
    return Markup(get_template_attribute("_macros.html", "select")(name, label, options, chosen))


def _options() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Each control's (parameter, label, options): the same for everyone until data changes."""
    outlets = [(o.slug, f"{o.name} ({n})") for o, n in taxonomy.outlets_with_counts()]
    kinds = [(k.value, k.value.capitalize()) for k in OutletKind]
    tags = [(t.slug, f"{t.name} ({n})") for t, n in taxonomy.tags_with_counts()]
    years = [(str(y), f"{y} ({n})") for y, n in taxonomy.years_with_counts()]
    named = [(e.slug, f"{e.name} ({n})") for e, n in entities.entities_with_counts()]
    return [
        ("outlet", "Outlet", outlets),
        ("outlet_kind", "Kind of outlet", kinds),
        ("tag", "Tag", tags),
        ("entity", "Mentions", named),
        ("year", "Year", years),
    ]


@bp.get("/tags/")
def tags() -> ResponseReturnValue:
    return render_template("public/tags.html", tags=taxonomy.tags_with_counts())


@bp.get("/tags/<slug>")
def tag(slug: str) -> ResponseReturnValue:
    subjects = request_filters(tag=slug)
    page = existing(published_cards(subjects.filters, page_number(), page_size()))
    return render_template("public/tag.html", tag=subjects.tag, page=page, filters=subjects.filters)


@bp.get("/outlets/")
def outlets() -> ResponseReturnValue:
    return render_template("public/outlets.html", outlets=taxonomy.outlets_with_counts())


@bp.get("/outlets/<slug>")
def outlet(slug: str) -> ResponseReturnValue:
    subjects = request_filters(outlet=slug)
    page = existing(published_cards(subjects.filters, page_number(), page_size()))
    return render_template(
        "public/outlet.html", outlet=subjects.outlet, page=page, filters=subjects.filters
    )
