"""The full-text search index: an FTS5 table of stemmed title, summary and body per article.

The rows are filled by the search service (``flask search reindex`` for an existing database);
rowid is the article's id.

Revision ID: 5e4c1a7f9b21
Revises: 28c2a359bc56
Create Date: 2026-11-30 03:30:00

"""

from alembic import op

revision = "5e4c1a7f9b21"
down_revision = "28c2a359bc56"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row')")


def downgrade():
    op.execute("DROP TABLE search_vocab")
    op.execute("DROP TABLE search_index")
