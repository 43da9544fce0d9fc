"""Outlets and tags: find by name or alias, create on first use, keep slugs unique."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, Outlet, Tag, User
from cms.models.base import name_key
from cms.pipeline.front_matter import is_web_address
from cms.pipeline.types import KnownOutlet
from cms.services import records
from cms.services.errors import Conflict
from cms.services.slugs import free_slug


def known_outlets() -> tuple[KnownOutlet, ...]:
    """Every outlet's name and aliases, for the pipeline's metadata stage to recognise."""
    outlets = db.session.scalars(select(Outlet).order_by(Outlet.id))
    return tuple(KnownOutlet(o.name, o.alias_list) for o in outlets)


def find_outlet(name: str) -> Outlet | None:
    """The outlet called ``name`` or known by it as an alias, ignoring case."""
    wanted = name_key(name)
    found = db.session.scalar(select(Outlet).where(Outlet.name_key == wanted))
    if found:
        return found
    for outlet in db.session.scalars(select(Outlet).where(Outlet.aliases != "")):
        if wanted in (name_key(alias) for alias in outlet.alias_list):
            return outlet
    return None


def get_or_create_outlet(name: str) -> Outlet:
    """An existing outlet by name or alias, or a new one with an empty profile to fill in."""
    name = " ".join(name.split())
    outlet = find_outlet(name)
    if outlet is None:
        outlet = Outlet(name=name, slug=free_slug(Outlet, name), aliases="")
        db.session.add(outlet)
        db.session.flush()
    return outlet


def save_outlet(outlet: Outlet) -> Outlet:
    """Add or update an outlet an editor filled in, giving it a unique slug from its name."""
    outlet.name = " ".join((outlet.name or "").split())
    if not outlet.name:
        raise Conflict("An outlet needs a name.")
    if outlet.homepage and not is_web_address(outlet.homepage):
        raise Conflict("The homepage must be a web address starting with http:// or https://.")
    outlet.slug = free_slug(Outlet, outlet.slug or outlet.name, outlet.id)
    db.session.add(outlet)
    db.session.flush()
    return outlet


def check_outlet_deletable(outlet: Outlet) -> None:
    """Refuse to delete an outlet that still has articles: they would lose their source."""
    count = db.session.scalar(select(func.count(Article.id)).where(Article.outlet_id == outlet.id))
    if count:
        raise Conflict(
            f"{outlet.name} still has {count} article{'s' if count > 1 else ''}: "
            "give them another outlet first."
        )


OUTLET_FIELDS = (
    "name",
    "slug",
    "aliases",
    "kind",
    "ownership",
    "country",
    "language",
    "homepage",
    "description",
)
TAG_FIELDS = ("name", "slug", "aliases", "facet", "description")


def create_outlet(changes: Mapping[str, Any], actor: User | None) -> Outlet:
    outlet = Outlet(name="", slug="", aliases="")
    return records.create_record(
        outlet, changes, actor, what="outlet", fields=OUTLET_FIELDS, save=save_outlet
    )


def update_outlet(
    outlet: Outlet, changes: Mapping[str, Any], actor: User | None, expected_version: int | None
) -> Outlet:
    return records.update_record(
        outlet,
        changes,
        actor,
        expected_version,
        what="outlet",
        fields=OUTLET_FIELDS,
        save=save_outlet,
    )


def delete_outlet(outlet: Outlet, actor: User | None) -> None:
    check_outlet_deletable(outlet)
    records.delete_record(outlet, actor, what="outlet", fields=OUTLET_FIELDS)


def find_tag(name: str) -> Tag | None:
    return db.session.scalar(select(Tag).where(Tag.name_key == name_key(name)))


def get_or_create_tag(name: str, description: str = "") -> Tag:
    """The tag called ``name`` in any letter case, or a new one."""
    name = " ".join(name.split())
    tag = find_tag(name)
    if tag is None:
        tag = Tag(name=name, slug=free_slug(Tag, name), description=description)
        db.session.add(tag)
        db.session.flush()
    return tag


def save_tag(tag: Tag) -> Tag:
    """Add or update a tag, refusing a name another tag has in another letter case."""
    tag.name = " ".join((tag.name or "").split())
    if not tag.name:
        raise Conflict("A tag needs a name.")
    clash = find_tag(tag.name)
    if clash is not None and clash is not tag:
        raise Conflict(f"A tag named {clash.name!r} already exists.")
    tag.slug = free_slug(Tag, tag.slug or tag.name, tag.id)
    db.session.add(tag)
    db.session.flush()
    return tag


def tags_named(names: Iterable[str]) -> list[Tag]:
    """Tags for these names, created as needed, in the given order without repeats."""
    tags: list[Tag] = []
    for name in names:
        if name.strip():
            tag = get_or_create_tag(name)
            if tag not in tags:
                tags.append(tag)
    return tags


def create_tag(changes: Mapping[str, Any], actor: User | None) -> Tag:
    tag = Tag(name="", slug="")
    return records.create_record(tag, changes, actor, what="tag", fields=TAG_FIELDS, save=save_tag)


def update_tag(
    tag: Tag, changes: Mapping[str, Any], actor: User | None, expected_version: int | None
) -> Tag:
    return records.update_record(
        tag, changes, actor, expected_version, what="tag", fields=TAG_FIELDS, save=save_tag
    )


def delete_tag(tag: Tag, actor: User | None) -> int:
    """Delete a tag; the articles that had it are kept in the audit log. Returns their number."""
    article_ids = sorted(article.id for article in tag.articles)
    records.delete_record(
        tag, actor, what="tag", fields=TAG_FIELDS, extra={"article_ids": article_ids}
    )
    return len(article_ids)
