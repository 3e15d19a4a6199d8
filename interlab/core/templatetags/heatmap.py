"""A heat map drawn by the server (rows down, weeks across): coloured cells from a fixed set of CSS classes, since
the pages' Content-Security-Policy allows no inline style, and each cell's share written out for screen readers."""

import math
from datetime import date

from django import template
from django.utils.translation import gettext as _

from interlab.core.formatting import format_day, format_percent

register = template.Library()

STEPS = 5  # heat-1 … heat-5 above 0 %, heat-0 for none at all


def bucket(share: float | None) -> str:
    """The colour step of a share (0..1): "0" for nothing booked, then one step per fifth, "none" without open hours.

    0 → 0; up to 20 % → 1; up to 40 % → 2; up to 60 % → 3; up to 80 % → 4; over 80 % (or overbooked) → 5."""
    if share is None:
        return "none"
    if share <= 0:
        return "0"
    return str(min(STEPS, max(1, math.ceil(round(share * STEPS, 6)))))


def _week(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def legend() -> list[dict]:
    step = 100 // STEPS
    items = [{"bucket": "0", "text": format_percent(0)}]
    for n in range(1, STEPS + 1):
        low, high = format_percent(step * (n - 1)), format_percent(step * n)
        if n == 1:
            text = _("up to %(high)s") % {"high": high}
        elif n < STEPS:
            text = _("%(low)s to %(high)s") % {"low": low, "high": high}
        else:
            text = _("over %(low)s") % {"low": low}
        items.append({"bucket": str(n), "text": text})
    items.append({"bucket": "none", "text": _("no open hours")})
    return items


@register.inclusion_tag("core/_heatmap.html")
def heatmap(rows, caption: str, label_key: str = "label", value_key: str = "value", percent: bool = True):
    """rows: [{label_key: name, "weeks": [{"week": Monday (ISO), value_key: share}]}]; the share is in percent
    (58.3) when `percent`, else a ratio (0.583). Weeks are the columns, in order, whichever rows have them."""
    weeks = sorted({w for row in rows for w in (_week(c.get("week")) for c in row.get("weeks") or []) if w})
    # Each week's words are written once, not once a cell: a year of weeks by twenty spaces is thousands of cells.
    week_of = {monday: _("week of %(d)s") % {"d": format_day(monday, "day")} for monday in weeks}
    iso = {monday: monday.isoformat() for monday in weeks}
    grid = []
    for row in rows:
        shares = {}
        for cell in row.get("weeks") or []:
            monday = _week(cell.get("week"))
            value = cell.get(value_key)
            if monday is not None:
                shares[monday] = None if value is None else float(value) / (100 if percent else 1)
        label = str(row.get(label_key) or "")
        cells = []
        for monday in weeks:
            share = shares.get(monday)
            cells.append(
                {
                    "week": monday,
                    "iso": iso[monday],
                    "week_of": week_of[monday],
                    "bucket": bucket(share),
                    "text": _("no open hours") if share is None else format_percent(round(share * 100, 1)),
                }
            )
        grid.append({"label": label, "cells": cells})
    columns = [
        {
            "week": monday,
            "number": monday.isocalendar().week,
            "title": _("week of %(d)s") % {"d": format_day(monday, "long")},
        }
        for monday in weeks
    ]
    return {"caption": caption, "columns": columns, "rows": grid, "legend": legend()}


@register.simple_tag
def percent_of(share) -> str:
    """A ratio (0.583) as the reader's language writes a percentage (58.3 %), or a dash without one."""
    return "—" if share is None else format_percent(round(float(share) * 100, 1))
