"""Web login with lockout after repeated failures, and the landing page per role."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_coach_logs_in_and_lands_on_the_board(client, coach, password):
    response = client.post("/login/", {"username": "coach", "password": password})
    assert response.status_code == 302
    assert client.get("/app/", follow=True).redirect_chain[-1][0] == "/app/board/"


def test_an_entrepreneur_lands_on_their_own_path(client, person, password):
    client.post("/login/", {"username": person.user.username, "password": password})
    assert client.get("/app/", follow=True).redirect_chain[-1][0] == "/app/my/"


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, coach, password, settings):
    settings.LOGIN_LOCKOUT_FAILURES = 3
    for _ in range(3):
        response = client.post("/login/", {"username": "coach", "password": "wrong"})
        assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
    locked = client.post("/login/", {"username": "coach", "password": password})
    assert not locked.wsgi_request.user.is_authenticated
    assert "locked" in str(locked.context["form"].errors) or "bloqué" in str(locked.context["form"].errors)


def test_the_public_home_is_a_wagtail_page(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/fr/"
    assert response.status_code == 200
    assert response.context["page"].specific.__class__.__name__ == "HomePage"


def test_an_inactive_user_cannot_log_in(client, password):
    UserFactory(username="gone", is_active=False)
    response = client.post("/login/", {"username": "gone", "password": password})
    assert not response.wsgi_request.user.is_authenticated
