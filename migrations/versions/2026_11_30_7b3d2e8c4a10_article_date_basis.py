"""Articles say where their date comes from: the source, or the editors who placed it.

Revision ID: 7b3d2e8c4a10
Revises: 50d90bd49755
Create Date: 2026-11-30 03:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7b3d2e8c4a10"
down_revision = "50d90bd49755"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "date_basis",
                sa.Enum("source", "editors", name="datebasis", native_enum=False, length=32),
                server_default="source",
                nullable=False,
            )
        )


def downgrade():
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("date_basis")
