"""All models, imported here so Alembic's autogenerate and the app see every table."""

from cms.models.analysis import ArticleAnalysis, TermFrequency
from cms.models.article import (
    Article,
    ArticleKind,
    ArticleStatus,
    DateBasis,
    Origin,
    TextKind,
)
from cms.models.base import Base
from cms.models.entity import BlockedName, Entity, EntityAlias, EntityKind, Mention
from cms.models.history import AuditEntry, PendingRevision, Revision
from cms.models.importing import (
    ImportBatch,
    ImportItem,
    ImportOutcome,
    ImportWarning,
    ProvenanceFlag,
    TextSentence,
    TextSketch,
)
from cms.models.link import Link, Relation
from cms.models.outlet import Outlet, OutletKind, Ownership
from cms.models.redirect import SlugRedirect
from cms.models.suggestion import Suggestion, SuggestionKind, SuggestionState
from cms.models.taxonomy import Tag, article_tags
from cms.models.user import Role, User

__all__ = [
    "ArticleAnalysis",
    "TermFrequency",
    "Article",
    "AuditEntry",
    "ArticleKind",
    "ArticleStatus",
    "Base",
    "DateBasis",
    "BlockedName",
    "Entity",
    "EntityAlias",
    "EntityKind",
    "ImportBatch",
    "ImportItem",
    "ImportOutcome",
    "ImportWarning",
    "Link",
    "Mention",
    "Origin",
    "PendingRevision",
    "Outlet",
    "OutletKind",
    "Ownership",
    "ProvenanceFlag",
    "Relation",
    "Revision",
    "Role",
    "SlugRedirect",
    "Suggestion",
    "SuggestionKind",
    "SuggestionState",
    "Tag",
    "TextSentence",
    "TextSketch",
    "TextKind",
    "User",
    "article_tags",
]
