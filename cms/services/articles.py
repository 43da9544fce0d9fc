"""Editing articles: create, update and delete, each with the acting user, a revision and an
audit entry. The admin and any other door change an article's fields only through here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select

from cms.extensions import db
from cms.models import Article, ArticleStatus, Link, User
from cms.pipeline.fingerprint import content_hash
from cms.pipeline.front_matter import is_web_address
from cms.pipeline.types import PartialDate
from cms.services import (
    audit,
    fingerprints,
    publishing,
    redirects,
    revisions,
    stored_html,
    taxonomy,
)
from cms.services import importing_warnings as import_warnings
from cms.services.errors import Conflict
from cms.services.slugs import free_slug
from cms.services.versions import check_version

_WORD = re.compile(r"\w+")

#: Fields an editor may set through ``create_article`` / ``update_article``: those a revision
#: keeps, but for ``summary_by_editor`` (set by the rules below, never by hand), and the tags
#: typed by name (``new_tags``). One list, so a new field is edited and kept in history alike.
EDITABLE_FIELDS = (frozenset(revisions.SNAPSHOT_FIELDS) - {"summary_by_editor"}) | {"new_tags"}


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def new_article_slug(title: str) -> str:
    return free_slug(Article, title)


def set_published_date(article: Article, date: PartialDate | None) -> None:
    """Set the date with its precision together: the database refuses one without the other."""
    article.published_on = date.value if date else None
    article.date_precision = date.precision if date else None


def prepare_for_save(article: Article, actor: User | None, expected_version: int | None) -> None:
    """Check and tidy an article whose fields were changed, before it is flushed.

    ``expected_version``, when given, is the version the change was based on: if someone else
    saved in between, the save is refused rather than silently overwriting their work.
    """
    if expected_version is not None:
        check_version(article, expected_version, "article")
    article.title = " ".join((article.title or "").split())
    if not article.title:
        raise Conflict("An article needs a title.")
    if (article.published_on is None) != (article.date_precision is None):
        raise Conflict("Give the date and its precision together, or neither.")
    if article.url and not is_web_address(article.url):
        raise Conflict("The original URL must be a web address starting with http:// or https://.")
    article.slug = free_slug(Article, article.slug or article.title, article.id)
    if article.published_date is not None:
        # An editor picks "any day in" a month or year; store its first day, so sorting and
        # the year filter treat every article of that month alike.
        set_published_date(article, article.published_date.truncated())
    if not article.content_hash:  # made by hand, not imported
        article.content_hash = content_hash(article.body)
    article.word_count = word_count(article.body)
    article.body_html = stored_html.body_html_of(article.body)
    db.session.add(article)
    db.session.flush()


_TEXT_FIELDS = frozenset(
    {"title", "slug", "authors", "url", "language", "summary", "body", "editor_notes"}
)


def with_new_tags(article: Article, changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` with the tags typed by name (``new_tags``) found or made and added to
    ``tags``: editors add tags "without leaving the article"."""
    changes = dict(changes)
    names = [name for name in (changes.pop("new_tags", None) or "").split(",") if name.strip()]
    if names:
        wanted = changes.get("tags", article.tags)
        changes["tags"] = list(dict.fromkeys([*wanted, *taxonomy.tags_named(names)]))
    return changes


def apply_changes(article: Article, changes: Mapping[str, Any]) -> ArticleStatus:
    """Set the changed fields; the status is returned, to go through the publishing rules."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    old_summary = article.summary
    changes = with_new_tags(article, changes)
    for name, value in changes.items():
        if name in _TEXT_FIELDS:
            # Browsers send a textarea's line breaks as CRLF: without this every save
            # would "change" the body.
            value = (value or "").replace("\r\n", "\n")
        if name != "status":
            setattr(article, name, value)
    if "summary" in changes and (article.summary or "") != (old_summary or ""):
        # The editor wrote this summary: machine drafts must never replace it.
        article.summary_by_editor = bool((article.summary or "").strip())
    return changes.get("status") or article.status


def create_article(changes: Mapping[str, Any], actor: User | None) -> Article:
    """A new article written by hand: a draft unless the changes ask for (and may have) more."""
    article = Article(content_hash="", body="", raw="", status=ArticleStatus.DRAFT)
    with db.session.no_autoflush:
        wanted = apply_changes(article, changes)
        prepare_for_save(article, actor, expected_version=None)
    fingerprints.remember_text(article)
    publishing.change_status(article, wanted, actor)
    revisions.record_created(article, actor)
    audit.record(
        "create", "article", article.id, actor, label=article.title, after={"title": article.title}
    )
    return article


def update_article(
    article: Article,
    changes: Mapping[str, Any],
    actor: User | None,
    expected_version: int | None,
    note: str = "saved",
) -> Article:
    """Apply an editor's changes to ``article``, based on the version they saw.

    Refused (``StaleEdit``) if someone saved since that version, and refused if the version is
    missing. The status goes through the publishing rules; the save becomes a revision and an
    audit entry naming ``actor``. A save that changes nothing records nothing.
    """
    check_version(article, expected_version, "article")
    before = revisions.article_snapshot(article)
    with db.session.no_autoflush:
        wanted = apply_changes(article, changes)
        # Fields the editor changed settle the importer's warnings on them.
        import_warnings.resolve_changed(article, actor)
        prepare_for_save(article, actor, expected_version=None)
    redirects.remember_change("article", before["slug"], article.id, article.slug)
    publishing.change_status(article, wanted, actor)
    record_save(article, actor, before, note)
    return article


def record_save(
    article: Article, actor: User | None, before: dict[str, Any], note: str = "saved"
) -> None:
    revision = revisions.record_saved(article, actor, before, note)
    if revision is None:
        return
    after = revision.snapshot
    audit.record(
        "update",
        "article",
        article.id,
        actor,
        label=article.title,
        before={name: before.get(name) for name in revision.changed_fields},
        after={name: after.get(name) for name in revision.changed_fields},
    )


def trash_snapshot(article: Article) -> dict[str, Any]:
    """Everything needed to bring a deleted article back: fields, provenance, its links."""
    values = revisions.article_snapshot(article)
    values.update(
        raw=article.raw,
        content_hash=article.content_hash,
        published_at=audit.jsonable(article.published_at),
        created_at=audit.jsonable(article.created_at),
    )
    links = db.session.scalars(
        select(Link).where(or_(Link.source_id == article.id, Link.target_id == article.id))
    )
    values["links"] = [
        {
            "source_id": link.source_id,
            "target_id": link.target_id,
            "relation": link.relation.value,
            "note": link.note,
        }
        for link in links
    ]
    return values


def delete_article(article: Article, actor: User | None) -> None:
    """Delete an article; its full state goes to the audit log, from which it can be restored."""
    audit.record(
        "delete",
        "article",
        article.id,
        actor,
        label=article.title,
        before=trash_snapshot(article),
    )
    db.session.delete(article)
    db.session.flush()
