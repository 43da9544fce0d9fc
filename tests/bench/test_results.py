"""bench/results.py puts a run under its own heading, after its section's own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import results

BEFORE = """# Benchmark results

## Public site and search

What the benchmarks of this section do.

### An older run

Old figures.

## Reliability

Other figures.
"""


@pytest.fixture
def file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "RESULTS.md"
    path.write_text(BEFORE, encoding="utf-8")
    monkeypatch.setattr(results, "RESULTS", path)
    return path


def test_a_new_run_goes_after_the_sections_text_before_older_runs(file: Path):
    results.record("Public site and search", "A new run", "New figures.")
    text = file.read_text(encoding="utf-8")
    assert text.index("What the benchmarks") < text.index("### A new run")
    assert text.index("New figures.") < text.index("### An older run")


def test_the_same_heading_replaces_its_earlier_run(file: Path):
    results.record("Public site and search", "An older run", "Newer figures.")
    text = file.read_text(encoding="utf-8")
    assert "Old figures." not in text
    assert text.index("Newer figures.") < text.index("## Reliability")


def test_a_missing_section_is_added_at_the_end(file: Path):
    results.record("Export", "Memory", "Some figures.")
    text = file.read_text(encoding="utf-8")
    assert text.endswith("Other figures.\n\n## Export\n\n### Memory\n\nSome figures.\n\n")
