"""Every role against every endpoint of impact, the API and the pages (/app/impact/).

Funders see the aggregates of the programmes they fund (dashboard, report, needs and their exports), never a
project's follow-up; coaches and admins see and record everything; the other roles have no impact pages.
"""

import pytest

from tests import roles
from tests.roles import assert_matrix

pytestmark = pytest.mark.django_db
world = roles.world


@pytest.fixture
def published_world(world):
    """The shared world, with a funded programme large enough to be published (disclosure.MIN_GROUP people)."""
    from interlab.crm.models import Programme
    from interlab.impact.disclosure import MIN_GROUP
    from tests.factories import make_project

    programme = Programme.objects.get(name="Programme du monde")
    for n in range(MIN_GROUP):
        make_project(programme=programme, title=f"Projet {n}")
    return world


# (method, path, body, statuses: anonymous admin coach owner other_entrepreneur mentor funder partner)
API_ROWS = [
    ("get", "/api/v1/impact/summary", None, "401 200 200 403 403 403 200 403"),
    # A programme the funder does not fund is as unknown as one that does not exist.
    ("get", "/api/v1/impact/summary?programme=999999", None, "401 404 404 403 403 403 404 403"),
]

PAGE_ROWS = [
    ("get", "/app/impact/", None, "302 200 200 403 403 403 200 403"),
    ("get", "/app/impact/export.csv", None, "302 200 200 403 403 403 200 403"),
    ("get", "/app/impact/export.xlsx", None, "302 200 200 403 403 403 200 403"),
    ("get", "/app/impact/report.pdf", None, "302 200 200 403 403 403 200 403"),
    ("get", "/app/impact/needs/", None, "302 200 200 403 403 403 200 403"),
    ("get", "/app/impact/needs/export.csv", None, "302 200 200 403 403 403 200 403"),
    ("get", "/app/impact/follow-ups/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/impact/projects/{project}/", None, "302 200 200 403 403 403 403 403"),
    ("post", "/app/impact/follow-ups/{follow_up}/delete/", None, "302 302 302 403 403 403 403 403"),
    ("post", "/app/impact/financings/{financing}/delete/", None, "302 302 302 403 403 403 403 403"),
]


def test_api_rows(published_world):
    assert_matrix(published_world, API_ROWS, api=True)


def test_page_rows(published_world):
    assert_matrix(published_world, PAGE_ROWS, api=False)
