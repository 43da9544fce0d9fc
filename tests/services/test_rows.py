"""``insert_rows``: many rows in one statement, and each row's id, in order."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import delete, select

from cms.extensions import db
from cms.models import Tag
from cms.services import taxonomy
from cms.services.rows import among, insert_many, insert_rows
from cms.services.transaction import write


def _tag_row(name: str) -> dict[str, str]:
    return {"name": name, "name_key": name.casefold(), "slug": name.casefold()}


def test_each_row_gets_its_own_id_after_those_already_there(app: Flask) -> None:
    with app.app_context():
        with write():
            taxonomy.get_or_create_tag("Existing")
        existing = db.session.scalar(select(Tag.id).where(Tag.name == "Existing"))
        names = ["Zeta", "Alpha", "Mu"]  # not in id order by name, so order is checked
        with write():
            ids = insert_rows(Tag, [_tag_row(n) for n in names])
        stored = dict(db.session.execute(select(Tag.id, Tag.name).where(Tag.id.in_(ids))).all())
        assert [stored[i] for i in ids] == names
        assert min(ids) > existing
        assert insert_rows(Tag, []) == []


def test_ids_continue_from_the_largest_left_after_a_delete(app: Flask) -> None:
    with app.app_context():
        with write():
            first = insert_rows(Tag, [_tag_row("One"), _tag_row("Two")])
        with write():
            db.session.execute(delete(Tag).where(Tag.id == first[1]))
        with write():
            again = insert_rows(Tag, [_tag_row("Three")])
        # As SQLite itself would: the largest id plus one.
        assert again == [first[0] + 1]


def test_among_finds_the_rows_holding_any_of_many_values(app: Flask) -> None:
    with app.app_context():
        with write():
            ids = insert_rows(Tag, [_tag_row(f"Tag {n}") for n in range(30)])
        wanted = set(ids[::3]) | {10**15, -(2**63)}  # big and absent values too
        found = db.session.scalars(select(Tag.id).where(among(Tag.id, wanted))).all()
        assert sorted(found) == sorted(ids[::3])
        keys = db.session.scalars(select(Tag.name).where(among(Tag.name_key, ["tag 3"]))).all()
        assert keys == ["Tag 3"]
        assert db.session.scalars(select(Tag.id).where(among(Tag.id, set()))).all() == []


def test_rows_naming_different_columns_are_refused_not_cut(app: Flask) -> None:
    rows = [_tag_row("One"), {**_tag_row("Two"), "description": "lost otherwise"}]
    with app.app_context(), write(), pytest.raises(ValueError, match="name different columns"):
        insert_many(Tag, rows)
