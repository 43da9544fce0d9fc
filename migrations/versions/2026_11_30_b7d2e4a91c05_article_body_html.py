"""articles.body_html: the body as readers see it, rendered and sanitised when it is saved
(cms.services.stored_html), backfilled here with the same renderer, a batch at a time.

Revision ID: b7d2e4a91c05
Revises: f3c9a1b27d64
Create Date: 2026-11-30 15:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cms.rendering import markdown_to_html

revision = "b7d2e4a91c05"
down_revision = "f3c9a1b27d64"
branch_labels = None
depends_on = None

#: Articles read and written per statement pair.
BATCH = 1000


def upgrade() -> None:
    op.add_column("articles", sa.Column("body_html", sa.Text(), nullable=True))
    _backfill(op.get_bind())


def _backfill(connection: sa.Connection) -> None:
    """Each article's rendered body, by id, ``BATCH`` at a time (plain statements: the model
    may have moved on since this revision; updated_at and version stay as they are)."""
    select = sa.text("SELECT id, body FROM articles WHERE id > :last ORDER BY id LIMIT :n")
    store = sa.text("UPDATE articles SET body_html = :html WHERE id = :id")
    last = 0
    while rows := connection.execute(select, {"last": last, "n": BATCH}).all():
        connection.execute(
            store, [{"id": id_, "html": str(markdown_to_html(body or ""))} for id_, body in rows]
        )
        last = rows[-1][0]


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+), not a batch copy of the table, which would lose the
    # table's triggers (data_version's).
    op.drop_column("articles", "body_html")
