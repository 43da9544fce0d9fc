"""Seed a collection from a folder: article files plus a curation file an editor wrote.

The files go through the ordinary import path; the curation (outlet profiles, corrections,
tags, summaries, links) is then applied, through the same services an editor's edits use, to
the articles this run created. A second run finds every file a duplicate and changes nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete

from cms.extensions import db
from cms.models import (
    Article,
    ArticleKind,
    ArticleStatus,
    DateBasis,
    ImportBatch,
    ImportOutcome,
    Origin,
    Outlet,
    OutletKind,
    Ownership,
    Relation,
)
from cms.pipeline.types import PartialDate
from cms.services import analysis, importing, links, publishing, taxonomy
from cms.services import importing_warnings as import_warnings
from cms.services.articles import prepare_for_save, set_published_date
from cms.services.errors import ServiceError

CURATION_FILE = "curation.toml"


class CurationError(ServiceError):
    """The curation file is malformed or names something that does not exist."""


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    links_created: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.links_created)


def load_curation(folder: Path) -> dict[str, Any]:
    path = folder / CURATION_FILE
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CurationError(f"{path}: {error}") from error


def seed(folder: Path) -> SeedReport:
    """Import ``folder``'s article files and apply its curation file; idempotent.

    Raises CurationError, naming the problem, when the curation file is wrong; the caller
    then rolls back, so a bad curation file leaves nothing half-written.
    """
    curation = load_curation(folder)
    try:
        _check_names(folder, curation)
        return _seed(folder, curation)
    except KeyError as error:
        raise CurationError(f"{CURATION_FILE}: an entry lacks the key {error}") from error
    except ValueError as error:  # an unknown kind, relation or status, or a malformed date
        raise CurationError(f"{CURATION_FILE}: {error}") from error


def _seed(folder: Path, curation: dict[str, Any]) -> SeedReport:
    report = SeedReport()
    result = importing.import_files(importing.find_files([folder]), channel="seed")
    created: dict[str, Article] = {}
    for line in result.lines:
        name = Path(line.name).name
        if line.outcome is ImportOutcome.CREATED and line.article_id is not None:
            article = db.session.get(Article, line.article_id)
            assert article is not None
            created[name] = article
            report.created.append(name)
        elif line.outcome is ImportOutcome.DUPLICATE:
            report.duplicates.append(name)
        elif line.outcome is ImportOutcome.REJECTED:
            report.rejected.append((name, line.reason))
    if not created:
        if not report.rejected:
            # Nothing happened: leave no trace.
            db.session.execute(delete(ImportBatch).where(ImportBatch.id == result.batch_id))
        # Outlets and tags are curated only with new articles, so one an editor has since
        # renamed is not made again.
        return report
    for profile in curation.get("outlets", []):
        _ensure_outlet(profile)
    for tag in curation.get("tags", []):
        made = taxonomy.get_or_create_tag(tag["name"], tag.get("description", ""))
        made.aliases = made.aliases or "\n".join(tag.get("aliases", []))
    for name, article in created.items():
        _curate(article, curation.get("articles", {}).get(name, {}))
    report.links_created = _link(curation.get("links", []), created)
    db.session.flush()
    analysis.seed_suggestions(folder, [article.id for article in created.values()])
    return report


def _check_names(folder: Path, curation: dict[str, Any]) -> None:
    """Fail before writing anything if the curation names a file or outlet that isn't there."""
    outlets = {o["name"] for o in curation.get("outlets", [])}
    files = {p.name for p in folder.iterdir()}
    for name, entry in curation.get("articles", {}).items():
        if name not in files:
            raise CurationError(f"{CURATION_FILE}: article {name!r} is not a file in {folder}")
        if (
            "outlet" in entry
            and entry["outlet"] not in outlets
            and not taxonomy.find_outlet(entry["outlet"])
        ):
            raise CurationError(f"{CURATION_FILE}: {name}: unknown outlet {entry['outlet']!r}")
    for link in curation.get("links", []):
        for end in ("source", "target"):
            if link.get(end) not in files:
                raise CurationError(f"{CURATION_FILE}: link {end} {link.get(end)!r} is not a file")


def _ensure_outlet(profile: dict[str, Any]) -> None:
    """Create the outlet with its profile; an existing one (maybe edited since) is left alone."""
    existing = taxonomy.find_outlet(profile["name"])
    if existing is not None and existing.description:
        return
    outlet = existing or Outlet(name=profile["name"], slug="")
    outlet.aliases = "\n".join(profile.get("aliases", []))
    outlet.kind = OutletKind(profile.get("kind", "other"))
    outlet.ownership = Ownership(profile.get("ownership", "unknown"))
    outlet.country = profile.get("country", "")
    outlet.language = profile.get("language", "en")
    outlet.homepage = profile.get("homepage", "")
    outlet.description = profile.get("description", "")
    taxonomy.save_outlet(outlet)


def _curate(article: Article, entry: dict[str, Any]) -> None:
    """Apply an editor's corrections and summary, then publish the article."""
    if "outlet" in entry:
        article.outlet = taxonomy.find_outlet(entry["outlet"])
    if "published" in entry:
        set_published_date(article, PartialDate.parse(str(entry["published"])))
        article.date_basis = DateBasis(entry.get("date_basis", DateBasis.SOURCE))
    # The curation file is an editor's word: the fields it sets are settled.
    import_warnings.resolve(article, {"outlet", "date"} & _fields_set(entry), actor=None)
    article.kind = ArticleKind(entry.get("kind", article.kind))
    article.origin = Origin(entry.get("origin", article.origin))
    article.editor_notes = entry.get("editor_notes", article.editor_notes)
    if "summary" in entry:
        article.summary = " ".join(entry["summary"].split())
        article.summary_by_editor = True
    article.tags = taxonomy.tags_named(entry.get("tags", []))
    prepare_for_save(article, actor=None, expected_version=None)
    publishing.change_status(article, ArticleStatus.PUBLISHED, actor=None)


def _fields_set(entry: dict[str, Any]) -> set[str]:
    return {
        "outlet" if key == "outlet" else "date" for key in entry if key in ("outlet", "published")
    }


def _link(entries: list[dict[str, Any]], created: dict[str, Article]) -> int:
    """Links between articles this run created; a link to an older article is not remade."""
    count = 0
    for entry in entries:
        source, target = created.get(entry["source"]), created.get(entry["target"])
        if source is not None and target is not None:
            relation = Relation(entry.get("relation", "related"))
            links.link_articles(source, target, relation, entry.get("note", ""), actor=None)
            count += 1
    return count
