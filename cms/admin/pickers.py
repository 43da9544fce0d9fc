"""The article picker for cross-links: shows outlet and date, matches words in titles and
outlet names from their start ("RT" finds RT, not "paRT")."""

from __future__ import annotations

from typing import Any

from flask_admin.contrib.sqla.ajax import QueryAjaxModelLoader
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from cms.extensions import db
from cms.models import Article, Outlet
from cms.rendering import format_partial_date


def article_label(article: Article) -> str:
    """ "Title — Outlet, 12 September 2014": enough to tell same-titled articles apart."""
    outlet = article.outlet.name if article.outlet else "no outlet"
    date = format_partial_date(article.published_date) or "undated"
    return f"{article.title} — {outlet}, {date}"


def _word_start(column: Any, term: str) -> Any:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(
        column.ilike(f"{escaped}%", escape="\\"),
        column.ilike(f"% {escaped}%", escape="\\"),
    )


class ArticleLoader(QueryAjaxModelLoader):
    def __init__(self, name: str, **options: Any) -> None:
        super().__init__(name, db, Article, fields=[Article.title], page_size=20, **options)

    def format(self, model: Article | None) -> tuple[Any, str] | None:
        return (model.id, article_label(model)) if model else None

    def get_list(self, term: str, offset: int = 0, limit: int = 20) -> Any:
        query = db.session.query(Article).options(selectinload(Article.outlet))
        for word in term.split():
            query = query.filter(
                or_(
                    _word_start(Article.title, word),
                    Article.outlet.has(_word_start(Outlet.name, word)),
                )
            )
        order = (Article.published_on.is_(None), Article.published_on.desc(), Article.id.desc())
        return query.order_by(*order).offset(offset).limit(limit).all()
