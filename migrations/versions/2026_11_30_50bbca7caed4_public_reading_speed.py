"""Public pages at 100,000 articles: an index in the public list order, and a data version
that triggers raise on every write to what public pages count (their counts are kept until it
changes).

Revision ID: 50bbca7caed4
Revises: d1e5a7c3b902
Create Date: 2026-11-30 06:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "50bbca7caed4"
down_revision = "d1e5a7c3b902"
branch_labels = None
depends_on = None

#: Kept here rather than imported: a migration must not change when the models do.
WATCHED_TABLES = (
    "articles",
    "article_tags",
    "tags",
    "outlets",
    "entities",
    "entity_aliases",
    "mentions",
)
EVENTS = ("insert", "update", "delete")


def upgrade():
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.execute(
        "INSERT INTO data_version (id, epoch, version) VALUES (1, lower(hex(randomblob(8))), 0)"
    )
    for table in WATCHED_TABLES:
        for event in EVENTS:
            op.execute(
                f"CREATE TRIGGER data_version_{table}_{event} AFTER {event.upper()} ON {table} "
                "BEGIN UPDATE data_version SET version = version + 1 WHERE id = 1; END"
            )
    # Newest first, undated last (NULLS LAST is the natural order of a descending scan), ties
    # by id: public lists read one page of it instead of sorting every published article.
    # Not in batch mode: a table copy would lose the triggers above.
    op.create_index("ix_articles_public_order", "articles", ["status", "published_on", "id"])


def downgrade():
    op.drop_index("ix_articles_public_order", table_name="articles")
    for table in WATCHED_TABLES:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER data_version_{table}_{event}")
    op.drop_table("data_version")
