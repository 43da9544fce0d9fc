"""The gazetteer in the admin: entities with their aliases, merging, and the kill list."""

from __future__ import annotations

from typing import Any

from flask import flash
from flask_admin.actions import action
from sqlalchemy import select
from wtforms import TextAreaField

from cms.admin.base import ServiceModelView
from cms.extensions import db
from cms.models import BlockedName, Entity
from cms.services import entities
from cms.services.errors import Conflict
from cms.services.transaction import write


class EntityView(ServiceModelView):
    column_list = ("name", "kind", "description")
    column_searchable_list = ("name", "description")
    column_filters = ("kind",)
    column_default_sort = "name"
    form_columns = ("name", "kind", "alias_lines", "description")
    form_extra_fields = {
        "alias_lines": TextAreaField(
            "Aliases",
            description="Other names in any script (“Putin”, “Путин”, “EAEU”), one per line.",
            render_kw={"rows": 4},
        )
    }
    form_widget_args = {"description": {"rows": 3}}

    def on_form_prefill(self, form: Any, id: Any) -> None:
        super().on_form_prefill(form, id)
        form.alias_lines.data = "\n".join(a.alias for a in self.get_one(id).aliases)

    def create(self, changes: dict[str, Any], actor: Any) -> Entity:
        entity = entities.create_entity(
            changes["name"] or "", changes["kind"], actor, changes.get("description") or ""
        )
        entities.set_aliases(entity, _lines(changes.get("alias_lines")), actor)
        return entity

    def update(self, model: Entity, changes: dict[str, Any], actor: Any, version: Any) -> Entity:
        aliases = _lines(changes.pop("alias_lines", ""))
        entities.update_entity(model, changes, actor)
        entities.set_aliases(model, aliases, actor)
        return model

    def delete(self, model: Entity, actor: Any) -> None:
        entities.delete_entity(model, actor)

    @action(
        "merge",
        "Merge into the first",
        "Merge the selected entities into the first one created? Their names become its "
        "aliases and their mentions move to it.",
    )
    def action_merge(self, ids: list[str]) -> None:
        chosen = list(
            db.session.scalars(
                select(Entity).where(Entity.id.in_([int(i) for i in ids])).order_by(Entity.id)
            )
        )
        if len(chosen) < 2:
            flash("Select at least two entities to merge.", "error")
            return
        keep, *others = chosen
        try:
            with write():
                for other in others:
                    entities.merge_entities(keep, other, self.actor())
        except Conflict as error:
            flash(str(error), "error")
            return
        flash(f"Merged {len(others)} into {keep.name}.", "success")


class BlockedNameView(ServiceModelView):
    """The kill list: names never to propose as new entities."""

    column_list = ("name", "note")
    column_searchable_list = ("name",)
    column_default_sort = "name"
    form_columns = ("name", "note")
    form_args = {"note": {"description": "Why, for the next editor."}}

    def create(self, changes: dict[str, Any], actor: Any) -> BlockedName:
        return entities.block_name(changes["name"] or "", changes.get("note") or "", actor)

    def update(self, model: BlockedName, changes: dict[str, Any], actor: Any, version: Any) -> Any:
        model.note = changes.get("note") or ""
        return model

    def delete(self, model: BlockedName, actor: Any) -> None:
        entities.unblock_name(model, actor)


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
