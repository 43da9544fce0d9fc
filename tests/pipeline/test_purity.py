"""The pipeline is pure: no module under cms/pipeline imports Flask, the database or the app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PIPELINE = Path(__file__).parents[2] / "cms" / "pipeline"
FORBIDDEN = (
    "flask",
    "sqlalchemy",
    "flask_sqlalchemy",
    "cms.models",
    "cms.services",
    "cms.extensions",
)
MODULES = sorted(PIPELINE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PIPELINE.parents[1]).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module the source imports, relative imports made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def forbidden_in(names: set[str]) -> set[str]:
    return {
        name
        for name in names
        if any(name == bad or name.startswith(f"{bad}.") for bad in FORBIDDEN)
    }


def test_the_pipeline_has_modules() -> None:
    names = {module_name(path) for path in MODULES}
    assert {"cms.pipeline", "cms.pipeline.clean", "cms.pipeline.read.markdown"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: module_name(path))
def test_pipeline_module_imports_nothing_forbidden(path: Path) -> None:
    names = imported_modules(
        path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
    )
    assert forbidden_in(names) == set()


# The check itself must be able to fail: each forbidden form is caught, allowed ones are not.
@pytest.mark.parametrize(
    ("source", "module", "found"),
    [
        ("import flask", "cms.pipeline.clean", {"flask"}),
        ("from flask import current_app", "cms.pipeline.clean", {"flask", "flask.current_app"}),
        ("import sqlalchemy.orm as orm", "cms.pipeline.clean", {"sqlalchemy.orm"}),
        (
            "from flask_sqlalchemy import SQLAlchemy",
            "cms.pipeline.clean",
            {"flask_sqlalchemy", "flask_sqlalchemy.SQLAlchemy"},
        ),
        ("from cms import models", "cms.pipeline.clean", {"cms.models"}),
        (
            "from cms.services.imports import run",
            "cms.pipeline.clean",
            {"cms.services.imports", "cms.services.imports.run"},
        ),
        (
            "from ...extensions import db",
            "cms.pipeline.read.text",
            {"cms.extensions", "cms.extensions.db"},
        ),
        ("from .. import models", "cms.pipeline.clean", {"cms.models"}),
        ("def f():\n    import flask", "cms.pipeline.clean", {"flask"}),
        ("import flask_login", "cms.pipeline.clean", set()),
        ("import flaskish", "cms.pipeline.clean", set()),
        ("from cms.pipeline.types import SourceFile", "cms.pipeline.clean", set()),
        ("from . import outlets", "cms.pipeline.metadata", set()),
        ("from .read import read", "cms.pipeline", set()),
    ],
)
def test_the_import_check_catches_forbidden_imports(
    source: str, module: str, found: set[str]
) -> None:
    is_package = module == "cms.pipeline"
    assert forbidden_in(imported_modules(source, module, is_package)) == found
