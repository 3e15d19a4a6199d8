"""The mentoring and tiers-lieu blocks appear only when those apps answer, and are protected like the rest."""

import re
import types
from datetime import date

import pytest

from interlab.impact import selectors, services

pytestmark = pytest.mark.django_db

YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


@pytest.fixture
def fake_apps(monkeypatch):
    """Stand-ins for interlab.mentoring.selectors and interlab.tierslieu.selectors, switchable per test."""
    modules = {
        "interlab.mentoring.selectors": types.SimpleNamespace(__name__="interlab.mentoring.selectors"),
        "interlab.tierslieu.selectors": types.SimpleNamespace(__name__="interlab.tierslieu.selectors"),
    }
    monkeypatch.setattr(selectors, "mentoring_selectors", modules["interlab.mentoring.selectors"])
    monkeypatch.setattr(selectors, "tierslieu_selectors", modules["interlab.tierslieu.selectors"])
    return modules


def test_no_block_when_the_functions_do_not_exist(fake_apps, world, funder):
    data = services.summary(funder, selectors.scope_for(funder, **YEAR))
    assert data["mentoring"] is None and data["spaces"] is None


def test_no_block_when_the_functions_return_nothing(fake_apps, world, funder):
    fake_apps["interlab.mentoring.selectors"].impact_figures = lambda **kw: {}
    fake_apps["interlab.tierslieu.selectors"].occupancy = lambda **kw: None
    data = services.summary(funder, selectors.scope_for(funder, **YEAR))
    assert data["mentoring"] is None and data["spaces"] is None


def test_a_failing_block_is_left_out_and_the_dashboard_still_answers(fake_apps, client, world, funder):
    def broken(**kwargs):
        from interlab.crm.models import Project

        Project.objects.raw("SELECT no_such_column FROM nowhere")[0]  # a database error, as a real bug would be

    fake_apps["interlab.tierslieu.selectors"].occupancy = broken
    client.force_login(funder)
    response = client.get("/app/impact/", {"start": "2025-01-01", "end": "2025-12-31"})
    assert response.status_code == 200
    assert 'data-block="spaces"' not in response.content.decode()


def test_mentoring_figures_are_shown_with_small_counts_and_thin_averages_hidden(
    fake_apps, client, world, funder, funded
):
    calls = []

    def impact_figures(*, programme_ids=None, start=None, end=None):
        calls.append((programme_ids, start, end))
        return {
            "pairs_active": 12,
            "pairs_completed": 3,
            "mean_satisfaction": 4.5,
            "satisfaction_responses": 4,
            "ties_created": 10,
            "bridging_ties": 7,
            "bridging_share": 0.7,
            "mentor_name": "Zorglubina Mentor",
        }

    fake_apps["interlab.mentoring.selectors"].impact_figures = impact_figures
    data = services.summary(funder, selectors.scope_for(funder, **YEAR))
    rows = {row["key"]: row for row in data["mentoring"]}
    assert rows["pairs_active"]["value"] == 12
    assert rows["pairs_completed"]["suppressed"]
    assert rows["mean_satisfaction"]["suppressed"]  # from 4 answers only
    assert rows["bridging_share"]["value"] == 70.0
    # The funder's programmes are passed on; text from the other app never gets through.
    assert calls == [([funded.pk], YEAR["start"], YEAR["end"])]
    client.force_login(funder)
    html = client.get("/app/impact/", {"start": "2025-01-01", "end": "2025-12-31"}).content.decode()
    assert 'data-block="mentoring"' in html and "Zorglubina" not in html


def test_occupancy_is_shown_per_space_and_week(fake_apps, client, world, funder):
    fake_apps["interlab.tierslieu.selectors"].occupancy = lambda *, start, end: {
        "spaces": [
            {
                "space": 1,
                "name": "Salle Meuse",
                "kind": "room",
                "weeks": [{"week": "2025-01-06", "occupancy": 0.5}, {"week": "2025-01-13", "occupancy": None}],
                "occupancy": 0.25,
            }
        ],
        "occupancy": 0.25,
        "bookings": 40,
        "workshop_attendance": 3,
    }
    data = services.summary(funder, selectors.scope_for(funder, **YEAR))
    totals = {row["key"]: row for row in data["spaces"]["totals"]}
    assert totals["occupancy"]["value"] == 25.0 and totals["bookings"]["value"] == 40
    assert totals["workshop_attendance"]["suppressed"]
    space = data["spaces"]["spaces"][0]
    assert space["label"] == "Salle Meuse" and space["value"] == 25.0
    assert [w["value"] for w in space["weeks"]] == [50.0, None]
    client.force_login(funder)
    html = client.get("/app/impact/", {"start": "2025-01-01", "end": "2025-12-31"}).content.decode()
    assert 'data-block="spaces"' in html and "Salle Meuse" in html


def test_funders_see_the_occupancy_as_a_heat_map_with_the_table_behind_it(fake_apps, client, world, funder):
    fake_apps["interlab.tierslieu.selectors"].occupancy = lambda *, start, end: {
        "spaces": [
            {
                "space": 1,
                "name": "Salle Meuse",
                "kind": "room",
                "weeks": [{"week": "2025-01-06", "occupancy": 0.5}, {"week": "2025-01-13", "occupancy": 0.9}],
                "occupancy": 0.7,
            },
            {
                "space": 2,
                "name": "Plateau",
                "kind": "desks",
                "weeks": [{"week": "2025-01-06", "occupancy": 0}, {"week": "2025-01-13", "occupancy": None}],
                "occupancy": 0,
            },
        ],
        "occupancy": 0.4,
        "bookings": 40,
    }
    client.force_login(funder)
    html = client.get("/app/impact/", {"start": "2025-01-01", "end": "2025-12-31"}).content.decode()
    heatmap = html.split("data-heatmap>")[1].split("</table>")[0]
    lines = heatmap.split("data-heatmap-row")[1:]
    assert [line.split("</th>")[0].rsplit(">", 1)[1] for line in lines] == ["Salle Meuse", "Plateau"]
    assert [re.findall(r'data-bucket="([^"]+)"', line) for line in lines] == [["3", "5"], ["0", "none"]]
    assert "90\u00a0%" in lines[0]  # in the page's language (French)
    table = html.split('<details class="heatmap-table">')[1].split("</details>")[0]
    assert 'data-table="occupancy"' in table and "Plateau" in table
