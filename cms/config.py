"""Settings: documented defaults, overridden by the environment, then by ``test_config``.

Every setting an operator may change is read here and listed in the README.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any


def _secret_key(instance_path: Path) -> str:
    """``SECRET_KEY`` from the environment, else one generated once and kept under ``instance/``.

    Keeping it on disk means sessions survive a restart and every worker agrees on it.
    """
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _int(name: str, default: int, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise SystemExit(f"{name} must be at least {minimum}, not {number}.")
    return number


def load_settings(instance_path: Path) -> dict[str, Any]:
    """The app's settings for this environment."""
    instance_path.mkdir(parents=True, exist_ok=True)
    default_db = f"sqlite:///{instance_path / 'cms.sqlite3'}"
    return {
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL", default_db),
        "SECRET_KEY": _secret_key(instance_path),
        "ADMIN_USERNAME": os.environ.get("ADMIN_USERNAME", "admin"),
        "ADMIN_PASSWORD": os.environ.get("ADMIN_PASSWORD"),
        # Flask's defaults let scripts read the session cookie and send it on cross-site
        # requests; HttpOnly and SameSite=Lax close both (the remember-me cookie likewise).
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": dt.timedelta(days=14),
        # Deployment (cms/deployment.py): "production" refuses to start with an unsafe setup.
        "CMS_ENV": os.environ.get("CMS_ENV", "development"),
        "SECRET_KEY_FROM_ENVIRONMENT": bool(os.environ.get("SECRET_KEY")),
        # How many reverse proxies in front set X-Forwarded-For/-Proto/-Host (0: trust none).
        "TRUST_PROXY": _int("TRUST_PROXY", 0),
        # Served over HTTPS (directly or by the proxy): Secure cookies and HSTS.
        "BEHIND_TLS": os.environ.get("BEHIND_TLS", "") in ("1", "true", "yes"),
        # A token valid for the whole session: an editor's late save must not lose their text.
        "WTF_CSRF_TIME_LIMIT": None,
        # Article bodies are posted in multipart admin forms; Flask's 500 kB default is too small.
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 16 * 1024 * 1024,
        # A worker's GET and HEAD requests run one at a time, first come first served; one
        # that has waited this long runs alongside (cms/turns.py). 0: all run at once.
        "REQUEST_TURN_WAIT_MS": _int("REQUEST_TURN_WAIT_MS", 50, minimum=0),
        "ARTICLES_PER_PAGE": 20,
        # Results on a page of /search (the API's per_page is the client's): ten, as search
        # engines show; each has a snippet, so twenty made a long page on a phone.
        "SEARCH_PER_PAGE": _int("SEARCH_PER_PAGE", 10, minimum=1),
        # Search ranks the newest matches only, this many (docs/architecture.md, "Search").
        "SEARCH_CANDIDATES": _int("SEARCH_CANDIDATES", 300, minimum=1),
        # Failed logins: counted in a file every worker shares (cms/services/throttle.py).
        "THROTTLE_DATABASE": os.environ.get(
            "THROTTLE_DATABASE", str(instance_path / "throttle.sqlite3")
        ),
        "LOGIN_ADDRESS_FAILURES": _int("LOGIN_ADDRESS_FAILURES", 20),
        "LOGIN_ADDRESS_WINDOW": _int("LOGIN_ADDRESS_WINDOW", 300),
        "LOGIN_ACCOUNT_FAILURES": _int("LOGIN_ACCOUNT_FAILURES", 5),
        "LOGIN_ACCOUNT_WINDOW": _int("LOGIN_ACCOUNT_WINDOW", 60),
        "LOGIN_LOCKOUT_FAILURES": _int("LOGIN_LOCKOUT_FAILURES", 10),
        "LOGIN_LOCKOUT_WINDOW": _int("LOGIN_LOCKOUT_WINDOW", 86400),
        # Import caps (bytes, entries, ratio): a file over the size is refused before it is read.
        "IMPORT_MAX_FILE_BYTES": _int("IMPORT_MAX_FILE_BYTES", 5 * 2**20),
        "IMPORT_MAX_ARCHIVE_BYTES": _int("IMPORT_MAX_ARCHIVE_BYTES", 100 * 2**20),
        "IMPORT_MAX_ZIP_ENTRIES": _int("IMPORT_MAX_ZIP_ENTRIES", 10_000),
        "IMPORT_MAX_ZIP_TOTAL_BYTES": _int("IMPORT_MAX_ZIP_TOTAL_BYTES", 200 * 2**20),
        "IMPORT_MAX_ZIP_RATIO": _int("IMPORT_MAX_ZIP_RATIO", 100),
        "FLASK_ADMIN_FLUID_LAYOUT": True,
    }
