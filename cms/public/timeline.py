"""``/timeline``: the collection over time, drawn on the server as SVG, with tables beside."""

from __future__ import annotations

import calendar

from flask import render_template
from flask.typing import ResponseReturnValue

from cms.public import bp, charts
from cms.queries import timeline as counts


@bp.get("/timeline")
def timeline() -> ResponseReturnValue:
    months = counts.by_month()
    years = counts.by_year()
    by_outlet = counts.by_outlet_and_year()
    month_sums: dict[int, int] = {}
    for year, _month, n in months:
        month_sums[year] = month_sums.get(year, 0) + n
    return render_template(
        "public/timeline.html",
        months=charts.month_bars(months),
        outlets=charts.outlet_grid(by_outlet),
        years=years,
        month_names=list(calendar.month_name)[1:],
        month_table={(y, m): n for y, m, n in months},
        month_sums=month_sums,
        last_days={(y, m): calendar.monthrange(y, m)[1] for y, m, _n in months},
        outlet_rows=list(dict.fromkeys((name, slug) for name, slug, _y, _n in by_outlet)),
        outlet_table={(slug, y): n for _name, slug, y, n in by_outlet},
    )
