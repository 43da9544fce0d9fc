"""The OpenAPI 3.1 description of the API, served at ``/api/v1/openapi.json``.

Tests validate real responses against it with openapi-core, so it cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from cms.models import ArticleKind, DateBasis, EntityKind, Origin, OutletKind, Ownership, TextKind
from cms.pipeline.types import DatePrecision


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _enum(values: type) -> dict[str, Any]:
    return {"type": "string", "enum": [v.value for v in values]}


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
INTEGER = {"type": "integer", "minimum": 0}
URL = {"type": "string", "format": "uri"}
NULLABLE_URL = {"type": ["string", "null"], "format": "uri"}

SCHEMAS: dict[str, Any] = {
    "OutletRef": _object({"slug": STRING, "name": STRING, "kind": _enum(OutletKind)}),
    "Outlet": _object(
        {
            "slug": STRING,
            "name": STRING,
            "kind": _enum(OutletKind),
            "ownership": _enum(Ownership),
            "country": STRING,
            "homepage": NULLABLE_URL,
            "description": STRING,
            "articles": INTEGER,
        }
    ),
    "TagRef": _object({"slug": STRING, "name": STRING}),
    "Tag": _object({"slug": STRING, "name": STRING, "description": STRING, "articles": INTEGER}),
    "EntityRef": _object({"slug": STRING, "name": STRING, "kind": _enum(EntityKind)}),
    "Entity": _object(
        {
            "slug": STRING,
            "name": STRING,
            "kind": _enum(EntityKind),
            "description": STRING,
            "aliases": {"type": "array", "items": STRING},
            "articles": INTEGER,
        }
    ),
    "Date": {
        "description": "The date at its precision: YYYY, YYYY-MM or YYYY-MM-DD; `basis` is "
        "`editors` when the text gives no date and the editors placed it by its content.",
        **_object(
            {
                "value": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                "precision": _enum(DatePrecision),
                "basis": _enum(DateBasis),
            }
        ),
    },
    "ArticleSummary": _object(
        {
            "slug": STRING,
            "title": STRING,
            "url": URL,
            "api_url": URL,
            "outlet": {"oneOf": [_ref("OutletRef"), {"type": "null"}]},
            "date": {"oneOf": [_ref("Date"), {"type": "null"}]},
            "kind": _enum(ArticleKind),
            "origin": _enum(Origin),
            "text_kind": _enum(TextKind),
            "summary": STRING,
            "tags": {"type": "array", "items": _ref("TagRef")},
        }
    ),
    "Link": _object(
        {
            "relation": STRING,
            "direction": {"type": "string", "enum": ["outgoing", "incoming"]},
            "label": {"type": "string", "description": "The relation read from this end."},
            "note": STRING,
            "article": _object({"slug": STRING, "title": STRING, "api_url": URL}),
        }
    ),
    "Pages": _object({"next": NULLABLE_URL, "prev": NULLABLE_URL}),
    "Provenance": {
        "description": "The file the text came from, as received (null for a text written in "
        "the admin), and what the importer's named rules found it to be: wire copy, an "
        "excerpt, opinion; each flag with its rule and the text that fired it.",
        **_object(
            {
                "received": {
                    "oneOf": [
                        _object(
                            {
                                "file": STRING,
                                "path_in_archive": NULLABLE_STRING,
                                "sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
                                "format": NULLABLE_STRING,
                                "imported_at": {"type": "string", "format": "date-time"},
                            }
                        ),
                        {"type": "null"},
                    ]
                },
                "flags": {
                    "type": "array",
                    "items": _object({"flag": STRING, "rule": STRING, "evidence": STRING}),
                },
            }
        ),
    },
    "Error": _object({"error": STRING, "parameter": STRING}, optional=("parameter",)),
}
SCHEMAS["Article"] = {
    **SCHEMAS["ArticleSummary"],
    "properties": {
        **SCHEMAS["ArticleSummary"]["properties"],
        "source_url": NULLABLE_URL,
        "authors": {"type": "array", "items": STRING},
        "language": STRING,
        "body": {"type": "string", "description": "The article text, in Markdown."},
        "entities": {"type": "array", "items": _ref("EntityRef")},
        "links": {"type": "array", "items": _ref("Link")},
        "provenance": _ref("Provenance"),
    },
}
SCHEMAS["Article"]["required"] = list(SCHEMAS["Article"]["properties"])
SCHEMAS["SearchHit"] = {
    **SCHEMAS["ArticleSummary"],
    "properties": {
        **SCHEMAS["ArticleSummary"]["properties"],
        "snippet": {"type": "string", "description": "HTML: matched words in <mark>."},
    },
}
SCHEMAS["SearchHit"]["required"] = list(SCHEMAS["SearchHit"]["properties"])

FACET = {
    "type": "array",
    "items": _object({"value": STRING, "label": STRING, "count": INTEGER}),
}


def _list_of(schema: str) -> dict[str, Any]:
    return _object({"items": {"type": "array", "items": _ref(schema)}})


def _paged(schema: str) -> dict[str, Any]:
    return _object(
        {
            "items": {"type": "array", "items": _ref(schema)},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "total": INTEGER,
            "links": _ref("Pages"),
        }
    )


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or STRING,
    }


FILTERS = [
    _query("outlet", "An outlet's slug."),
    _query("outlet_kind", "A kind of outlet.", _enum(OutletKind)),
    _query("tag", "A tag's slug."),
    _query("entity", "An entity's slug."),
    _query("year", "Four digits.", {"type": "string", "pattern": r"^\d{4}$"}),
    _query("from", "First day, YYYY-MM-DD.", {"type": "string", "format": "date"}),
    _query("to", "Last day, YYYY-MM-DD.", {"type": "string", "format": "date"}),
]
PAGING = [
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1}),
    _query("per_page", "Items a page (at most 100).", {"type": "integer", "minimum": 1}),
]


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json(_ref("Error"), "A filter value is malformed; `parameter` names it."),
    "404": _json(_ref("Error"), "No such published article, or a filter names nothing."),
}

#: Every other error under /api/v1 (an unknown address, a method other than GET, a fault).
ANY_ERROR = _json(_ref("Error"), "Any other error (405, 500): JSON of the same shape.")


def _get(summary: str, schema: dict[str, Any], parameters: list[Any], errors: bool = True) -> dict:
    responses = {"200": _json(schema, summary), "default": ANY_ERROR}
    if errors:
        responses |= ERRORS
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def document() -> dict[str, Any]:
    """The whole OpenAPI 3.1 document."""
    search_schema = _object(
        {
            "query": STRING,
            "message": NULLABLE_STRING,
            "total": INTEGER,
            "total_exact": {
                "type": "boolean",
                "description": "False when counting stopped at `total` (10,000): there are more.",
            },
            "ranked": INTEGER,
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "items": {"type": "array", "items": _ref("SearchHit")},
            "facets": {"type": "object", "additionalProperties": FACET},
            "links": _ref("Pages"),
        }
    )
    slug = {"name": "slug", "in": "path", "required": True, "schema": STRING}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Collection CMS: read-only API",
            "version": "1",
            "description": "Published articles, their outlets, tags, entities and links. "
            "Nothing unpublished is ever returned. Every error at any address under /api/v1, "
            "an unknown one included, is JSON of the `Error` shape.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/articles": _get(
                "Published articles, newest first.", _paged("ArticleSummary"), FILTERS + PAGING
            ),
            "/articles/{slug}": _get("One published article.", _ref("Article"), [slug]),
            "/tags": _get("Tags with published articles.", _list_of("Tag"), [], errors=False),
            "/outlets": _get(
                "Outlets with published articles.", _list_of("Outlet"), [], errors=False
            ),
            "/entities": _get(
                "Entities mentioned in published articles.", _list_of("Entity"), [], errors=False
            ),
            "/search": _get(
                "Full-text search over published articles.",
                search_schema,
                [_query("q", "Words to find; a phrase in double quotes.")] + FILTERS + PAGING,
            ),
            "/openapi.json": _get("This document.", {"type": "object"}, [], errors=False),
        },
        "components": {"schemas": SCHEMAS},
    }
