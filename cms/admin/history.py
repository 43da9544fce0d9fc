"""History pages: an article's revisions with a word diff and restore; any record's audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cms.admin.diff import Piece, word_diff
from cms.models import Article, PendingRevision, Revision
from cms.services.revisions import SNAPSHOT_FIELDS, article_snapshot

#: Fields whose change is shown word by word; the others as "old → new".
PROSE_FIELDS = frozenset({"title", "authors", "summary", "body", "editor_notes"})

LABELS = {
    "published_on": "Date",
    "date_precision": "Date precision",
    "url": "Original URL",
    "summary_by_editor": "Summary by an editor",
    "text_kind": "Text",
    "editor_notes": "Editor notes",
}


def label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " ").capitalize())


def shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    pieces: list[Piece] | None
    old: str
    new: str


def compare(old: Revision, new: Revision) -> list[FieldChange]:
    """Every field that differs between two revisions, in the edit form's order."""
    changes = []
    for field in SNAPSHOT_FIELDS:
        before, after = old.snapshot.get(field), new.snapshot.get(field)
        if before == after:
            continue
        pieces = word_diff(before or "", after or "") if field in PROSE_FIELDS else None
        changes.append(FieldChange(field, label(field), pieces, shown(before), shown(after)))
    return changes


def compare_pending(article: Article, waiting: PendingRevision) -> list[FieldChange]:
    """What publishing the pending changes would change in the published article."""
    published = Revision(snapshot=article_snapshot(article))
    return compare(published, waiting)  # type: ignore[arg-type]


def pick_pair(numbers: list[int], a: int | None, b: int | None) -> tuple[int, int] | None:
    """The two revisions to compare: as asked if both exist, else the latest and the one before."""
    if len(numbers) < 2:
        return None
    if a in numbers and b in numbers and a != b:
        return min(a, b), max(a, b)  # type: ignore[type-var]
    return numbers[1], numbers[0]
