"""All models, imported here so Alembic's autogenerate and the app see every table."""

from cms.models.article import Article, ArticleKind, ArticleStatus, Origin, TextKind
from cms.models.base import Base
from cms.models.importing import ImportBatch, ImportItem, ImportOutcome
from cms.models.link import Link, Relation
from cms.models.outlet import Outlet, OutletKind, Ownership
from cms.models.taxonomy import Tag, article_tags
from cms.models.user import Role, User

__all__ = [
    "Article",
    "ArticleKind",
    "ArticleStatus",
    "Base",
    "ImportBatch",
    "ImportItem",
    "ImportOutcome",
    "Link",
    "Origin",
    "Outlet",
    "OutletKind",
    "Ownership",
    "Relation",
    "Role",
    "Tag",
    "TextKind",
    "User",
    "article_tags",
]
