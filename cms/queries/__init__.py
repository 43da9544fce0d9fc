"""Read-only queries, one module per subject; public ones return published articles only.

- ``filters``: ``ArticleFilters``, the one parsed and validated value for list filters.
- ``paging``: ``Page`` and ``paginate``.
- ``articles``: filtered lists, one article, its links, what a filter names.
- ``taxonomy``: tags, outlets and years with their published counts.
- ``dashboard``: counts and to-do lists for the admin (every status).

Import the module you need (``from cms.queries import articles``). The names re-exported here
keep older callers working.
"""

from cms.queries.articles import (
    PUBLISHED,
    LinkView,
    links_of,
    published_article,
)
from cms.queries.dashboard import collection_stats, undated_or_unsourced_drafts
from cms.queries.filters import ArticleFilters, InvalidFilter
from cms.queries.paging import Page, paginate
from cms.queries.taxonomy import (
    outlet_by_slug,
    outlets_with_counts,
    tag_by_slug,
    tags_with_counts,
)

__all__ = [
    "PUBLISHED",
    "ArticleFilters",
    "InvalidFilter",
    "LinkView",
    "Page",
    "collection_stats",
    "links_of",
    "outlet_by_slug",
    "outlets_with_counts",
    "paginate",
    "published_article",
    "tag_by_slug",
    "tags_with_counts",
    "undated_or_unsourced_drafts",
]
