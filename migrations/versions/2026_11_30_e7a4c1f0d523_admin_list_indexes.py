"""Indexes for the admin article list at 100,000 articles: by title, by year in last-saved
order, and the open import warnings ("needs review").

Revision ID: e7a4c1f0d523
Revises: 50bbca7caed4
Create Date: 2026-11-30 07:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e7a4c1f0d523"
down_revision = "50bbca7caed4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_articles_title", "articles", ["title"])
    op.create_index(
        "ix_articles_published_on_updated_at", "articles", ["published_on", "updated_at"]
    )
    op.create_index(
        "ix_import_warnings_open_article",
        "import_warnings",
        ["article_id"],
        sqlite_where=sa.text("resolved_at IS NULL"),
        postgresql_where=sa.text("resolved_at IS NULL"),
    )


def downgrade():
    op.drop_index("ix_import_warnings_open_article", table_name="import_warnings")
    op.drop_index("ix_articles_published_on_updated_at", table_name="articles")
    op.drop_index("ix_articles_title", table_name="articles")
