"""Timeline charts as plain shapes for an SVG template: bars by year or month, a grid by outlet.

Pure geometry: counts in, rectangles with their link and words out. The template draws them;
no script runs in the browser.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from flask import url_for

from cms.public.paths import with_args

HEIGHT = 120  # drawing units of the tallest bar
LABEL_SPACE = 18


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    href: str
    label: str  # what the bar says in words, for screen readers and tooltips


@dataclass(frozen=True)
class Axis:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: list[Bar]
    axis: list[Axis]


def _plural(n: int) -> str:
    return f"{n} article{'' if n == 1 else 's'}"


def year_bars(counts: list[tuple[int, int]], slot: float = 28) -> Chart:
    """One bar per year from the first to the last (empty years get no bar)."""
    if not counts:
        return Chart(0, 0, [], [])
    first, last = counts[0][0], counts[-1][0]
    peak = max(n for _y, n in counts)
    listed = url_for("public.articles")  # a bar's link adds its year (one url_for a chart)
    bars, axis = [], []
    by_year = dict(counts)
    for i, year in enumerate(range(first, last + 1)):
        x = i * slot
        axis.append(Axis(x + slot / 2, str(year)))
        n = by_year.get(year, 0)
        if n:
            h = max(2.0, HEIGHT * n / peak)
            href = with_args(listed, year=year)
            bars.append(Bar(x + 3, HEIGHT - h, slot - 6, h, href, f"{year}: {_plural(n)}"))
    return Chart((last - first + 1) * slot, HEIGHT + LABEL_SPACE, bars, axis)


def month_bars(counts: list[tuple[int, int, int]], slot: float = 8) -> Chart:
    """One bar per month from the first year to the last, labelled by year."""
    if not counts:
        return Chart(0, 0, [], [])
    first, last = counts[0][0], counts[-1][0]
    peak = max(n for *_ym, n in counts)
    listed = url_for("public.articles")
    bars = []
    for year, month, n in counts:
        x = ((year - first) * 12 + month - 1) * slot
        h = max(2.0, HEIGHT * n / peak)
        end = calendar.monthrange(year, month)[1]
        month_range = {"from": f"{year}-{month:02d}-01", "to": f"{year}-{month:02d}-{end}"}
        href = with_args(listed, **month_range)
        name = f"{calendar.month_name[month]} {year}"
        bars.append(Bar(x + 1, HEIGHT - h, slot - 2, h, href, f"{name}: {_plural(n)}"))
    axis = [
        Axis((year - first) * 12 * slot + 6 * slot, str(year)) for year in range(first, last + 1)
    ]
    return Chart((last - first + 1) * 12 * slot, HEIGHT + LABEL_SPACE, bars, axis)


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    size: float
    level: int  # 1 to 4: how many articles, relative to the busiest cell
    href: str
    label: str


@dataclass(frozen=True)
class Grid:
    width: float
    height: float
    cells: list[Cell]
    rows: list[Axis]  # outlet names, ``x`` holding the row's y
    columns: list[Axis]


def outlet_grid(
    counts: list[tuple[str, str, int, int]], cell: float = 26, names: float = 170
) -> Grid:
    """A square per outlet and year, darker for more articles, each linking to its list."""
    if not counts:
        return Grid(0, 0, [], [], [])
    years = sorted({y for *_o, y, _n in counts})
    first, last = years[0], years[-1]
    outlets = list(dict.fromkeys((name, slug) for name, slug, _y, _n in counts))
    row_of = {slug: i for i, (_name, slug) in enumerate(outlets)}
    peak = max(n for *_o, n in counts)
    listed = url_for("public.articles")
    cells = []
    for name, slug, year, n in counts:
        level = min(4, 1 + (4 * n - 1) // peak)
        href = with_args(listed, outlet=slug, year=year)
        x = names + (year - first) * cell
        y = row_of[slug] * cell
        cells.append(Cell(x + 2, y + 2, cell - 4, level, href, f"{name}, {year}: {_plural(n)}"))
    rows = [Axis(i * cell + cell / 2, name) for i, (name, _slug) in enumerate(outlets)]
    columns = [Axis(names + (y - first) * cell + cell / 2, str(y)) for y in range(first, last + 1)]
    width = names + (last - first + 1) * cell
    return Grid(width, len(outlets) * cell + LABEL_SPACE, cells, rows, columns)
