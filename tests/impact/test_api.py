"""GET /api/v1/impact/summary: who may call it, what it returns, and bad input."""

import pytest

from interlab.core.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/impact/summary"
YEAR = {"from": "2025-01-01", "to": "2025-12-31"}


def test_a_funder_reads_the_figures_of_its_programmes(client, world, funder):
    client.force_login(funder)
    response = client.get(URL, YEAR)
    assert response.status_code == 200
    body = response.json()
    assert body["from"] == "2025-01-01" and body["to"] == "2025-12-31"
    assert body["people"]["accompanied"] == {"value": 23, "suppressed": False}
    assert body["launched"]["total"]["value"] == 6
    assert body["slowest_stage"] == "idea"


def test_counts_under_five_are_null_with_suppressed_true(client, world, funder):
    client.force_login(funder)
    body = client.get(URL, YEAR).json()
    gender = {row["key"]: row for row in body["people"]["gender"]}
    assert gender["non_binary"]["value"] is None and gender["non_binary"]["suppressed"] is True

    def walk(node):
        if isinstance(node, dict):
            if "suppressed" in node:
                assert (node["value"] is None) == node["suppressed"] or node["value"] is None
                if isinstance(node.get("value"), int) and "n" not in node and "months" not in node:
                    assert node["value"] >= 5 or node["value"] == 0
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(body)


def test_a_funder_asking_for_a_programme_it_does_not_fund_gets_404(client, world, funder, unfunded):
    client.force_login(funder)
    response = client.get(URL, {**YEAR, "programme": unfunded.pk})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_coach_filters_by_programme(api, world, unfunded):
    body = api.get(URL, {**YEAR, "programme": unfunded.pk}).json()
    assert body["programme"] == unfunded.pk
    assert body["launched"]["total"]["value"] == 5


def test_a_bearer_token_works_for_a_funder(client, world, funder):
    from interlab.core.services import api_token_issue

    token = api_token_issue(user=funder)
    response = client.get(URL, YEAR, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_anonymous_callers_get_401(client, db):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("role", [Role.ENTREPRENEUR, Role.MENTOR, Role.PARTNER])
def test_other_roles_get_403(client, db, role):
    client.force_login(UserFactory(role=role))
    response = client.get(URL)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2025-13-01"},
        {"to": "yesterday"},
        {"from": "2025-06-01", "to": "2025-01-01"},
        {"programme": "abc"},
        {"programme": "0"},
        {"programme": str(2**70)},
        {"cohort": "-1"},
        {"from": "\x00"},
    ],
)
def test_bad_input_is_422_never_500(api, db, params):
    response = api.get(URL, params)
    assert response.status_code == 422, response.content
    assert "detail" in response.json()


def test_an_unknown_cohort_is_404(api, db):
    assert api.get(URL, {"cohort": 999999}).status_code == 404


def test_staff_default_to_the_current_year_in_progress(api, db):
    from django.utils import timezone

    body = api.get(URL).json()
    year = timezone.localdate().year
    assert (body["period"], body["from"], body["to"]) == (str(year), f"{year}-01-01", f"{year}-12-31")
    assert body["provisional"] is True and body["released_at"] is None


def test_funders_default_to_the_last_closed_year_released(client, world, funder):
    from django.utils import timezone

    client.force_login(funder)
    body = client.get(URL).json()
    assert body["period"] == str(timezone.localdate().year - 1)
    assert body["provisional"] is False and body["released_at"] is not None


def test_a_funder_of_no_programme_is_told_the_group_is_too_small(client, world):
    client.force_login(UserFactory(role=Role.FUNDER))
    response = client.get(URL, YEAR)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["programme"]
