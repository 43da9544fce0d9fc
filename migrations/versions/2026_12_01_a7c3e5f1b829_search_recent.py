"""The newest articles' own search index, ``search_recent``: the rows of ``search_index`` for
its newest 4,000 to 8,000 articles, where a common word's newest matches are scored without
walking all of its matches (see ``cms/services/search/fts5.py``).

Filled here with the newest 4,000 indexed articles (``RECENT_KEEP``, written out: a migration
keeps the value it was written with), as ``fts5.refill_recent`` does.

Revision ID: a7c3e5f1b829
Revises: d5e9a3b1c742
Create Date: 2026-12-01 00:30:00

"""

from alembic import op

revision = "a7c3e5f1b829"
down_revision = "d5e9a3b1c742"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "CREATE VIRTUAL TABLE search_recent USING fts5("
        "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "INSERT INTO search_recent (rowid, title, summary, body) "
        "SELECT rowid, title, summary, body FROM search_index WHERE rowid >= coalesce("
        "(SELECT id FROM search_index_docsize ORDER BY id DESC LIMIT 1 OFFSET 3999), 0)"
    )
    op.execute("INSERT INTO search_recent (search_recent) VALUES ('optimize')")


def downgrade():
    op.execute("DROP TABLE search_recent")
