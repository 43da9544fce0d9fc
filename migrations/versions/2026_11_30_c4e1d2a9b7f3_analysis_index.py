"""Analysis index: per-article terms and vectors, FTS5 "more like this", document frequencies;
tag aliases.

``article_analyses.terms`` (a JSON array of stems) is the external content of the FTS5 table
``analysis_fts``; triggers keep that table and the materialised ``term_frequencies`` in step
with every insert, update and delete (an article's deletion cascades here and fires them too).

Revision ID: c4e1d2a9b7f3
Revises: 5e4c1a7f9b21
Create Date: 2026-11-30 03:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c4e1d2a9b7f3"
down_revision = "5e4c1a7f9b21"
branch_labels = None
depends_on = None

_COUNT_ROW = "''"  # the term_frequencies row counting analysed articles

_TRIGGERS = {
    "article_analyses_after_insert": f"""
        AFTER INSERT ON article_analyses BEGIN
            INSERT INTO analysis_fts (rowid, terms) VALUES (new.article_id, new.terms);
            INSERT INTO term_frequencies (term, articles)
                SELECT value, 1 FROM json_each(new.terms) WHERE true
                ON CONFLICT (term) DO UPDATE SET articles = articles + 1;
            UPDATE term_frequencies SET articles = articles + 1 WHERE term = {_COUNT_ROW};
        END""",
    "article_analyses_after_delete": f"""
        AFTER DELETE ON article_analyses BEGIN
            INSERT INTO analysis_fts (analysis_fts, rowid, terms)
                VALUES ('delete', old.article_id, old.terms);
            UPDATE term_frequencies SET articles = articles - 1
                WHERE term IN (SELECT value FROM json_each(old.terms));
            UPDATE term_frequencies SET articles = articles - 1 WHERE term = {_COUNT_ROW};
        END""",
    "article_analyses_after_update": """
        AFTER UPDATE OF terms ON article_analyses BEGIN
            INSERT INTO analysis_fts (analysis_fts, rowid, terms)
                VALUES ('delete', old.article_id, old.terms);
            UPDATE term_frequencies SET articles = articles - 1
                WHERE term IN (SELECT value FROM json_each(old.terms));
            INSERT INTO analysis_fts (rowid, terms) VALUES (new.article_id, new.terms);
            INSERT INTO term_frequencies (term, articles)
                SELECT value, 1 FROM json_each(new.terms) WHERE true
                ON CONFLICT (term) DO UPDATE SET articles = articles + 1;
        END""",
}


def upgrade():
    with op.batch_alter_table("tags") as batch_op:
        batch_op.add_column(sa.Column("aliases", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "article_analyses",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("vector", sa.JSON(), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_analyses_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_analyses")),
    )
    op.create_table(
        "term_frequencies",
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_term_frequencies")),
    )
    op.execute(f"INSERT INTO term_frequencies (term, articles) VALUES ({_COUNT_ROW}, 0)")
    op.execute(
        "CREATE VIRTUAL TABLE analysis_fts USING fts5(terms, content='article_analyses', "
        "content_rowid='article_id', tokenize='unicode61 remove_diacritics 0')"
    )
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade():
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE analysis_fts")
    op.drop_table("term_frequencies")
    op.drop_table("article_analyses")
    with op.batch_alter_table("tags") as batch_op:
        batch_op.drop_column("aliases")
