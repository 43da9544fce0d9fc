"""How models look in JSON: one function per shape, matching the OpenAPI document's schemas."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import url_for

from cms.models import Article, Entity, ImportOutcome, Outlet, Tag
from cms.queries.articles import LinkView
from cms.queries.cards import ArticleCard, OutletRef, TagRef


def outlet_ref(outlet: Outlet | OutletRef | None) -> dict[str, Any] | None:
    if outlet is None:
        return None
    return {"slug": outlet.slug, "name": outlet.name, "kind": outlet.kind.value}


def outlet(outlet: Outlet, count: int) -> dict[str, Any]:
    return {
        **outlet_ref(outlet),
        "ownership": outlet.ownership.value,
        "country": outlet.country,
        "homepage": outlet.homepage or None,
        "description": outlet.description,
        "articles": count,
    }


def tag(tag: Tag | TagRef, count: int | None = None) -> dict[str, Any]:
    shape: dict[str, Any] = {"slug": tag.slug, "name": tag.name}
    if count is not None:
        shape |= {"description": tag.description, "articles": count}
    return shape


def entity(entity: Entity, count: int | None = None) -> dict[str, Any]:
    shape: dict[str, Any] = {"slug": entity.slug, "name": entity.name, "kind": entity.kind.value}
    if count is not None:
        shape |= {
            "description": entity.description,
            "aliases": [alias.alias for alias in entity.aliases],
            "articles": count,
        }
    return shape


def date(article: Article | ArticleCard) -> dict[str, Any] | None:
    """The date at its precision ("2024-11"), the precision, and who established it."""
    partial = article.published_date
    if partial is None:
        return None
    return {
        "value": partial.isoformat(),
        "precision": partial.precision.value,
        "basis": article.date_basis.value,
    }


def article_summary(article: Article | ArticleCard) -> dict[str, Any]:
    """An article as listed: enough to show a card and follow it."""
    return {
        "slug": article.slug,
        "title": article.title,
        "url": url_for("public.article", slug=article.slug, _external=True),
        "api_url": url_for("api.article", slug=article.slug, _external=True),
        "outlet": outlet_ref(article.outlet),
        "date": date(article),
        "kind": article.kind.value,
        "origin": article.origin.value,
        "text_kind": article.text_kind.value,
        "summary": article.summary,
        "tags": [tag(t) for t in article.tags],
    }


def link(view: LinkView) -> dict[str, Any]:
    return {
        "relation": view.relation.value,
        "direction": "outgoing" if view.outgoing else "incoming",
        "label": view.label,
        "note": view.note,
        "article": {
            "slug": view.other.slug,
            "title": view.other.title,
            "api_url": url_for("api.article", slug=view.other.slug, _external=True),
        },
    }


def provenance(article: Article) -> dict[str, Any]:
    """Where the text came from (the file as received) and what it is, by which rule.

    Who imported it and in which batch stay in the admin: editors' names are not published.
    """
    received = next((i for i in article.import_items if i.outcome is ImportOutcome.CREATED), None)
    return {
        "received": None
        if received is None
        else {
            "file": received.source_file or received.filename,
            "path_in_archive": received.path_in_archive or None,
            "sha256": received.sha256 or None,
            "format": received.format or None,
            "imported_at": _utc(received.batch.created_at).isoformat(),
        },
        "flags": [
            {"flag": f.flag, "rule": f.rule, "evidence": f.evidence}
            for f in article.provenance_flags
        ],
    }


def _utc(stamp: dt.datetime) -> dt.datetime:
    """Stored in UTC; SQLite gives it back without its zone."""
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def article_full(article: Article, links: list[LinkView], entities: list[Entity]) -> dict[str, Any]:
    return {
        **article_summary(article),
        "source_url": article.url or None,
        "authors": article.author_list,
        "language": article.language,
        "body": article.body,
        "entities": [entity(e) for e in entities],
        "links": [link(v) for v in links],
        "provenance": provenance(article),
    }
