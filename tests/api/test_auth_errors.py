"""Authentication errors of the API as a real browser or client meets them, CSRF checks on."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/api/v1/entrepreneurs"), ("patch", "/api/v1/projects/1"), ("delete", "/api/v1/bookings/1")],
)
def test_an_anonymous_write_is_401_not_a_csrf_failure(method, path):
    response = getattr(Client(enforce_csrf_checks=True), method)(path, data="{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_write_with_a_session_but_no_csrf_token_is_still_refused(coach):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coach)
    response = client.post("/api/v1/entrepreneurs", data={"first_name": "Zoé"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_a_write_with_a_session_and_its_csrf_token_goes_through(coach):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coach)
    client.get("/app/board/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/entrepreneurs", data={"first_name": "Zoé"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201
