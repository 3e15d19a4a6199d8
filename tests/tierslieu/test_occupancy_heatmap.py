"""The staff's occupancy page: a heat map of spaces by week, with the figures still there as a table."""

import re

import pytest
from django.urls import reverse

from interlab.tierslieu import services

from .conftest import at, day

pytestmark = pytest.mark.usefixtures("frozen")


def test_the_occupancy_page_shows_a_heat_map_with_the_table_behind_it(client, room, desks, coach):
    for offset in (1, 2, 3, 4):  # 30 of the room's 60 open hours this week
        services.book(by=coach, space=room, start=at(day(offset), 9), end=at(day(offset), 16, 30), title="x")
    client.force_login(coach)
    html = client.get(reverse("tierslieu:occupancy")).content.decode()
    heatmap = html.split("data-heatmap>")[1].split("</table>")[0]
    rows = dict(re.findall(r"data-heatmap-row><th scope=\"row\">([^<]+)</th>(.*?)</tr>", heatmap))
    assert set(rows) == {"Salle Meuse", "Plateau coworking"}
    meuse = re.findall(r'data-bucket="([^"]+)" data-week="([^"]+)"', rows["Salle Meuse"])
    assert len(meuse) == 5  # the four weeks before and this one
    assert meuse[-1] == ("3", "2026-11-23")
    assert {bucket for bucket, _ in meuse[:-1]} == {"0"}
    assert re.findall(r'data-bucket="([^"]+)" data-week="2026-11-23"', rows["Plateau coworking"]) == ["0"]
    assert "50\u00a0%" in rows["Salle Meuse"]  # the page's language (French) writes it
    table = html.split('<details class="heatmap-table">')[1]
    assert '<table class="table">' in table and "Salle Meuse" in table
