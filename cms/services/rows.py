"""Many rows at once: inserted in one statement with the ids they get, or looked up by a long
list of values in one parameter.

SQLAlchemy can return the ids of a multi-row INSERT in parameter order only where the database
says which row is which; on SQLite it falls back to one statement a row. SQLite gives a new row
the largest id plus one, and a write transaction (``BEGIN IMMEDIATE``) keeps every other
writer out until it ends, so there the ids can be given in advance and the rows sent at once.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, insert, select

from cms.extensions import db


def insert_rows(model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` into ``model``'s table; their new ids, in the order of ``rows``.

    Call inside ``cms.services.transaction.write()``.
    """
    if not rows:
        return []
    if db.session.get_bind().dialect.name != "sqlite":
        statement = insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(db.session.scalars(statement, rows))
    first = (db.session.scalar(select(func.max(model.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    insert_many(model, [{**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)])
    return ids


def insert_many(model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``model``'s table in one statement.

    Through the table, not the ORM class: the ORM's bulk insert costs twice as much a row.
    Every row must name the same columns: the statement takes its columns from the first row,
    and would drop a value only a later row names.
    """
    if not rows:
        return
    columns = rows[0].keys()
    odd = next((row for row in rows if row.keys() != columns), None)
    if odd is not None:
        raise ValueError(
            f"rows for {model.__tablename__} name different columns: "
            f"{sorted(columns)} and {sorted(odd.keys())}"
        )
    db.session.execute(insert(model.__table__), rows)


def among(column: Any, values: Collection[int | str]) -> ColumnElement[bool]:
    """``column IN values`` for thousands of values: on SQLite one JSON parameter read by
    ``json_each`` rather than a bound parameter each, whose compiling cost more than the
    lookup itself (a chunk of imports asks for some 25,000 sketch and sentence hashes).
    """
    if db.session.get_bind().dialect.name != "sqlite":
        return column.in_(list(values))  # type: ignore[no-any-return]
    listed = func.json_each(json.dumps(list(values))).table_valued("value")
    return column.in_(select(listed.c.value))  # type: ignore[no-any-return]
