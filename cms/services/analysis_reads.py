"""The analysis's small reads as plain SQL on the driver's connection, in the session's
transaction.

One new article's analysis makes a dozen small reads. Through SQLAlchemy each cost 0.2-1 ms
of statement building, cache keys and row processing where SQLite answered in 0.01-0.1 ms
(bench/RESULTS.md, session 4): together a sixth of the analysis. Here they cost what SQLite
takes. A list of ids or terms goes in as one JSON parameter, read by
``IN (SELECT value FROM json_each(?))``. The session is flushed first, so its unsaved changes
count, as they do for ``session.execute``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from cms.extensions import db
from cms.sqlite import driver

#: ``IN`` over a list passed as the statement's one (first) parameter, in JSON.
IN_LIST = "IN (SELECT value FROM json_each(?1))"


def rows(sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """All rows of ``sql`` as plain tuples."""
    return _driver().execute(sql, parameters).fetchall()


def listed(values: Iterable[Any]) -> str:
    """``values`` as the one JSON parameter of an ``IN_LIST``."""
    return json.dumps(list(values), ensure_ascii=False)


def _driver() -> sqlite3.Connection:
    session = db.session()
    if session.autoflush:
        session.flush()
    return driver(session.connection())
