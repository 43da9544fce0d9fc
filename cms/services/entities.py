"""The gazetteer: entities with their aliases, merges, the kill list, and loading a curated file.

Every change is audited with the acting user. Two entities can never share a name or an alias
in any letter case or script: the unique keys in the database say so, and these functions
refuse such a change in words first.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from cms.extensions import db
from cms.models import BlockedName, Entity, EntityAlias, EntityKind, Mention, Suggestion, User
from cms.models.base import name_key
from cms.pipeline.analyse import Name
from cms.services import analysis_reads, audit
from cms.services.errors import Conflict
from cms.services.slugs import free_slug

GAZETTEER_FILE = "gazetteer.toml"


def gazetteer() -> tuple[Name, ...]:
    """Every entity with its aliases, as the analysers take them (key = the entity's id)."""
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in analysis_reads.rows(
        "SELECT entity_id, alias FROM entity_aliases ORDER BY id"
    ):
        aliases.setdefault(entity_id, []).append(alias)
    found = analysis_reads.rows("SELECT id, name, kind FROM entities ORDER BY id")
    return tuple(
        Name(str(id_), name, tuple(aliases.get(id_, ())), kind) for id_, name, kind in found
    )


def blocked_keys() -> frozenset[str]:
    return frozenset(key for (key,) in analysis_reads.rows("SELECT name_key FROM blocked_names"))


def find_entity(name: str) -> Entity | None:
    """The entity called ``name`` or known by it as an alias, ignoring case."""
    key = name_key(name)
    found = db.session.scalar(select(Entity).where(Entity.name_key == key))
    if found is None:
        found = db.session.scalar(
            select(Entity).join(EntityAlias).where(EntityAlias.alias_key == key)
        )
    return found


def _check_name_free(name: str, entity: Entity | None) -> None:
    other = find_entity(name)
    if other is not None and other is not entity:
        raise Conflict(f"{name!r} already names the entity {other.name!r}.")


def create_entity(name: str, kind: EntityKind, actor: User | None, description: str = "") -> Entity:
    name = " ".join(name.split())
    if not name:
        raise Conflict("An entity needs a name.")
    _check_name_free(name, None)
    entity = Entity(name=name, kind=kind, description=description, slug=free_slug(Entity, name))
    db.session.add(entity)
    db.session.flush()
    audit.record("create", "entity", entity.id, actor, label=name, after={"kind": kind.value})
    return entity


def update_entity(entity: Entity, changes: dict[str, Any], actor: User | None) -> Entity:
    """Change name, kind or description; a renamed entity keeps its old name as an alias."""
    before = audit.snapshot(entity, ("name", "kind", "description"))
    old_name = entity.name
    if "name" in changes:
        new_name = " ".join(str(changes["name"]).split())
        if not new_name:
            raise Conflict("An entity needs a name.")
        if name_key(new_name) != entity.name_key:
            alias = _alias_of(entity, new_name)
            if alias is not None:  # "Putin" becomes the name: it stops being an alias
                entity.aliases.remove(alias)
                db.session.flush()
            _check_name_free(new_name, entity)
        entity.name = new_name
    for field in ("kind", "description"):
        if field in changes:
            setattr(entity, field, changes[field])
    entity.slug = free_slug(Entity, entity.slug or entity.name, entity.id)
    db.session.flush()
    if name_key(old_name) != entity.name_key:
        add_alias(entity, old_name, actor)
    after = audit.snapshot(entity, ("name", "kind", "description"))
    audit.record_change("update", "entity", entity, actor, before, after)
    return entity


def _alias_of(entity: Entity, alias: str) -> EntityAlias | None:
    key = name_key(alias)
    return next((a for a in entity.aliases if a.alias_key == key), None)


def add_alias(entity: Entity, alias: str, actor: User | None) -> EntityAlias:
    alias = " ".join(alias.split())
    if not alias:
        raise Conflict("An alias cannot be empty.")
    existing = _alias_of(entity, alias)
    if existing is not None:
        return existing
    if name_key(alias) == entity.name_key:
        raise Conflict(f"{alias!r} is already the entity's name.")
    _check_name_free(alias, entity)
    added = EntityAlias(entity=entity, alias=alias)
    db.session.add(added)
    db.session.flush()
    audit.record("add alias", "entity", entity.id, actor, label=entity.name, after={"alias": alias})
    return added


def remove_alias(entity: Entity, alias: str, actor: User | None) -> None:
    found = _alias_of(entity, alias)
    if found is None:
        raise Conflict(f"{entity.name} has no alias {alias!r}.")
    entity.aliases.remove(found)
    db.session.flush()
    audit.record(
        "remove alias", "entity", entity.id, actor, label=entity.name, before={"alias": alias}
    )


def set_aliases(entity: Entity, aliases: list[str], actor: User | None) -> None:
    """Make ``aliases`` the entity's aliases: add the missing ones, remove the others."""
    wanted = {name_key(a): " ".join(a.split()) for a in aliases if a.strip()}
    for alias in list(entity.aliases):
        if alias.alias_key not in wanted:
            remove_alias(entity, alias.alias, actor)
    for key, alias in wanted.items():
        if key != entity.name_key:
            add_alias(entity, alias, actor)


def delete_entity(entity: Entity, actor: User | None) -> None:
    """Delete an entity with its aliases and mentions; its names go to the audit log."""
    names = [a.alias for a in entity.aliases]
    audit.record(
        "delete",
        "entity",
        entity.id,
        actor,
        label=entity.name,
        before={"kind": entity.kind.value, "aliases": names, "mentions": len(entity.mentions)},
    )
    db.session.delete(entity)
    db.session.flush()


def unblock_name(blocked: BlockedName, actor: User | None) -> None:
    audit.record("unblock", "entity name", blocked.id, actor, label=blocked.name)
    db.session.delete(blocked)
    db.session.flush()


def merge_entities(keep: Entity, absorb: Entity, actor: User | None) -> Entity:
    """Fold ``absorb`` into ``keep``: its name and aliases become ``keep``'s aliases, its
    mentions and suggestions point at ``keep``; then it is deleted."""
    if keep is absorb:
        raise Conflict("An entity cannot be merged into itself.")
    names = [absorb.name, *(a.alias for a in absorb.aliases)]
    moved = db.session.execute(
        update(Mention).where(Mention.entity_id == absorb.id).values(entity_id=keep.id)
    ).rowcount
    db.session.execute(
        update(Suggestion)
        .where(Suggestion.entity_id == absorb.id)
        .values(entity_id=keep.id, value=keep.name)
    )
    label = absorb.name
    db.session.expire(absorb, ["mentions"])  # moved above: the delete must not cascade to them
    db.session.delete(absorb)
    db.session.flush()
    db.session.expire(keep, ["mentions", "aliases"])
    for name in names:
        add_alias(keep, name, actor)
    audit.record(
        "merge",
        "entity",
        keep.id,
        actor,
        label=keep.name,
        before={"merged": label, "mentions": moved},
    )
    return keep


def block_name(name: str, note: str, actor: User | None) -> BlockedName:
    """Put a name on the kill list: it is never proposed as a new entity again."""
    name = " ".join(name.split())
    if not name:
        raise Conflict("Give the name to block.")
    existing = db.session.scalar(select(BlockedName).where(BlockedName.name_key == name_key(name)))
    if existing is not None:
        return existing
    blocked = BlockedName(name=name, note=note)
    db.session.add(blocked)
    db.session.flush()
    audit.record("block", "entity name", blocked.id, actor, label=name, after={"note": note})
    return blocked


def load_gazetteer(folder: Path, actor: User | None = None) -> int:
    """Add the entities and blocked names of ``folder/gazetteer.toml``; how many entities were new.

    An entity already there (by name or alias, perhaps edited since) is left as it is.
    """
    path = folder / GAZETTEER_FILE
    if not path.exists():
        return 0
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise Conflict(f"{path}: {error}") from error
    created = 0
    for entry in data.get("entities", []):
        if find_entity(entry["name"]) is not None:
            continue
        entity = create_entity(
            entry["name"],
            EntityKind(entry.get("kind", "other")),
            actor,
            entry.get("description", ""),
        )
        for alias in entry.get("aliases", []):
            add_alias(entity, alias, actor)
        created += 1
    for entry in data.get("blocked", []):
        block_name(entry["name"], entry.get("note", ""), actor)
    return created
