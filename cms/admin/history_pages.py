"""The article's history page (revisions, a word diff between any two, restore, the pending
changes) and the trash of deleted articles; every write is one call into a service."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_login import current_user
from werkzeug.wrappers import Response

from cms.admin import history
from cms.services import pending, restore, revisions
from cms.services.errors import StaleEdit
from cms.services.versions import parse_version


class HistoryPages:
    """Mixed into the article view, before ``ServiceModelView`` (whose own history page, the
    audit trail of simple records, this replaces)."""

    @expose("/history/")
    def history_view(self) -> str:
        """Revisions newest first, a word diff between any two, and a restore button each."""
        article = self.get_one(request.args.get("id", "")) or abort(404)
        listed = revisions.history(article.id)
        pair = history.pick_pair(
            [r.number for r in listed],
            request.args.get("a", type=int),
            request.args.get("b", type=int),
        )
        changes = []
        if pair:
            old, new = (revisions.revision(article.id, n) for n in pair)
            changes = history.compare(old, new)
        waiting = pending.pending_of(article.id)
        return self.render(
            "admin/article_history.html",
            article=article,
            revisions=listed,
            pair=pair,
            changes=changes,
            field_label=history.label,
            pending_revision=waiting,
            pending_changes=history.compare_pending(article, waiting) if waiting else [],
        )

    @expose("/history/restore/", methods=("POST",))
    def restore_view(self) -> Response:
        article = self.get_one(request.form.get("id", "")) or abort(404)
        number = request.form.get("number", type=int) or 0
        version = parse_version(request.form.get("edit_version"))
        try:
            done = self._write(
                lambda: restore.restore_revision(article, number, self.actor(), version)
            )
        except StaleEdit as stale:
            flash(str(stale), "error")
            done = None
        if done is not None:
            flash(f"Restored revision {number}: it is now the current version.", "success")
        return redirect(url_for(".history_view", id=article.id))

    def _admins_only(self) -> None:
        if not current_user.is_admin:
            abort(403)

    @expose("/trash/")
    def trash_view(self) -> str:
        self._admins_only()
        return self.render("admin/article_trash.html", entries=restore.deleted_articles())

    @expose("/trash/restore/", methods=("POST",))
    def untrash_view(self) -> Response:
        self._admins_only()
        entry_id = request.form.get("entry", type=int) or 0
        article = self._write(lambda: restore.restore_article(entry_id, self.actor()))
        if article is not None:
            flash(f"{article.title!r} is back, as a draft.", "success")
            return redirect(url_for(".edit_view", id=article.id))
        return redirect(url_for(".trash_view"))
