"""Stages tied for the slowest are said as ties, on the page, in the exports and in the API."""

import csv
import io
from datetime import date, timedelta

import pytest

from interlab.impact import selectors, services
from interlab.impact.models import Release
from tests.impact.conftest import secret_person
from tests.impact.factories import history

pytestmark = pytest.mark.django_db

TIED = ["idea", "project", "financing", "admin-legal"]


@pytest.fixture
def four_tied(db, funded):
    """Five businesses launched in 2025 that each spent 25 days in the idea, project, financing and admin stages
    (10 days in intake, 12 in registration): four stages tied at a median of 25 days."""
    for index in range(5):
        day = date(2025, 2, 3) + timedelta(days=index)
        path = [("intake", day)]
        for key, days in (("idea", 10), ("project", 25), ("financing", 25), ("admin-legal", 25), ("registration", 25)):
            day += timedelta(days=days)
            path.append((key, day))
        path.append(("launched", day + timedelta(days=12)))
        history(secret_person(index), [(key, d.isoformat()) for key, d in path], programme=funded)


def test_the_api_lists_every_stage_tied_for_the_slowest(api, four_tied):
    body = api.get("/api/v1/impact/summary", {"period": "2025"}).json()
    medians = {row["key"]: row["value"] for row in body["time_in_stage_days"]}
    assert medians == {"intake": 10, "idea": 25, "project": 25, "financing": 25, "admin-legal": 25, "registration": 12}
    assert body["slowest_stages"] == TIED
    assert body["slowest_stage_days"] == 25
    # The first field named one stage: with a tie it names none rather than pick one.
    assert body["slowest_stage"] is None
    assert [row["key"] for row in body["time_in_stage_days"] if row["slowest"]] == TIED


def test_the_page_says_the_four_stages_are_tied(client, coach, four_tied):
    client.force_login(coach)
    html = client.get("/app/impact/", {"period": "2025"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-slowest="idea project financing admin-legal"' in html
    assert (
        "The slowest stages, tied at a median of 25 days: “Idea”, “Project building”, "
        "“Financial plan &amp; financing”, “Admin &amp; legal”." in html
    )
    assert html.count('<span class="badge warn">slowest, tied</span>') == 4
    assert "The slowest stage is" not in html


def test_the_export_has_a_row_for_each_tied_stage(client, coach, four_tied):
    client.force_login(coach)
    response = client.get("/app/impact/export.csv", {"period": "2025"}, HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    slowest = [row[2:] for row in rows if row[1].startswith("slowest")]
    assert slowest == [
        ["Idea", "25.0"],
        ["Project building", "25.0"],
        ["Financial plan & financing", "25.0"],
        ["Admin & legal", "25.0"],
    ]
    assert {row[1] for row in rows if row[1].startswith("slowest")} == {
        "slowest stages, tied (highest median days in the stage)"
    }


def test_one_slowest_stage_is_named_alone(client, coach, funded):
    for index in range(5):
        history(
            secret_person(index),
            [("intake", "2025-02-03"), ("idea", "2025-02-13"), ("project", "2025-04-01"), ("financing", "2025-04-20")],
            programme=funded,
        )
    client.force_login(coach)
    html = client.get("/app/impact/", {"period": "2025"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-slowest="idea"' in html
    assert "The slowest stage is “Idea”: a median of 47 days." in html
    assert html.count('<span class="badge warn">slowest</span>') == 1


def test_a_period_released_before_ties_were_said_shows_them(coach, four_tied):
    scope = selectors.scope_for(coach, period="2025")
    services.summary(coach, scope)
    release = Release.objects.get(kind=Release.Kind.SUMMARY)
    # As the release was written before: one stage picked among the tied ones, and no list.
    document = release.document
    for name in ("slowest_stages", "slowest_stage_days"):
        document.pop(name)
    document["slowest_stage"] = "idea"
    for row in document["time_in_stage_days"]:
        row["slowest"] = row["key"] == "idea"
    Release.objects.filter(pk=release.pk).update(document=document)

    data = services.summary(coach, scope)
    assert data["slowest_stages"] == TIED and data["slowest_stage"] is None
    assert [row["key"] for row in data["time_in_stage_days"] if row["slowest"]] == TIED
