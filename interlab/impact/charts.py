"""Server-side SVG bar charts: no JavaScript, nothing from a CDN, printable by WeasyPrint.

Each chart is an image with a title and a short description; the page shows its data table beside it for
screen readers and for anyone who prefers the numbers.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .formatting import format_with_unit

COLOURS = ("#1f5f8b", "#c2571a")  # contrast >= 4.5:1 on white
ROW = 26
LABEL_WIDTH = 210
BAR_WIDTH = 300
VALUE_WIDTH = 70


def bar_chart(
    title: str, rows: list[dict], *, series: tuple = (("value", ""),), unit: str = "", chart_id: str
) -> SafeString:
    """Horizontal bars, one group per row; hidden (suppressed) values drawn as an outline marked "not shown".

    Values are written by formatting.format_with_unit, as in the tables beside the charts ("%": the language's
    way of writing a percentage)."""
    values = [row.get(key) for row in rows for key, _name in series]
    numbers = [v for v in values if isinstance(v, int | float)]
    top = max(numbers, default=0) or 1
    per_group = ROW * len(series)
    height = 36 + len(rows) * (per_group + 8) + (18 if len(series) > 1 else 0)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    description = _("The data table below gives the same figures.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="impact-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<text x="0" y="14" font-weight="bold" fill="#222" aria-hidden="true">{escape(_short(title, 70))}</text>',
    ]
    hidden_mark = _("not shown")
    y = 30
    for row in rows:
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + per_group / 2 + 4}" text-anchor="end" fill="#222">'
            f"{escape(_short(str(row.get('label', ''))))}</text>"
        )
        for index, (key, _name) in enumerate(series):
            value = row.get(key)
            bar_y = y + index * ROW
            colour = COLOURS[1] if row.get("slowest") else COLOURS[index % len(COLOURS)]
            suppressed = value is None and (row.get("suppressed") or isinstance(row.get(key + "_suppressed"), bool))
            if isinstance(value, int | float):
                length = max(1.0, BAR_WIDTH * value / top)
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{bar_y + 3}" width="{length:.1f}" height="{ROW - 8}" fill="{colour}"/>'
                )
                parts.append(
                    f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{bar_y + ROW / 2 + 3}" fill="#222">'
                    f"{escape(format_with_unit(value, unit))}</text>"
                )
            else:
                mark = hidden_mark if suppressed else "—"
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{bar_y + 3}" width="24" height="{ROW - 8}" fill="none" '
                    f'stroke="{colour}" stroke-dasharray="3 2"/>'
                    f'<text x="{LABEL_WIDTH + 30}" y="{bar_y + ROW / 2 + 3}" fill="#444">{escape(mark)}</text>'
                )
        y += per_group + 8
    if len(series) > 1:
        x = LABEL_WIDTH
        for index, (_key, name) in enumerate(series):
            parts.append(
                f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLOURS[index % len(COLOURS)]}"/>'
                f'<text x="{x + 16}" y="{y + 11}" fill="#222">{escape(name)}</text>'
            )
            x += 20 + 8 * len(name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def dashboard_charts(data: dict) -> dict:
    """The charts of the dashboard and of the PDF report, from the summary."""
    people = data["people"]
    charts = {
        "funnel": bar_chart(
            _("Projects entering each stage for the first time"), data["funnel"], chart_id="chart-funnel"
        ),
        "legal_form": bar_chart(
            _("Businesses launched in the period, by legal form"),
            data["launched"]["by_legal_form"],
            chart_id="chart-legal-form",
        ),
        "time_in_stage": bar_chart(
            _("Median days in each stage, stays that ended in the period"),
            data["time_in_stage_days"],
            chart_id="chart-time",
        ),
        "survival": bar_chart(
            _("Survival of launched businesses (%)"),
            [
                {
                    "label": _("after %(months)s months") % {"months": row["months"]},
                    "value": row["rate"]["value"],
                    "suppressed": row["rate"]["suppressed"],
                    "baseline": row["baseline"],
                }
                for row in data["survival"]
            ],
            series=(("value", "InterLab"), ("baseline", _("Wallonia (Statbel)"))),
            unit="%",
            chart_id="chart-survival",
        ),
        "gender": bar_chart(_("People accompanied, by gender"), people["gender"], chart_id="chart-gender"),
        "age": bar_chart(_("People accompanied, by age at entry"), people["age"], chart_id="chart-age"),
        "education": bar_chart(_("People accompanied, by education"), people["education"], chart_id="chart-education"),
        "financing": bar_chart(
            _("Financing obtained in the period, by source (EUR)"),
            [{"label": row["label"], **row["amount"]} for row in data["financing"]["by_source"]],
            chart_id="chart-financing",
        ),
    }
    return charts
