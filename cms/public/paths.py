"""Paths to articles, tags, outlets and entities by slug, as ``url_for`` builds them, cheaply.

A list page links each of its 20 cards to its article, its outlet and its tags: some 80
``url_for`` calls, each a rule lookup and build (about 10 µs). Each of these endpoints'
paths is a fixed prefix and the slug, quoted as werkzeug's default converter quotes it, so
the prefixes are built once per request (``url_for`` with a one-letter placeholder: the
script root is in it) and each slug appended. ``tests/web/test_paths.py`` holds them to
``url_for``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

from flask import g, url_for

from cms.public import bp

#: What werkzeug's ``BaseConverter.to_url`` leaves unquoted in a path segment.
_SAFE = "!$&'()*+,/:;=@"
#: Slugs made of these need no quoting (``quote`` leaves letters, digits and ``_.-~`` too).
_PLAIN = re.compile(r"[A-Za-z0-9_.~!$&'()*+,/:;=@-]*")
_KEY = "cms_slug_paths"
#: What werkzeug leaves unquoted in a query string it builds (``werkzeug.urls._urlencode``).
QUERY_SAFE = "!$'()*,/:;?@"
#: A query value ``urlencode`` would leave as it is: most are slugs and years.
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")


def _joiner(prefix: str) -> Callable[[str], str]:
    def path(slug: str) -> str:
        return prefix + (slug if _PLAIN.fullmatch(slug) else quote(slug, safe=_SAFE))

    return path


@dataclass(frozen=True)
class SlugPaths:
    """``url_for`` of each slug endpoint, as functions of the slug."""

    article: Callable[[str], str]
    tag: Callable[[str], str]
    outlet: Callable[[str], str]
    entity: Callable[[str], str]


@bp.app_template_global("slug_paths")
def slug_paths() -> SlugPaths:
    """This request's ``SlugPaths`` (built on first use)."""
    paths: SlugPaths | None = g.get(_KEY)
    if paths is None:
        paths = SlugPaths(
            *(
                _joiner(url_for(f"public.{name}", slug="x")[:-1])
                for name in ("article", "tag", "outlet", "entity")
            )
        )
        setattr(g, _KEY, paths)
    return paths


def external_paths(name: str) -> Callable[[str], str]:
    """``url_for(f"public.{name}", slug=slug, _external=True)`` as a function of the slug,
    for one of the slug endpoints (the feed's 20 entries, say)."""
    return _joiner(url_for(f"public.{name}", slug="x", _external=True)[:-1])


@bp.app_template_global("slug_path")
def slug_path(endpoint: str, slug: str) -> str:
    """``url_for(endpoint, slug=slug)`` for ``public.article``, ``.tag``, ``.outlet`` or
    ``.entity``; in a loop, take ``slug_paths()`` once instead."""
    return getattr(slug_paths(), endpoint.removeprefix("public."))(slug)


@bp.app_template_global("with_args")
def with_args(url: str, **args: str | int) -> str:
    """``url`` (built by ``url_for``) with more query arguments, as ``url_for`` adds them:
    ``with_args(url_for(e, a=1), b=2) == url_for(e, a=1, b=2)``. For a table of links that
    differ only in their last arguments, without a ``url_for`` each."""
    query = "&".join(
        f"{_query_value(name)}={_query_value(str(value))}"
        for name, value in args.items()
        if value is not None
    )
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _query_value(value: str) -> str:
    """``value`` as ``urlencode`` writes it in a query string, quick for a slug or a year."""
    return value if _UNQUOTED.fullmatch(value) else quote_plus(value, safe=QUERY_SAFE)
