"""What the analysers keep per article between runs: its terms, vector and names.

Not facts about the article (those live on ``Article`` and in accepted suggestions) but the
similarity index: ``article_analyses.terms`` feeds an FTS5 table (``analysis_fts``, "more like
this" candidates) and the materialised document frequencies (``term_frequencies``), both kept
in step by triggers made in the migration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cms.models.base import Base, utcnow

#: The ``term_frequencies`` row whose count is the number of analysed articles.
ARTICLE_COUNT_TERM = ""


class ArticleAnalysis(Base):
    __tablename__ = "article_analyses"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    #: Fingerprint of the title and body analysed: unchanged text is not re-indexed.
    text_hash: Mapped[str] = mapped_column(String(64))
    #: Every distinct term (stem) of the article as a JSON array, written with
    #: ``ensure_ascii=False`` so FTS5 reads the words themselves.
    terms: Mapped[str] = mapped_column(Text)
    #: The strongest TF-IDF weights, {term: weight}: what the related-article re-rank compares.
    vector: Mapped[dict[str, float]] = mapped_column(JSON)
    #: Names of the gazetteer entities and vocabulary tags found, most mentioned first.
    entities: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    analysed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TermFrequency(Base):
    """How many analysed articles use a term: document frequencies, materialised.

    Reading them through ``fts5vocab`` costs ~300 ms a lookup at 100,000 articles; this table
    is a primary-key lookup. The row for ``ARTICLE_COUNT_TERM`` counts the articles.
    """

    __tablename__ = "term_frequencies"

    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)
