"""Bad filters and odd input never give a server error, on the pages, the exports and the API."""

import pytest

from tests.factories import make_project

pytestmark = pytest.mark.django_db

API = "/api/v1/impact/summary"
PAGES = ["/app/impact/", "/app/impact/export.csv", "/app/impact/needs/", "/app/impact/needs/export.csv"]
BAD_PAGE_FILTERS = [
    {"start": "9999-12-31"},
    {"end": "9999-12-31"},
    {"start": "9999-01-01", "end": "9999-12-31"},
    {"start": "0001-01-01", "end": "0001-12-31"},
    {"end": "0001-01-01"},
    {"programme": "99999999999999999999999"},
    {"programme": "-1"},
    {"programme": "abc"},
    {"programme": "1\x00"},
    {"cohort": "18446744073709551616"},
    {"start": "2025-13-45"},
    {"start": "\x00"},
    {"start": "٢٠٢٥-٠١-٠١"},
    {"start": "x" * 5000},
]
BAD_API_FILTERS = [
    {"from": "9999-12-31"},
    {"to": "9999-12-31"},
    {"from": "9999-01-01", "to": "9999-12-31"},
    {"from": "0001-01-01", "to": "0001-12-31"},
    {"to": "0001-01-01"},
    {"from": "2025-12-31", "to": "2025-01-01"},
    {"programme": "99999999999999999999999"},
    {"programme": "0"},
    {"programme": "abc"},
    {"cohort": "-5"},
    {"from": "\x00"},
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("params", BAD_PAGE_FILTERS, ids=repr)
def test_pages_answer_bad_filters_without_a_server_error(client, world, funder, url, params):
    client.force_login(funder)
    response = client.get(url, params)
    assert response.status_code in (200, 400, 404, 422), response.status_code


@pytest.mark.parametrize("params", BAD_API_FILTERS, ids=repr)
def test_the_api_answers_bad_filters_with_422_or_404(client, world, funder, params):
    client.force_login(funder)
    response = client.get(API, params)
    assert response.status_code in (404, 422), response.status_code
    assert "detail" in response.json()


@pytest.mark.parametrize("q", ["\x00", "a\x00b", "x" * 1000, "🦄", "%_"])
def test_the_follow_up_search_takes_any_text(client, coach, q):
    client.force_login(coach)
    response = client.get("/app/impact/follow-ups/", {"q": q, "page": "-1"})
    assert response.status_code in (200, 400)  # the site refuses a NUL in a query string with 400


def test_a_follow_up_form_with_odd_values_is_a_message_not_an_error(client, coach):
    project = make_project(coach=coach)
    client.force_login(coach)
    url = f"/app/impact/projects/{project.pk}/"
    for data in (
        {
            "action": "follow_up",
            "followup-months_after_launch": "12",
            "followup-checked_on": "9999-12-31",
            "followup-jobs_full_time": "99999999999999999999",
            "followup-jobs_part_time": "-1",
        },
        {
            "action": "financing",
            "financing-source": "grant",
            "financing-amount": "1e400",
            "financing-obtained_on": "0001-01-01",
        },
        {"action": "financing", "financing-source": "grant", "financing-amount": "NaN", "financing-obtained_on": ""},
        {"action": "education", "education-education_level": "\x00"},
        {"action": "\x00"},
    ):
        response = client.post(url, data)
        assert response.status_code in (200, 302, 422), (data, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/app/impact/projects/99999999999999999999999/",
        "/app/impact/follow-ups/99999999999999999999999/delete/",
        "/app/impact/financings/99999999999999999999999/delete/",
        "/app/impact/projects/0/",
    ],
)
def test_huge_ids_in_the_follow_up_pages_are_404(client, coach, url):
    client.force_login(coach)
    response = client.post(url) if "delete" in url else client.get(url)
    assert response.status_code == 404


@pytest.mark.parametrize("params", [{"programme": "999999"}, {"cohort": "999999"}], ids=repr)
def test_a_programme_or_cohort_the_funder_does_not_see_is_404_on_the_pages(client, world, funder, params):
    client.force_login(funder)
    for url in PAGES:
        assert client.get(url, params).status_code == 404, url


def test_an_unfunded_programme_is_404_like_an_unknown_one(client, world, funder, unfunded):
    client.force_login(funder)
    for url in [*PAGES, "/app/impact/report.pdf", "/app/impact/export.xlsx"]:
        assert client.get(url, {"programme": unfunded.pk}).status_code == 404, url


def test_a_window_that_is_not_a_period_is_a_message_on_the_page(client, world, funder):
    client.force_login(funder)
    response = client.get("/app/impact/", {"start": "2025-01-01", "end": "2025-12-30"})
    assert response.status_code == 422
    assert "2025-Q3" in response.content.decode()
