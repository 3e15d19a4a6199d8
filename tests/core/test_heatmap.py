"""The heat map's colour steps and its grid: one row per line given, one cell per week, the share in words."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from interlab.core.templatetags.heatmap import bucket


@pytest.mark.parametrize(
    ("share", "expected"),
    [(None, "none"), (0, "0"), (0.001, "1"), (0.2, "1"), (0.21, "2"), (0.5, "3"), (0.8, "4"), (0.81, "5"), (1.3, "5")],
)
def test_a_share_falls_in_its_colour_step(share, expected):
    assert bucket(share) == expected


def test_the_grid_has_a_row_per_line_and_a_cell_per_week_with_the_share_in_the_reader_s_language():
    rows = [
        {
            "name": "Salle Meuse",
            "weeks": [{"week": "2026-11-16", "occupancy": 0.5}, {"week": "2026-11-23", "occupancy": 0.125}],
        },
        {"name": "Plateau", "weeks": [{"week": "2026-11-23", "occupancy": 0}]},
    ]
    template = Template(
        '{% load heatmap %}{% heatmap rows "Use" label_key="name" value_key="occupancy" percent=False %}'
    )
    with translation.override("fr"):
        html = template.render(Context({"rows": rows}))
    body = html.split("<tbody>")[1]
    lines = body.split("data-heatmap-row")[1:]
    assert len(lines) == 2
    assert [re.findall(r'data-bucket="([^"]+)"', line) for line in lines] == [["3", "1"], ["none", "0"]]
    assert "12,5\u00a0%" in lines[0] and "50\u00a0%" in lines[0]
    assert 'style="' not in html  # the pages' CSP allows no inline style
    assert "heat-legend" in html
