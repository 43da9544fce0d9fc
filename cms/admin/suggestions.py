"""The suggestions panel on an article's edit page: accept or dismiss in one click.

Each button is a small POST form (CSRF-protected) to this view, which decides through the
services in one write transaction and returns to the edit page with a fresh form.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_login import current_user
from werkzeug.wrappers import Response

from cms.admin.security import EditorsOnly
from cms.extensions import db
from cms.models import Article, Relation, Suggestion, SuggestionKind, User
from cms.queries import suggestions as pending
from cms.services import accepting, suggestions
from cms.services.errors import ServiceError
from cms.services.transaction import write

#: Words for each kind in the panel's headings.
HEADINGS = {
    SuggestionKind.DUPLICATE: "Possible duplicates",
    SuggestionKind.FIELD: "Values the import found",
    SuggestionKind.SUMMARY: "Summary draft",
    SuggestionKind.TAG: "Tags",
    SuggestionKind.ENTITY: "People, organisations, places",
    SuggestionKind.RELATED: "Related articles",
}
#: The order the groups appear in: what most needs a decision first.
ORDER = [
    SuggestionKind.DUPLICATE,
    SuggestionKind.FIELD,
    SuggestionKind.SUMMARY,
    SuggestionKind.TAG,
    SuggestionKind.ENTITY,
    SuggestionKind.RELATED,
]


def panel_groups(article_id: int) -> list[tuple[str, SuggestionKind, list[Suggestion]]]:
    groups = dict(pending.pending_by_kind(article_id))
    return [(HEADINGS[kind], kind, groups[kind]) for kind in ORDER if kind in groups]


def register_panel(app: Flask) -> None:
    """Make the panel's data available to the edit page's template."""
    app.add_template_global(panel_groups, "suggestion_groups")
    app.add_template_global(pending.needs_review_count, "needs_review_count")
    app.add_template_global(list(Relation), "link_relations")
    app.add_template_global(accepting.CONFIDENT_TAG, "confident_tag_score")


def _described(suggestion: Suggestion) -> str:
    value = suggestion.value if len(suggestion.value) <= 60 else suggestion.value[:59] + "…"
    return f"{suggestion.kind.value} suggestion “{value}”"


class SuggestionsView(EditorsOnly, BaseView):
    """POST-only endpoints behind the panel's buttons; not in the menu."""

    def is_visible(self) -> bool:
        return False

    @expose("/")
    def index(self) -> Response:
        return redirect(url_for("articles.index_view"))

    @expose("/<int:suggestion_id>/accept", methods=["POST"])
    def accept(self, suggestion_id: int) -> Response:
        suggestion = db.get_or_404(Suggestion, suggestion_id)
        relation = Relation(request.form.get("relation", Relation.RELATED.value))
        choice = accepting.DuplicateChoice(
            request.form.get("duplicate", accepting.DuplicateChoice.KEEP_BOTH.value)
        )

        def work() -> str:
            accepting.accept(suggestion, self._actor(), relation, choice)
            return f"Accepted the {_described(suggestion)}."

        return self._decide(suggestion.article_id, work)

    @expose("/<int:suggestion_id>/dismiss", methods=["POST"])
    def dismiss(self, suggestion_id: int) -> Response:
        suggestion = db.get_or_404(Suggestion, suggestion_id)

        def work() -> str:
            suggestions.dismiss(suggestion, self._actor())
            return f"Dismissed the {_described(suggestion)}: it will not be proposed again."

        return self._decide(suggestion.article_id, work)

    @expose("/article/<int:article_id>/accept-tags", methods=["POST"])
    def accept_tags(self, article_id: int) -> Response:
        article = db.get_or_404(Article, article_id)

        def work() -> str:
            count = accepting.accept_confident_tags(article, self._actor())
            return f"Accepted {count} tag suggestion(s) scoring above {accepting.CONFIDENT_TAG}."

        return self._decide(article_id, work)

    def _decide(self, article_id: int, work: Callable[[], str]) -> Response:
        """Run ``work`` in one write transaction; flash its message, or the refusal."""
        try:
            with write():
                message = work()
        except ServiceError as error:
            flash(str(error), "error")
        else:
            flash(message, "success")
        return redirect(url_for("articles.edit_view", id=article_id))

    @staticmethod
    def _actor() -> User | None:
        return current_user._get_current_object() if current_user.is_authenticated else None
