"""Optimistic locking for every editable record: a stale or version-less save is refused."""

from __future__ import annotations

from typing import Any

from cms.services.errors import Conflict, StaleEdit


def parse_version(text: str | None) -> int | None:
    """The version a form was based on, or None when the form did not say."""
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def check_version(record: Any, expected: int | None, what: str) -> None:
    """Refuse a save not based on ``record``'s current version.

    A form that omits its version is refused rather than trusted: trusting it would let any
    old page (or a script) overwrite whatever was saved since.
    """
    if expected is None:
        raise Conflict(
            f"This form did not say which version of the {what} it was based on, so it was "
            "not saved. Reload the page and make your change again."
        )
    if record.version != expected:
        raise StaleEdit(what, record.version)
