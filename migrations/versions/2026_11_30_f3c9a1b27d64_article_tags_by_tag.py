"""article_tags by (tag_id, article_id) instead of tag_id alone: a tag page walking the list
checks each article against its tag's own stretch of this index (a few pages, cached)
instead of probing the whole primary key; the tag's ids are read from the index alone.

Revision ID: f3c9a1b27d64
Revises: f3a9c2d81b64
Create Date: 2026-11-30 09:55:00

"""

from alembic import op

revision = "f3c9a1b27d64"
down_revision = "f3a9c2d81b64"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_article_tags_tag_article", "article_tags", ["tag_id", "article_id"])
    op.drop_index("ix_article_tags_tag_id", table_name="article_tags")


def downgrade():
    op.create_index("ix_article_tags_tag_id", "article_tags", ["tag_id"])
    op.drop_index("ix_article_tags_tag_article", table_name="article_tags")
