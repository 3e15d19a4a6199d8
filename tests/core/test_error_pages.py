"""Error pages are InterLab's own: translated, with a way back; the API keeps answering JSON."""

import pytest
from django.test import Client, RequestFactory

from interlab.core import views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "back"),
    [
        pytest.param("fr", "Cette page n'est pas pour votre rôle", "Aller à mon espace", id="fr"),
        pytest.param("en", "This page is not for your role", "Go to my space", id="en"),
    ],
)
def test_a_forbidden_page_is_interlabs_own_translated_with_a_way_back(client, mentor, language, heading, back):
    client.force_login(mentor)
    response = client.get("/app/board/", headers={"accept-language": language})
    html = response.content.decode()
    assert (response.status_code, heading in html, back in html, 'href="/app/"' in html) == (403, True, True, True)


def test_a_forbidden_page_offers_the_previous_page_of_this_site_only(client, mentor):
    client.force_login(mentor)
    here = client.get("/app/board/", headers={"referer": "http://testserver/app/mentoring/"}).content.decode()
    away = client.get("/app/board/", headers={"referer": "https://evil.example/"}).content.decode()
    assert ("http://testserver/app/mentoring/" in here, "evil.example" in away) == (True, False)


def test_a_missing_page_is_interlabs_own(client, coach):
    client.force_login(coach)
    response = client.get("/app/no-such-page/", headers={"accept-language": "en"})
    assert (response.status_code, "Page not found" in response.content.decode()) == (404, True)


def test_a_missing_api_resource_answers_json(client, coach):
    client.force_login(coach)
    response = client.get("/api/v1/no-such-thing")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_a_form_without_its_security_token_gets_the_own_forbidden_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"}, headers={"accept-language": "en"})
    assert (response.status_code, "The form had expired" in response.content.decode()) == (403, True)


def test_the_server_error_page_is_interlabs_own_and_needs_no_context():
    response = views.server_error(RequestFactory().get("/app/board/"))
    assert (response.status_code, 'data-error="500"' in response.content.decode()) == (500, True)


def test_a_server_error_under_the_api_answers_json():
    response = views.server_error(RequestFactory().get("/api/v1/me"))
    assert (response.status_code, response["Content-Type"]) == (500, "application/json")


def test_a_bad_request_page_is_interlabs_own(rf):
    request = rf.get("/app/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = views.bad_request(request)
    assert (response.status_code, 'data-error="400"' in response.content.decode()) == (400, True)
