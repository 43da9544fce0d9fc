"""Accepting a suggestion: the editor's decision, carried out through the ordinary services.

A tag is added, an entity gets its mentions (a new one is created first), a summary draft
becomes the summary, a related article becomes a cross-link with the relation the editor
picks, a field value is set (which settles the importer's warning on it), and a possible
duplicate is either merged into the other article or kept beside it.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select

from cms.extensions import db
from cms.models import (
    Article,
    ArticleStatus,
    Entity,
    EntityKind,
    Mention,
    Relation,
    Suggestion,
    SuggestionKind,
    SuggestionState,
    User,
)
from cms.pipeline.analyse import Name
from cms.pipeline.analyse.gazetteer import Gazetteer
from cms.pipeline.types import PartialDate
from cms.services import articles, entities, importing_warnings, links, suggestions, taxonomy
from cms.services.errors import Conflict

#: "Accept all tags above" this score.
CONFIDENT_TAG = 0.8


class DuplicateChoice(StrEnum):
    KEEP_BOTH = "keep both"
    MERGE = "merge"


def accept(
    suggestion: Suggestion,
    actor: User | None,
    relation: Relation = Relation.RELATED,
    duplicate: DuplicateChoice = DuplicateChoice.KEEP_BOTH,
) -> Suggestion:
    """Carry out a pending suggestion and mark it accepted by ``actor``."""
    if not suggestion.is_pending:
        raise Conflict(f"This suggestion was already {suggestion.state.value}.")
    article = suggestion.article
    kind = suggestion.kind
    if kind is SuggestionKind.TAG:
        _accept_tag(article, suggestion.value, actor)
    elif kind is SuggestionKind.ENTITY:
        _accept_entity(article, suggestion, actor)
    elif kind is SuggestionKind.SUMMARY:
        _update(article, {"summary": suggestion.value}, actor)
    elif kind is SuggestionKind.RELATED:
        _link(article, suggestion, relation, actor)
    elif kind is SuggestionKind.DUPLICATE:
        _accept_duplicate(article, suggestion, duplicate, actor)
    elif kind is SuggestionKind.FIELD:
        _accept_field(article, suggestion.field, suggestion.value, actor)
    return suggestions.decide(suggestion, SuggestionState.ACCEPTED, actor)


def accept_confident_tags(article: Article, actor: User | None) -> int:
    """Accept every pending tag suggestion scoring above ``CONFIDENT_TAG``; how many."""
    chosen = [
        s
        for s in suggestions.pending(article)
        if s.kind is SuggestionKind.TAG and s.score > CONFIDENT_TAG
    ]
    for suggestion in chosen:
        accept(suggestion, actor)
    return len(chosen)


def is_machine_drafted(article: Article) -> bool:
    """Whether the summary is a draft an editor accepted as it was (not written or edited)."""
    if not article.summary:
        return False
    accepted = db.session.scalars(
        select(Suggestion.value).where(
            Suggestion.article_id == article.id,
            Suggestion.kind == SuggestionKind.SUMMARY,
            Suggestion.state == SuggestionState.ACCEPTED,
        )
    )
    return article.summary in set(accepted)


def _update(article: Article, changes: dict, actor: User | None) -> None:
    articles.update_article(article, changes, actor, expected_version=article.version)


def _accept_tag(article: Article, name: str, actor: User | None) -> None:
    tag = taxonomy.get_or_create_tag(name)
    if tag not in article.tags:
        _update(article, {"tags": [*article.tags, tag]}, actor)


def _accept_entity(article: Article, suggestion: Suggestion, actor: User | None) -> None:
    entity = suggestion.entity
    if entity is None:
        entity = entities.find_entity(suggestion.value) or entities.create_entity(
            suggestion.value, EntityKind.OTHER, actor
        )
        suggestion.entity = entity
    record_mentions(article, entity)


def record_mentions(article: Article, entity: Entity) -> int:
    """Every place the body names ``entity`` (by name or alias) as a ``Mention``; how many."""
    name = Name(str(entity.id), entity.name, tuple(a.alias for a in entity.aliases))
    db.session.query(Mention).filter_by(article_id=article.id, entity_id=entity.id).delete()
    matches = Gazetteer((name,)).matches(article.body)
    for match in matches:
        db.session.add(
            Mention(
                article_id=article.id,
                entity_id=entity.id,
                start=match.start,
                end=match.end,
                surface=match.surface,
            )
        )
    db.session.flush()
    return len(matches)


def _link(article: Article, suggestion: Suggestion, relation: Relation, actor: User | None) -> None:
    target = suggestion.target_article
    if target is None:
        raise Conflict("The other article no longer exists.")
    links.create_link(
        {"source": article, "target": target, "relation": relation, "note": ""}, actor
    )


def _accept_duplicate(
    article: Article, suggestion: Suggestion, choice: DuplicateChoice, actor: User | None
) -> None:
    """Keep both (linked as the same event), or merge: the other article takes this one's
    tags and links, and this one is archived with a note saying where it went."""
    target = suggestion.target_article
    if target is None:
        raise Conflict("The other article no longer exists.")
    if choice is DuplicateChoice.KEEP_BOTH:
        _link(article, suggestion, Relation.SAME_EVENT, actor)
        return
    missing = [tag for tag in article.tags if tag not in target.tags]
    if missing:
        _update(target, {"tags": [*target.tags, *missing]}, actor)
    note = f"Merged into “{target.title}” ({target.slug}) as a duplicate."
    notes = "\n".join(n for n in (article.editor_notes, note) if n)
    _update(article, {"editor_notes": notes, "status": ArticleStatus.ARCHIVED}, actor)


def _accept_field(article: Article, field: str, value: str, actor: User | None) -> None:
    """Set a field from the importer's inference; the field, now an editor's, stops warning
    (also when the value was already there: accepting it is the editor's confirmation)."""
    if field == "date":
        date = PartialDate.parse(value)
        _update(article, {"published_on": date.value, "date_precision": date.precision}, actor)
    elif field == "outlet":
        _update(article, {"outlet": taxonomy.get_or_create_outlet(value)}, actor)
    elif field in ("authors", "url", "title"):
        _update(article, {field: value}, actor)
    else:
        raise Conflict(f"Cannot accept a value for the field {field!r}.")
    importing_warnings.resolve(article, {field}, actor)
