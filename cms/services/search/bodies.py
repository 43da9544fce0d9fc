"""The bodies of one page of search results, for their snippets.

The result cards themselves are the lists' (``cms.queries.cards``); a card leaves the body
out, which only search needs, so it is read here for the twenty articles shown.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection

_BODIES = "SELECT id, body FROM articles WHERE id IN (SELECT value FROM json_each(?))"


def bodies(connection: Connection, ids: Sequence[int]) -> dict[int, str]:
    """The body of each of the articles ``ids``, by id."""
    if not ids:
        return {}
    return dict(connection.exec_driver_sql(_BODIES, (json.dumps(list(ids)),)).all())
