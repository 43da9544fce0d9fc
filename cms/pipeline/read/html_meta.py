"""What a saved web page states about itself: <meta> tags, JSON-LD, <time> in the article header.

Facts come only from these places, in a fixed order of trust; the page's text (a footer's
copyright year, a related-article teaser) is never searched for a date.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

from cms.pipeline.authors import byline
from cms.pipeline.front_matter import is_web_address

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "prism.publicationdate",
    "sailthru.date",
    "parsely-pub-date",
)
_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "citation_author",
    "cse_author",
    "parsely-author",
    "sailthru.author",
)
# A meta "author" naming a company or a site is the publisher, not a person.
_NOT_A_PERSON = re.compile(r"\b(?:gmbh|ltd|inc|llc|ag|www)\b|\.(?:com|de|org|net|co|fr)\b", re.I)
_BYLINE_XPATH = (
    "//*[contains(@class, 'byline') or contains(@class, 'author')]"
    "[starts-with(normalize-space(.), 'By ')]"
)
_TITLE_META = ("og:title", "twitter:title")
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "report"}
_ARTICLE_TYPES |= {"opinionnewsarticle", "analysisnewsarticle", "webpage", "scholarlyarticle"}
_TITLE_DATE = re.compile(
    r"\s*\|\s*[^|]{1,20}?\s*\|\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\s*$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")


@dataclass(frozen=True)
class PageFacts:
    title: str | None = None
    #: The date as the page states it (ISO ``YYYY-MM-DD``), and where it was found.
    date: str | None = None
    date_where: str = ""
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    captions: tuple[str, ...] = ()


def page_facts(tree: Any) -> PageFacts:
    """The facts of a parsed page (an ``lxml.html`` tree)."""
    metas = _metas(tree)
    ld = list(_json_ld_articles(tree))
    date, where = _date(metas, ld, tree)
    title, title_date = _title_date(_title(metas, ld, tree))
    if date is None and title_date is not None:
        date, where = title_date, "the page's title metadata"
    return PageFacts(
        title=title,
        date=date,
        date_where=where,
        authors=_authors(metas, ld, tree),
        outlet=_clean(metas.get("og:site_name"))
        or _clean(metas.get("prism.publicationname"))
        or _ld_publisher(ld),
        url=_url(metas, tree),
        captions=_captions(tree),
    )


def parse_page(text: str) -> Any:
    # lxml refuses a str that still declares its encoding; the text is already decoded.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    return lxml_html.document_fromstring(text)


def _clean(value: str | None) -> str | None:
    return " ".join(html.unescape(value).split()) if value and value.strip() else None


def _metas(tree: Any) -> dict[str, str]:
    """First value of each <meta> by its lower-cased name, property or itemprop."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key and key not in found:
                found[key] = content
    return found


def _json_ld_articles(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        yield from _articles_in(data)


def _articles_in(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _articles_in(item)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _articles_in(data["@graph"])
        types = data.get("@type")
        types = types if isinstance(types, list) else [types]
        if any(str(t).lower() in _ARTICLE_TYPES for t in types):
            yield data


def _title_date(title: str | None) -> tuple[str | None, str | None]:
    """DW-style titles end with the site and the date ("… | DW | 10.06.2013"): split them."""
    match = _TITLE_DATE.search(title or "")
    if not match or title is None:
        return title, None
    day, month, year = (int(part) for part in match.group("d", "m", "y"))
    try:
        date = dt.date(year, month, day).isoformat()
    except ValueError:
        return title, None
    return title[: match.start()].strip(), date


def _title(metas: dict[str, str], ld: list[dict[str, Any]], tree: Any) -> str | None:
    for item in ld:
        if isinstance(item.get("headline"), str) and item["headline"].strip():
            return _clean(item["headline"])
    for key in _TITLE_META:
        if _clean(metas.get(key)):
            return _clean(metas[key])
    h1 = next(iter(tree.iter("h1")), None)
    if h1 is not None and _clean(h1.text_content()):
        return _clean(h1.text_content())
    title = tree.find(".//title")
    return _clean(title.text_content()) if title is not None else None


def iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` from an ISO timestamp as the page wrote it, if it is a real date."""
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def _date(metas: dict[str, str], ld: list[dict[str, Any]], tree: Any) -> tuple[str | None, str]:
    for key in _DATE_META[:3]:
        if date := iso_date(metas.get(key, "")):
            return date, f'<meta> "{key}"'
    for item in ld:
        if date := iso_date(str(item.get("datePublished", ""))):
            return date, "JSON-LD datePublished"
    for key in _DATE_META[3:]:
        if date := iso_date(metas.get(key, "")):
            return date, f'<meta> "{key}"'
    for time in tree.xpath("//article//time[@datetime] | //header//time[@datetime]")[:1]:
        if date := iso_date(time.get("datetime", "")):
            return date, "<time> in the article header"
    return None, ""


def _authors(metas: dict[str, str], ld: list[dict[str, Any]], tree: Any) -> tuple[str, ...]:
    for item in ld:
        people = _ld_people(item.get("author"))
        if people:
            return people
    sites = {_clean(metas.get("og:site_name")), _ld_publisher(ld), *_ld_organisations(ld)}
    site_names = {site.casefold() for site in sites if site}
    for key in _AUTHOR_META:
        value = _clean(metas.get(key))
        if not value or is_web_address(value) or value.startswith("@"):
            continue
        if _NOT_A_PERSON.search(value) or any(site in value.casefold() for site in site_names):
            continue
        names = tuple(n for n in _NAME_SPLIT.split(value) if n)
        return tuple(dict.fromkeys(names))
    return _header_byline(tree)


def _header_byline(tree: Any) -> tuple[str, ...]:
    """A "By Jane Doe" element marked as the byline or author in the page's markup."""
    for node in tree.xpath(_BYLINE_XPATH)[:3]:
        people = byline(" ".join(node.text_content().split()))
        if people:
            return people
    return ()


def _ld_people(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and str(item.get("@type", "Person")).lower() == "person":
            name = _clean(str(item.get("name") or ""))
            if name:
                names.append(name)
        elif isinstance(item, str) and _clean(item) and not is_web_address(item):
            names.append(_clean(item) or "")
    return tuple(dict.fromkeys(names))


def _ld_organisations(ld: list[dict[str, Any]]) -> Iterator[str]:
    for item in ld:
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and str(author.get("@type", "")).lower() == "organization":
                yield _clean(str(author.get("name") or "")) or ""


def _ld_publisher(ld: list[dict[str, Any]]) -> str | None:
    for item in ld:
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and _clean(str(publisher.get("name") or "")):
            return _clean(str(publisher["name"]))
    return None


def _url(metas: dict[str, str], tree: Any) -> str | None:
    for link in tree.xpath("//link[@rel='canonical'][@href]")[:1]:
        if is_web_address(link.get("href", "").strip()):
            return str(link.get("href").strip())
    url = (metas.get("og:url") or "").strip()
    return url if is_web_address(url) else None


def _captions(tree: Any) -> tuple[str, ...]:
    captions = (_clean(node.text_content()) for node in tree.iter("figcaption"))
    return tuple(dict.fromkeys(c for c in captions if c))
