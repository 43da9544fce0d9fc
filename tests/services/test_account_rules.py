"""Passwords good enough to resist guessing, and usernames whose look-alikes collide."""

from __future__ import annotations

import pytest

from cms.models import Role
from cms.models.user import username_key
from cms.services import users
from cms.services.errors import Conflict
from cms.services.users import MAX_PASSWORD_LENGTH, password_problem

WEAK = [
    ("", "blank"),
    (" " * 10, "blank"),
    ("\t \n" * 4, "blank"),
    ("short1!", "at least"),
    ("aaaaaaaaaa", "too weak"),
    ("1234567890", "too weak"),
    ("password12", "too weak"),
    ("qwertyuiop", "too weak"),
    ("iloveyou12", "too weak"),
    ("editor editor", "username"),
    ("x9" * 100, "too weak"),
    ("my-EDITOR-pass-2026", "username"),
    ("x" * (MAX_PASSWORD_LENGTH + 1), "at most"),
    ("Ab3$" * 1250, "at most"),
]


@pytest.mark.parametrize(("password", "reason"), WEAK)
def test_weak_passwords_are_refused_with_a_reason(password: str, reason: str) -> None:
    problem = password_problem(password, "editor")
    assert problem is not None and reason in problem


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",
        "violet tram under the bridge",
        "Kz7#pQ2!mW9x",
        "the tram to Almaty left at dawn " * 6,
    ],
)
def test_strong_passwords_pass(password: str) -> None:
    assert password_problem(password, "editor") is None


@pytest.mark.parametrize(
    "look_alike",
    [
        "Admin",
        "ADMIN",
        " admin ",
        "Ａdmin",
        "ａｄｍｉｎ",
        "admın",
        "аdmin",
        "Аdmin",
        "adm1n",
        "ádmin",
    ],
)
def test_look_alike_usernames_collide(app_context: None, look_alike: str) -> None:
    users.create_user("admin", "correct horse battery", Role.ADMIN)
    assert username_key(look_alike) == username_key("admin")
    with pytest.raises(Conflict, match="already exists"):
        users.create_user(look_alike, "correct horse battery", Role.EDITOR)
    assert users.find_user(look_alike) is not None  # and logging in under it finds the same user


@pytest.mark.parametrize(
    ("username", "reason"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("ed\u200bitor", "letters"),
        ("ed<script>", "letters"),
        ("x" * 81, "at most"),
    ],
)
def test_bad_usernames_are_refused(app_context: None, username: str, reason: str) -> None:
    with pytest.raises(Conflict, match=reason):
        users.create_user(username, "correct horse battery", Role.EDITOR)


def test_distinct_names_stay_distinct(app_context: None) -> None:
    for name in ["anna", "hanna", "Сергей", "Jean-Luc", "o.neill"]:
        users.create_user(name, "correct horse battery", Role.EDITOR)


def test_the_cli_refuses_a_weak_password(runner) -> None:
    result = runner.invoke(args=["users", "create", "newbie", "--password", "password12"])
    assert result.exit_code != 0
    assert "too weak" in result.output
