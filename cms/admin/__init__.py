"""The editors' admin panel, built per app so tests can run several apps side by side."""

from __future__ import annotations

from flask import Flask
from flask_admin import Admin
from flask_admin.menu import MenuLink
from flask_admin.theme import Bootstrap4Theme
from werkzeug.exceptions import RequestEntityTooLarge

from cms.admin.accounts import UserView
from cms.admin.articles import ArticleView
from cms.admin.audit import AuditLogView
from cms.admin.dashboard import DashboardView
from cms.admin.entities import BlockedNameView, EntityView
from cms.admin.importing import ImportView, upload_too_large
from cms.admin.links import LinkView
from cms.admin.suggestions import SuggestionsView, register_panel
from cms.admin.views import ImportBatchView
from cms.admin.vocabulary import OutletView, TagView
from cms.extensions import db
from cms.models import (
    Article,
    AuditEntry,
    BlockedName,
    Entity,
    ImportBatch,
    Link,
    Outlet,
    Tag,
    User,
)


def init_admin(app: Flask) -> Admin:
    admin = Admin(
        app,
        name="Collection admin",
        theme=Bootstrap4Theme(base_template="admin/cms_base.html", fluid=True),
        index_view=DashboardView(name="Dashboard", url="/admin"),
    )
    admin.add_view(ArticleView(Article, db, name="Articles", endpoint="articles"))
    admin.add_view(OutletView(Outlet, db, name="Outlets", endpoint="outlets"))
    admin.add_view(TagView(Tag, db, name="Tags", endpoint="tags"))
    admin.add_view(EntityView(Entity, db, name="Entities", endpoint="entities"))
    admin.add_view(BlockedNameView(BlockedName, db, name="Kill list", endpoint="blocked_names"))
    admin.add_view(LinkView(Link, db, name="Cross-links", endpoint="links"))
    admin.add_view(ImportBatchView(ImportBatch, db, name="Imports", endpoint="imports"))
    admin.add_view(ImportView(name="Import files", endpoint="import", url="/admin/import"))
    # The upload's 413 happens before any view runs (the CSRF check reads the body).
    app.register_error_handler(RequestEntityTooLarge, upload_too_large)
    admin.add_view(UserView(User, db, name="Users", endpoint="users"))
    admin.add_view(AuditLogView(AuditEntry, db, name="Audit log", endpoint="audit"))
    admin.add_view(SuggestionsView(name="Suggestions", endpoint="suggestions"))
    register_panel(app)
    admin.add_link(MenuLink(name="Public site", endpoint="public.home"))
    return admin
