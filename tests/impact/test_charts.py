"""The charts' rows, as the PDF report draws them in HTML (impact/_chart.html) beside the dashboard's SVG."""

from django.template.loader import render_to_string
from django.utils import translation

from interlab.impact.charts import COLOURS, chart, chart_rows

SURVIVAL = [
    {"label": "after 12 months", "value": 58.3, "suppressed": False, "baseline": 90.9},
    {"label": "after 60 months", "value": None, "suppressed": True, "baseline": 65.4},
]
SERIES = (("value", "InterLab"), ("baseline", "Wallonia (Statbel)"))


def test_a_bar_is_its_value_s_share_of_the_largest():
    rows = chart_rows([{"label": "idea", "value": 10}, {"label": "launched", "value": 4}])
    assert [[bar.width for bar in row.bars] for row in rows] == [["100.00%"], ["40.00%"]]


def test_a_hidden_value_has_no_bar_and_reads_not_shown():
    with translation.override("en"):
        rows = chart_rows(SURVIVAL, series=SERIES, unit="%")
    hidden = rows[1].bars[0]
    assert (hidden.share, hidden.text) == (None, "not shown")


def test_a_two_series_chart_has_its_legend():
    survival = chart("Survival", SURVIVAL, series=SERIES, unit="%", chart_id="chart-survival")
    assert survival.legend == [("InterLab", COLOURS[0]), ("Wallonia (Statbel)", COLOURS[1])]


def test_the_pdf_draws_html_bars_whose_width_has_a_point_in_french():
    with translation.override("fr"):
        survival = chart("Survie", SURVIVAL, series=SERIES, unit="%", chart_id="chart-survival")
        html = render_to_string("impact/_chart.html", {"chart": survival, "for_print": True})
    assert "<svg" not in html and "<figcaption>Survie</figcaption>" in html
    assert 'style="width: 64.14%; background-color: #1f5f8b"' in html  # 58,3 % is 64.14 % of 90,9 %


def test_the_dashboard_keeps_the_svg():
    survival = chart("Survival", SURVIVAL, series=SERIES, unit="%", chart_id="chart-survival")
    html = render_to_string("impact/_chart.html", {"chart": survival, "for_print": False})
    assert html.startswith("<figure><svg") and 'class="bar-chart' not in html
