"""An outlet's articles in list order from one index (outlet, status, date, id).

An outlet's page walked the whole list in date order, reading each article's row to check its
outlet: about 5 rows read per article shown for an outlet with a fifth of the collection,
more on deeper pages and for smaller outlets. Scanned backwards, this index gives the
outlet's published articles newest first, undated last, as ix_articles_public_order gives all.

Revision ID: c2f8b4e6d913
Revises: a7d3e5c91f20
Create Date: 2026-11-30 15:15:00

"""

from alembic import op

revision = "c2f8b4e6d913"
down_revision = "a7d3e5c91f20"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_articles_outlet_order", "articles", ["outlet_id", "status", "published_on", "id"]
    )


def downgrade():
    op.drop_index("ix_articles_outlet_order", table_name="articles")
