"""Pending revisions: changes to a published article that go live only when published.

Revision ID: d1e5a7c3b902
Revises: 6b8d88d046ee
Create Date: 2026-11-30 06:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d1e5a7c3b902"
down_revision = "6b8d88d046ee"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pending_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("based_on_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("changed_fields", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_pending_revisions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_pending_revisions_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_revisions")),
        sa.UniqueConstraint("article_id", name=op.f("uq_pending_revisions_article_id")),
    )


def downgrade():
    op.drop_table("pending_revisions")
