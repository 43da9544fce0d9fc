"""Logging in and out of the admin panel."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from cms.auth import views  # noqa: E402, F401  (routes register on import)
