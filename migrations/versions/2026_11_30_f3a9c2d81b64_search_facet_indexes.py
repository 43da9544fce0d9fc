"""Covering indexes for search facets: an article's outlet and date by id, and an article's
mentioned entities (replacing the index on mentions.article_id alone, which it covers).

Revision ID: f3a9c2d81b64
Revises: b5d0e2f4a718
Create Date: 2026-11-30 09:40:00

"""

from alembic import op

revision = "f3a9c2d81b64"
down_revision = "b5d0e2f4a718"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_articles_facets", "articles", ["id", "outlet_id", "published_on"])
    op.create_index("ix_mentions_article_entity", "mentions", ["article_id", "entity_id"])
    op.drop_index("ix_mentions_article_id", table_name="mentions")


def downgrade():
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.drop_index("ix_mentions_article_entity", table_name="mentions")
    op.drop_index("ix_articles_facets", table_name="articles")
