"""Every role against every endpoint of the professional-card dossiers, the API and the pages (/app/dossiers/).

The owner's dossier ({dossier}) has an annex and a built PDF; coaches and the owner work on it, nobody else
sees it (404); mentors, funders and partners have no dossier pages at all (403).
"""

import pytest

from tests import roles
from tests.roles import assert_matrix

pytestmark = pytest.mark.django_db
world = roles.world

# (method, path, body, statuses: anonymous admin coach owner other_entrepreneur mentor funder partner)
API_ROWS = [
    ("get", "/api/v1/dossiers", None, "401 200 200 200 200 403 403 403"),
    # The project already has an open dossier: a conflict for those who see it, 404 for another entrepreneur.
    ("post", "/api/v1/dossiers", '{"project": {project}}', "401 409 409 409 404 403 403 403"),
    ("get", "/api/v1/dossiers/{dossier}", None, "401 200 200 200 404 404 404 404"),
    ("patch", "/api/v1/dossiers/{dossier}", '{"market": "Liège"}', "401 200 200 200 404 404 404 404"),
    ("post", "/api/v1/dossiers/{dossier}/pdf", None, "401 202 202 202 404 404 404 404"),
    ("get", "/api/v1/dossiers/{dossier}/pdf", None, "401 200 200 200 404 404 404 404"),
]

PAGE_ROWS = [
    ("get", "/app/dossiers/", None, "302 200 200 200 200 403 403 403"),
    # An entrepreneur without a project is sent to their own space.
    ("get", "/app/dossiers/new/", None, "302 200 200 200 302 403 403 403"),
    ("get", "/app/dossiers/{dossier}/", None, "302 200 200 200 404 404 404 404"),
    ("get", "/app/dossiers/{dossier}/eligibility/", None, "302 200 200 200 404 404 404 404"),
    # Confirming or setting aside the exemption proposed from the person's file: the coach's call.
    ("post", "/app/dossiers/{dossier}/eligibility/proposal/", None, "302 302 302 403 403 403 403 403"),
    ("get", "/app/dossiers/{dossier}/edit/project/", None, "302 200 200 200 404 404 404 404"),
    ("get", "/app/dossiers/{dossier}/edit/finance/", None, "302 200 200 200 404 404 404 404"),
    ("post", "/app/dossiers/{dossier}/finance/preview/", None, "302 200 200 200 404 404 404 404"),
    ("post", "/app/dossiers/{dossier}/items/{item}/", None, "302 302 302 302 404 404 404 404"),
    ("get", "/app/dossiers/{dossier}/annexes/new/", None, "302 200 200 200 404 404 404 404"),
    ("post", "/app/dossiers/{dossier}/annexes/{annex}/delete/", None, "302 302 302 302 404 404 404 404"),
    ("post", "/app/dossiers/{dossier}/status/", None, "302 302 302 302 404 404 404 404"),
    ("post", "/app/dossiers/{dossier}/pdf/", None, "302 302 302 302 404 404 404 404"),
    ("get", "/app/dossiers/{dossier}/pdf/status/", None, "302 200 200 200 404 404 404 404"),
    ("get", "/app/dossiers/{dossier}/pdf/download/", None, "302 200 200 200 404 404 404 404"),
]


def test_api_rows(world):
    assert_matrix(world, API_ROWS, api=True)


def test_page_rows(world):
    assert_matrix(world, PAGE_ROWS, api=False)
