"""Bar charts of the impact figures: no JavaScript, nothing from a CDN.

The dashboard draws them as SVG images with a title and a short description; the page shows its data table beside
each for screen readers and for anyone who prefers the numbers. The PDF report draws the same bars as HTML blocks
(impact/_chart.html): WeasyPrint neither shapes nor reorders the text of an SVG, so Arabic labels would print
reversed and unjoined there, while its HTML text is shaped and laid out right to left.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .formatting import format_with_unit

COLOURS = ("#1f5f8b", "#c2571a")  # contrast >= 4.5:1 on white
ROW = 26
LABEL_WIDTH = 210
BAR_WIDTH = 300
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    """One value of a row: its share of the chart's largest value (None when there is no number to draw), its
    colour and its text (the formatted value, "not shown" for a hidden one, "—" for a missing one)."""

    share: float | None
    colour: str
    text: str

    @property
    def width(self) -> str:
        """The bar's CSS width, a percentage of the bars' room, written with a point whatever the language."""
        return f"{max(self.share or 0, 1 / BAR_WIDTH) * 100:.2f}%"


@dataclass(frozen=True)
class ChartRow:
    label: str
    bars: list[Bar]


@dataclass(frozen=True)
class Chart:
    """One chart of the dashboard and of the report: its title, its SVG (the web page) and its rows and legend
    (the PDF's HTML drawing), from the same figures."""

    title: str
    svg: SafeString
    rows: list[ChartRow]
    legend: list[tuple[str, str]] = field(default_factory=list)  # (series name, colour) for two-series charts


def chart_rows(rows: list[dict], *, series: tuple = (("value", ""),), unit: str = "") -> list[ChartRow]:
    """The rows of a chart, each value as a bar: a number's share of the largest (its text written by
    formatting.format_with_unit, as in the tables beside the charts); a hidden (suppressed) value has no share
    and reads "not shown"."""
    values = [row.get(key) for row in rows for key, _name in series]
    numbers = [v for v in values if isinstance(v, int | float)]
    top = max(numbers, default=0) or 1
    hidden_mark = _("not shown")
    drawn = []
    for row in rows:
        bars = []
        for index, (key, _name) in enumerate(series):
            value = row.get(key)
            colour = COLOURS[1] if row.get("slowest") else COLOURS[index % len(COLOURS)]
            if isinstance(value, int | float):
                bars.append(Bar(share=value / top, colour=colour, text=format_with_unit(value, unit)))
            else:
                suppressed = value is None and (row.get("suppressed") or isinstance(row.get(key + "_suppressed"), bool))
                bars.append(Bar(share=None, colour=colour, text=hidden_mark if suppressed else "—"))
        drawn.append(ChartRow(label=str(row.get("label", "")), bars=bars))
    return drawn


def _svg(title: str, rows: list[ChartRow], *, series: tuple, chart_id: str) -> SafeString:
    """Horizontal bars, one group per row; hidden (suppressed) values drawn as an outline marked "not shown"."""
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
    y = 30
    for row in rows:
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + per_group / 2 + 4}" text-anchor="end" fill="#222">'
            f"{escape(_short(row.label))}</text>"
        )
        for index, bar in enumerate(row.bars):
            bar_y = y + index * ROW
            if bar.share is not None:
                length = max(1.0, BAR_WIDTH * bar.share)
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{bar_y + 3}" width="{length:.1f}" height="{ROW - 8}" '
                    f'fill="{bar.colour}"/>'
                )
                parts.append(
                    f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{bar_y + ROW / 2 + 3}" fill="#222">'
                    f"{escape(bar.text)}</text>"
                )
            else:
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{bar_y + 3}" width="24" height="{ROW - 8}" fill="none" '
                    f'stroke="{bar.colour}" stroke-dasharray="3 2"/>'
                    f'<text x="{LABEL_WIDTH + 30}" y="{bar_y + ROW / 2 + 3}" fill="#444">{escape(bar.text)}</text>'
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


def chart(title: str, rows: list[dict], *, series: tuple = (("value", ""),), unit: str = "", chart_id: str) -> Chart:
    """A chart as the dashboard draws it (SVG) and as the PDF report does (rows and legend, impact/_chart.html)."""
    drawn = chart_rows(rows, series=series, unit=unit)
    legend = [(str(name), COLOURS[index % len(COLOURS)]) for index, (_key, name) in enumerate(series)]
    return Chart(
        title=title,
        svg=_svg(title, drawn, series=series, chart_id=chart_id),
        rows=drawn,
        legend=legend if len(series) > 1 else [],
    )


def dashboard_charts(data: dict) -> dict[str, Chart]:
    """The charts of the dashboard and of the PDF report, from the summary."""
    people = data["people"]
    charts = {
        "funnel": chart(_("Projects entering each stage for the first time"), data["funnel"], chart_id="chart-funnel"),
        "legal_form": chart(
            _("Businesses launched in the period, by legal form"),
            data["launched"]["by_legal_form"],
            chart_id="chart-legal-form",
        ),
        "time_in_stage": chart(
            _("Median days in each stage, stays that ended in the period"),
            data["time_in_stage_days"],
            chart_id="chart-time",
        ),
        "survival": chart(
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
        "gender": chart(_("People accompanied, by gender"), people["gender"], chart_id="chart-gender"),
        "age": chart(_("People accompanied, by age at entry"), people["age"], chart_id="chart-age"),
        "education": chart(_("People accompanied, by education"), people["education"], chart_id="chart-education"),
        "financing": chart(
            _("Financing obtained in the period, by source (EUR)"),
            [{"label": row["label"], **row["amount"]} for row in data["financing"]["by_source"]],
            chart_id="chart-financing",
        ),
    }
    return charts
