"""Every role against every object endpoint: 404 (not 403) outside a user's scope, 401 when anonymous."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interlab.crm import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "coach", "owner", "other_entrepreneur", "mentor", "funder", "partner"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(person, project, coach):
    users = {
        "admin": UserFactory(role="admin"),
        "coach": coach,
        "owner": person.user,
        "other_entrepreneur": UserFactory(role="entrepreneur"),
        "mentor": UserFactory(role="mentor"),
        "funder": UserFactory(role="funder"),
        "partner": UserFactory(role="partner"),
    }
    document = services.document_upload(
        entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("cv.pdf", PDF), title="CV"
    )
    return {"users": users, "person": person, "project": project, "document": document}


def client_as(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


API_MATRIX = [
    # (method, path template, body): expected status per role, in ROLES order
    ("get", "/api/v1/me", None, [401, 200, 200, 200, 200, 200, 200, 200]),
    ("get", "/api/v1/me/export", None, [401, 200, 200, 200, 200, 200, 200, 200]),
    ("get", "/api/v1/stages", None, [401, 200, 200, 200, 200, 200, 200, 200]),
    ("get", "/api/v1/entrepreneurs", None, [401, 200, 200, 403, 403, 403, 403, 403]),
    ("post", "/api/v1/entrepreneurs", {"first_name": "Zoé"}, [401, 201, 201, 403, 403, 403, 403, 403]),
    ("get", "/api/v1/entrepreneurs/{person}", None, [401, 200, 200, 200, 404, 404, 404, 404]),
    ("patch", "/api/v1/entrepreneurs/{person}", {"phone": "+32 4 123"}, [401, 200, 200, 200, 404, 404, 404, 404]),
    ("post", "/api/v1/entrepreneurs/{person}/erase", None, [401, 200, 403, 403, 404, 404, 404, 404]),
    ("get", "/api/v1/projects", None, [401, 200, 200, 200, 200, 200, 200, 200]),
    ("get", "/api/v1/projects/{project}", None, [401, 200, 200, 200, 404, 404, 404, 404]),
    (
        "patch",
        "/api/v1/projects/{project}",
        {"description": "Plats à emporter"},
        [401, 200, 200, 200, 404, 404, 404, 404],
    ),
    (
        "post",
        "/api/v1/projects/{project}/transitions",
        {"to_stage": "project"},
        [401, 201, 201, 403, 404, 404, 404, 404],
    ),
    ("get", "/api/v1/projects/{project}/history", None, [401, 200, 200, 200, 404, 404, 404, 404]),
]


def _cases(matrix):
    for method, path, body, statuses in matrix:
        for role, status in zip(ROLES, statuses, strict=True):
            yield pytest.param(method, path, body, role, status, id=f"{method} {path} as {role}")


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), list(_cases(API_MATRIX)))
def test_api_visibility(client, world, method, path, body, role, expected):
    client = client_as(client, world, role)
    url = path.format(person=world["person"].pk, project=world["project"].pk)
    kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code == expected, response.content[:300]
    if expected >= 400:
        assert set(response.json()) >= {"detail", "code"}


def test_scoped_project_lists_show_only_what_a_role_may_see(client, world):
    for role, count in [("coach", 1), ("owner", 1), ("other_entrepreneur", 0), ("funder", 0), ("mentor", 0)]:
        client.force_login(world["users"][role])
        assert client.get("/api/v1/projects").json()["count"] == count, role


PAGE_MATRIX = {
    "/app/board/": [302, 200, 200, 403, 403, 403, 403, 403],
    "/app/entrepreneurs/": [302, 200, 200, 403, 403, 403, 403, 403],
    "/app/entrepreneurs/{person}/": [302, 200, 200, 404, 404, 404, 404, 404],
    "/app/entrepreneurs/{person}/sensitive/": [302, 200, 200, 403, 403, 403, 403, 403],
    "/app/projects/{project}/move/": [302, 200, 200, 403, 403, 403, 403, 403],
    "/app/documents/{document}/download/": [302, 200, 200, 200, 404, 404, 404, 404],
    "/app/entrepreneurs/{person}/documents/new/": [302, 200, 200, 200, 404, 404, 404, 404],
    "/app/my/": [302, 302, 302, 200, 403, 403, 403, 403],
}


@pytest.mark.parametrize(
    ("path", "role", "expected"),
    [
        pytest.param(path, role, status, id=f"{path} as {role}")
        for path, statuses in PAGE_MATRIX.items()
        for role, status in zip(ROLES, statuses, strict=True)
    ],
)
def test_page_visibility(client, world, path, role, expected):
    client = client_as(client, world, role)
    url = path.format(person=world["person"].pk, project=world["project"].pk, document=world["document"].pk)
    response = client.get(url)
    assert response.status_code == expected
