"""Export the collection to a folder: each article as JSON the importer reads, and every table.

``articles/`` holds one file per article with the keys a Markdown front matter has (title,
date, outlet, url, authors, tags, summary) plus ``body``: the shape ``flask import`` reads.
``tables/`` holds every table's rows as JSON Lines (status, slugs, links, revisions, provenance,
entities, suggestions, the audit log...), users without password hashes or session tokens.
Everything is read in one transaction, so the export is one consistent moment. The format is
described in ``export_format``; ``export_restore`` reads a folder back into an empty database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article
from cms.models.base import utcnow
from cms.services.errors import ServiceError
from cms.services.export_format import (
    FORMAT,
    MANIFEST,
    TABLES,
    VERSION,
    json_line,
    left_out,
    schema_revision,
    table_file,
    write_json,
)


class ExportError(ServiceError):
    """The export could not be written; the message says why."""


@dataclass(frozen=True)
class ExportReport:
    folder: Path
    articles: int
    tables: dict[str, int]


def article_record(article: Article) -> dict[str, Any]:
    """An article as the importer's JSON shape: front-matter keys plus ``body``."""
    record: dict[str, Any] = {"title": article.title}
    if article.published_date is not None:
        record["date"] = article.published_date.isoformat()
    if article.outlet is not None:
        record["outlet"] = article.outlet.name
    if article.url:
        record["url"] = article.url
    authors = [name.strip() for name in (article.authors or "").split(",") if name.strip()]
    if authors:
        record["authors"] = authors
    if article.tags:
        record["tags"] = [tag.name for tag in article.tags]
    if article.summary:
        record["summary"] = article.summary
    record["body"] = article.body
    return record


def _export_articles(folder: Path) -> int:
    folder.mkdir()
    query = (
        select(Article)
        .options(selectinload(Article.tags), selectinload(Article.outlet))
        .order_by(Article.id)
        .execution_options(yield_per=500)
    )
    count = 0
    for article in db.session.scalars(query):
        write_json(folder / f"{article.id:06d}-{article.slug[:80]}.json", article_record(article))
        count += 1
    return count


def _export_tables(folder: Path) -> dict[str, int]:
    folder.mkdir()
    counts = {}
    for table in db.metadata.sorted_tables:
        hidden = left_out(table.name)
        columns = [column for column in table.columns if column.name not in hidden]
        query = select(*columns).order_by(*table.primary_key.columns)
        rows = db.session.execute(query.execution_options(yield_per=1000))
        count = 0
        with table_file(folder.parent, table.name).open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json_line(dict(row._mapping)))
                count += 1
        counts[table.name] = count
    return counts


def export(folder: Path) -> ExportReport:
    """Write the collection into ``folder`` (new or empty); raise ExportError when it cannot."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ExportError(f"{folder} is not an empty folder: choose a new one.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        articles = _export_articles(folder / "articles")
        tables = _export_tables(folder / TABLES)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "schema": schema_revision(db.session.connection()),
            "exported_at": utcnow().isoformat(),
            "articles": articles,
            "tables": tables,
        }
        write_json(folder / MANIFEST, manifest)
    except OSError as error:
        raise ExportError(f"Could not write the export: {error}") from error
    finally:
        db.session.rollback()  # end the read snapshot
    return ExportReport(folder, articles, tables)
