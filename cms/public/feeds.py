"""Machine-readable doors: the Atom feed (all, or by any list filter), sitemap and robots.txt."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from flask import Response, abort, request, url_for
from flask.typing import ResponseReturnValue

from cms.public import atom, bp
from cms.public.helpers import request_filters
from cms.public.paths import external_paths
from cms.queries import sitemap
from cms.queries.cards import ArticleCard, published_cards

FEED_SIZE = 20
SITE_TITLE = "Putin in Kazakhstan: a collection"


@bp.get("/feed.atom")
def feed() -> ResponseReturnValue:
    """The newest published articles, optionally those of a tag, outlet or any list filter."""
    subjects = request_filters()
    page = published_cards(subjects.filters, 1, FEED_SIZE)
    labels = subjects.labels()
    args = subjects.filters.to_args()
    article_url = external_paths("article")
    document = atom.feed(
        feed_id=url_for("public.feed", _external=True, **args),
        title=f"{' · '.join(labels)} · {SITE_TITLE}" if labels else SITE_TITLE,
        updated=_newest_change(page.items),
        alternate=url_for("public.articles", _external=True, **args),
        self_url=request.url,
        entries=[_entry(article, article_url(article.slug)) for article in page.items],
    )
    return Response(document, mimetype="application/atom+xml")


def _newest_change(articles: list[ArticleCard]) -> dt.datetime:
    stamps = [_aware(a.published_at or a.updated_at) for a in articles]
    return max(stamps, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))


def _aware(stamp: dt.datetime) -> dt.datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _entry(article: ArticleCard, url: str) -> atom.Entry:
    day = article.published_on
    return atom.Entry(
        url=url,
        title=article.title,
        updated=_aware(article.updated_at),
        author=article.outlet.name if article.outlet else "Unknown outlet",
        summary=article.summary,
        published=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day else None,
        categories=tuple((tag.slug, tag.name) for tag in article.tags),
    )


@bp.get("/robots.txt")
def robots() -> ResponseReturnValue:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /login",
        "Disallow: /search",
        f"Sitemap: {url_for('public.sitemap_index', _external=True)}",
    ]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap_index() -> ResponseReturnValue:
    """An index of sitemaps: the site's pages, then published articles in chunks."""
    chunks = sitemap.article_chunks()
    urls = [url_for("public.sitemap_pages", _external=True)]
    urls += [
        url_for("public.sitemap_articles", number=n, _external=True) for n in range(1, chunks + 1)
    ]
    body = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
    return _xml(f'<sitemapindex xmlns="{_NS}">{body}</sitemapindex>')


@bp.get("/sitemap-pages.xml")
def sitemap_pages() -> ResponseReturnValue:
    urls = [
        url_for(f"public.{name}", _external=True)
        for name in ("home", "articles", "tags", "outlets", "entities", "timeline")
    ]
    urls += [url_for("public.tag", slug=s, _external=True) for s in sitemap.tag_slugs()]
    urls += [url_for("public.outlet", slug=s, _external=True) for s in sitemap.outlet_slugs()]
    urls += [url_for("public.entity", slug=s, _external=True) for s in sitemap.entity_slugs()]
    return _urlset((u, None) for u in urls)


@bp.get("/sitemap-articles-<int:number>.xml")
def sitemap_articles(number: int) -> ResponseReturnValue:
    rows = sitemap.article_chunk(number) if number >= 1 else []
    if not rows:
        abort(404)
    return _urlset(
        (url_for("public.article", slug=slug, _external=True), changed) for slug, changed in rows
    )


_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _urlset(entries) -> Response:
    parts = []
    for url, changed in entries:
        lastmod = f"<lastmod>{changed:%Y-%m-%d}</lastmod>" if changed else ""
        parts.append(f"<url><loc>{escape(url)}</loc>{lastmod}</url>")
    return _xml(f'<urlset xmlns="{_NS}">{"".join(parts)}</urlset>')


def _xml(body: str) -> Response:
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + body, mimetype="application/xml")
