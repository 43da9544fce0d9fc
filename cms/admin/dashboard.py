"""The admin's front page: what the collection holds and what needs an editor."""

from __future__ import annotations

from flask_admin import AdminIndexView, expose

from cms import queries
from cms.admin.security import EditorsOnly
from cms.queries import dashboard
from cms.services import pending


class DashboardView(EditorsOnly, AdminIndexView):
    @expose("/")
    def index(self) -> str:
        return self.render(
            "admin/dashboard.html",
            stats=queries.collection_stats(),
            to_check=queries.undated_or_unsourced_drafts(),
            review_queue=dashboard.review_queue(),
            batches=dashboard.recent_batches(),
            changes=dashboard.recent_changes(),
            to_publish=pending.waiting(),
        )
