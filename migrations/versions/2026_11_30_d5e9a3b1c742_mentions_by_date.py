"""An entity's articles in list order from one index: ``mentions.published_on``, the
article's date copied by triggers, and the index (entity_id, published_on, article_id).

An entity's page walked the whole list in date order and checked each article for a mention
of it: some 1,000 checks for the first page of an entity in 2 % of 100,000 articles
(0.9 ms), 2,000 for the second. Walking the entity's own stretch of this index backwards
gives its mentions newest first, undated last, an article's mentions side by side. Triggers
copy the date whenever a mention is made (whoever inserts the row) and whenever an
article's date changes; a batch migration that copies ``articles`` or ``mentions``
must re-create them, as the data-version triggers.

Revision ID: d5e9a3b1c742
Revises: c2f8b4e6d913
Create Date: 2026-11-30 15:25:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d5e9a3b1c742"
down_revision = "c2f8b4e6d913"
branch_labels = None
depends_on = None

_TRIGGERS = {
    "mentions_date_after_insert": """
        AFTER INSERT ON mentions
        WHEN new.published_on IS NOT (SELECT published_on FROM articles WHERE id = new.article_id)
        BEGIN
            UPDATE mentions
                SET published_on = (SELECT published_on FROM articles WHERE id = new.article_id)
                WHERE id = new.id;
        END""",
    "articles_date_to_mentions": """
        AFTER UPDATE OF published_on ON articles
        WHEN new.published_on IS NOT old.published_on
        BEGIN
            UPDATE mentions SET published_on = new.published_on WHERE article_id = new.id;
        END""",
}


def upgrade():
    op.add_column("mentions", sa.Column("published_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE mentions SET published_on ="
        " (SELECT published_on FROM articles WHERE articles.id = mentions.article_id)"
    )
    op.create_index(
        "ix_mentions_entity_date", "mentions", ["entity_id", "published_on", "article_id"]
    )
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade():
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_mentions_entity_date", table_name="mentions")
    # Not batch mode: copying the table would drop its data-version triggers (SQLite 3.35+).
    op.execute("ALTER TABLE mentions DROP COLUMN published_on")
