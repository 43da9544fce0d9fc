"""bench/interleaved.py: each side's worker answers its own requests, taken in turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.interleaved import ROOT, Checkouts, timed

WORKER = "tests.bench.answering_worker"


def test_each_side_is_its_own_worker_and_the_figures_are_its_own(tmp_path: Path) -> None:
    before = tmp_path / "slow"
    before.mkdir()
    with Checkouts(WORKER, before, ["--scale", "1.5"]) as checkouts:
        assert checkouts.ask("before", "page 2") == ["slow", "page", "3.0", "6.0"]
        assert checkouts.ask("after", "page 2")[0] == ROOT.name
        found = checkouts.compare("/tags/x", rounds=3, batch=4)
    assert found.median == {"before": 12.0, "after": 6.0}
    assert found.lowest == {"before": 6.0, "after": 3.0}
    assert found.leading == {"before": ["slow", "/tags/x"], "after": [ROOT.name, "/tags/x"]}
    assert found.row("/tags/x", digits=1) == "| /tags/x | 12.0 | 6.0 | 6.0 | 3.0 |"


def test_the_table_has_a_row_per_item_with_the_after_workers_leading_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tmp_path / "slow"
    before.mkdir()
    with Checkouts(WORKER, before, ["--scale", "1.5"]) as checkouts:
        checkouts.print_table(["/a", "/b"], 2, 4, first="page", leading="checkout", digits=1)
    assert capsys.readouterr().out.splitlines() == [
        "| page | checkout | before: median CPU ms | after | lowest before | lowest after |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| /a | {ROOT.name} | 12.0 | 6.0 | 6.0 | 3.0 |",
        f"| /b | {ROOT.name} | 12.0 | 6.0 | 6.0 | 3.0 |",
    ]


def test_a_worker_that_stops_is_a_clear_error(tmp_path: Path) -> None:
    checkouts = Checkouts(WORKER, tmp_path, ["--scale", "1"])
    with checkouts, pytest.raises(RuntimeError, match="the before worker stopped"):
        checkouts.ask("before", "stop 1")


def test_a_workers_answer_is_the_lowest_then_the_median_cpu_of_its_calls() -> None:
    sizes = iter([10, 200_000, 10, 10, 200_000])  # two dear calls of five
    lowest, median = map(float, timed(lambda: sum(range(next(sizes))), 5).split())
    assert 0 <= lowest <= median < 2  # the median is a cheap call
