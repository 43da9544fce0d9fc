"""Long-sentence hashes per article, for the importer's "reprint" flag.

Existing articles' sentences are hashed here, so a new import finds reprints of them too.

Revision ID: b5d0e2f4a718
Revises: e7a4c1f0d523
Create Date: 2026-11-30 07:25:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b5d0e2f4a718"
down_revision = "e7a4c1f0d523"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "text_sentences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_text_sentences_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_sentences")),
    )
    with op.batch_alter_table("text_sentences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_text_sentences_article_id"), ["article_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_text_sentences_value"), ["value"], unique=False)
    _hash_existing()


def _hash_existing():
    from cms.pipeline.fingerprint import long_sentences

    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, body FROM articles")).all()
    values = [
        {"a": article_id, "v": value}
        for article_id, body in rows
        for value in long_sentences(body or "")
    ]
    if values:
        connection.execute(
            sa.text("INSERT INTO text_sentences (article_id, value) VALUES (:a, :v)"), values
        )


def downgrade():
    with op.batch_alter_table("text_sentences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_sentences_value"))
        batch_op.drop_index(batch_op.f("ix_text_sentences_article_id"))
    op.drop_table("text_sentences")
