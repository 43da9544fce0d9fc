"""Logging in under attack: throttled per address and per account, locked after many failures.

A failed login reads, checks a hash, and records the failure in the throttle store; it never
writes to the collection's database, except once, when an account becomes locked, to put that
in the audit log. An unknown name costs the same hash check as a wrong password.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import current_app

from cms.models import User
from cms.models.user import username_key
from cms.services import audit, users
from cms.services.throttle import FailureStore, Refusal, Rule, now
from cms.services.transaction import write


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None = None
    refusal: Refusal | None = None


@dataclass(frozen=True)
class Rules:
    address: Rule
    account: Rule
    lockout: Rule

    @classmethod
    def from_config(cls, config: Any) -> Rules:
        return cls(
            address=Rule(config["LOGIN_ADDRESS_FAILURES"], config["LOGIN_ADDRESS_WINDOW"]),
            account=Rule(config["LOGIN_ACCOUNT_FAILURES"], config["LOGIN_ACCOUNT_WINDOW"]),
            lockout=Rule(
                config["LOGIN_LOCKOUT_FAILURES"], config["LOGIN_LOCKOUT_WINDOW"], lockout=True
            ),
        )


@cache
def _store(path: str) -> FailureStore:
    return FailureStore(path)


def store() -> FailureStore:
    return _store(current_app.config["THROTTLE_DATABASE"])


def _account_key(username: str) -> str:
    return "account:" + username_key(username)


def refusal_for(username: str, address: str) -> Refusal | None:
    """Why a login for this name from this address is refused before any check, or None."""
    rules, failures, moment = Rules.from_config(current_app.config), store(), now()
    account = _account_key(username)
    checks = [
        (account, rules.lockout),
        (account, rules.account),
        ("address:" + address, rules.address),
    ]
    for key, rule in checks:
        if refusal := failures.refusal(key, rule, moment):
            return refusal
    return None


def attempt(username: str, password: str, address: str) -> LoginOutcome:
    """Check a login: the user when it succeeds; a refusal when throttled; else neither."""
    if refusal := refusal_for(username, address):
        return LoginOutcome(refusal=refusal)
    user = users.authenticate(username, password)
    account = _account_key(username)
    if user is not None:
        store().clear(account)
        return LoginOutcome(user=user)
    _record_failure(username, address)
    return LoginOutcome()


def _record_failure(username: str, address: str) -> None:
    rules, failures, moment = Rules.from_config(current_app.config), store(), now()
    account = _account_key(username)
    keep = max(rules.address.window, rules.account.window, rules.lockout.window)
    failures.add([account, "address:" + address], moment, keep)
    if failures.count(account, rules.lockout.window, moment) == rules.lockout.limit:
        locked = users.find_user(username)
        if locked is not None:
            with write():
                audit.record("login locked", "user", locked.id, None, label=locked.username)


def is_locked(user: User) -> bool:
    rules = Rules.from_config(current_app.config)
    return store().refusal(_account_key(user.username), rules.lockout, now()) is not None


def unlock(user: User, actor: User | None) -> None:
    """Lift a lockout (and the account's recent failures); the audit log records who did."""
    store().clear(_account_key(user.username))
    audit.record("login unlocked", "user", user.id, actor, label=user.username)
