"""Usernames keyed so that look-alikes collide (NFKC, case folding, accents, confusable letters).

Revision ID: 7b3e9f1c2d40
Revises: 4afb2666ff35
Create Date: 2026-11-30 04:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from cms.models.user import username_key

revision = "7b3e9f1c2d40"
down_revision = "4afb2666ff35"
branch_labels = None
depends_on = None

users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("username", sa.String),
    sa.column("username_key", sa.String),
)


def _rekey(key: object) -> None:
    connection = op.get_bind()
    for row in connection.execute(sa.select(users.c.id, users.c.username)).all():
        connection.execute(
            users.update().where(users.c.id == row.id).values(username_key=key(row.username))
        )


def upgrade() -> None:
    # Two existing accounts that look alike would now clash on the unique key: the upgrade
    # stops with an IntegrityError naming the key, and an admin renames one of them first.
    _rekey(username_key)


def downgrade() -> None:
    _rekey(lambda name: " ".join(name.split()).casefold())
