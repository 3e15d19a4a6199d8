"""Login lockout: per account and per address, shared by the web form and the API token endpoint."""

import pytest
from django.test import RequestFactory
from django.utils import timezone

from interlab.core.models import LoginFailure
from interlab.core.net import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.LOGIN_LOCKOUT_FAILURES = 3
    settings.LOGIN_LOCKOUT_ADDRESS_FAILURES = 5
    settings.LOGIN_LOCKOUT_MINUTES = 15


def web_login(client, username, password, address="10.0.0.1"):
    # The page speaks the browser's language: these tests read the English wording.
    return client.post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en"
    )


def api_login(client, username, password, address="10.0.0.1"):
    return client.post(
        TOKEN_URL,
        {"username": username, "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def web_errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


def test_the_web_form_locks_the_account_even_for_the_right_password(client, coach, password):
    for _ in range(3):
        assert "correct username and password" in web_errors(web_login(client, "coach", "wrong"))
    locked = web_login(client, "coach", password)
    assert not locked.wsgi_request.user.is_authenticated
    assert "this account" in web_errors(locked) and "15 minutes" in web_errors(locked)


def test_the_token_endpoint_answers_429_with_the_reason_and_when_to_retry(client, coach, password):
    for _ in range(3):
        assert api_login(client, "coach", "wrong").status_code == 401
    locked = api_login(client, "coach", password)
    assert locked.status_code == 429
    body = locked.json()
    assert body["code"] == "locked_out" and body["reason"] == "account" and "15 minutes" in body["detail"]
    assert locked["Retry-After"] == "900"


def test_the_web_form_and_the_token_endpoint_share_one_counter(client, coach, password):
    web_login(client, "coach", "wrong")
    api_login(client, "coach", "wrong")
    web_login(client, "COACH", "wrong")  # usernames are counted without regard to case
    assert api_login(client, "coach", password).status_code == 429
    assert not web_login(client, "coach", password).wsgi_request.user.is_authenticated


def test_one_address_trying_many_accounts_is_locked_for_every_account(client, coach, password):
    for n in range(5):
        api_login(client, f"guess{n}", "Winter2026!", address="203.0.113.9")
    from_sprayer = web_login(client, "coach", password, address="203.0.113.9")
    assert not from_sprayer.wsgi_request.user.is_authenticated
    assert "your connection" in web_errors(from_sprayer)
    assert api_login(client, "coach", password, address="203.0.113.9").json()["reason"] == "address"
    # The coach, from their own connection, is not affected.
    assert api_login(client, "coach", password, address="198.51.100.7").status_code == 200


def test_a_successful_login_clears_the_account_failures(client, coach, password):
    web_login(client, "coach", "wrong")
    web_login(client, "coach", "wrong")
    assert api_login(client, "coach", password).status_code == 200
    assert not LoginFailure.objects.filter(username="coach").exists()
    web_login(client, "coach", "wrong")
    web_login(client, "coach", "wrong")
    assert api_login(client, "coach", password).status_code == 200


def test_the_lock_lifts_once_the_window_has_passed(client, coach, password):
    for _ in range(3):
        api_login(client, "coach", "wrong")
    assert api_login(client, "coach", password).status_code == 429
    LoginFailure.objects.update(at=timezone.now() - timezone.timedelta(minutes=16))
    assert api_login(client, "coach", password).status_code == 200


def test_an_admin_sees_the_failures_and_lifts_a_lock_by_deleting_them(client, coach, admin_user, password):
    for _ in range(3):
        api_login(client, "coach", "wrong", address="192.0.2.44")
    client.force_login(admin_user)
    listing = client.get("/django-admin/core/loginfailure/", {"q": "coach"})
    assert listing.status_code == 200
    assert "192.0.2.44" in listing.content.decode()
    ids = [str(pk) for pk in LoginFailure.objects.values_list("pk", flat=True)]
    client.post(
        "/django-admin/core/loginfailure/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert not LoginFailure.objects.exists()
    client.logout()
    assert api_login(client, "coach", password).status_code == 200


def test_a_failure_records_the_address_it_came_from(client, coach):
    api_login(client, "coach", "wrong", address="192.0.2.10")
    assert LoginFailure.objects.get().ip_address == "192.0.2.10"


# The client address behind proxies


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_x_forwarded_for_is_ignored_unless_proxies_are_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("10.0.0.2", "203.0.113.5")) == "10.0.0.2"


def test_behind_one_trusted_proxy_the_client_is_the_entry_it_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged "1.2.3.4"; the proxy appended the address it really saw.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"


def test_behind_two_trusted_proxies_the_client_is_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.3", "1.2.3.4, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"
    assert client_ip(request_from("10.0.0.3", "203.0.113.5")) == "203.0.113.5"


def test_a_malformed_forwarded_address_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2", "not-an-ip")) == "10.0.0.2"
    assert client_ip(request_from("10.0.0.2", "2001:db8::1")) == "2001:db8::1"


def test_behind_a_proxy_the_address_lock_is_per_client_not_per_proxy(client, coach, password, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        client.post(
            TOKEN_URL,
            {"username": f"guess{n}", "password": "x"},
            content_type="application/json",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    assert LoginFailure.objects.filter(ip_address="203.0.113.9").count() == 5
    ok = client.post(
        TOKEN_URL,
        {"username": "coach", "password": password},
        content_type="application/json",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert ok.status_code == 200


def test_the_public_forms_rate_limit_reads_the_same_client_address(settings):
    from cms.ratelimit import client_address

    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.2", "203.0.113.5")) == "203.0.113.5"


def test_an_inactive_account_counts_as_a_failure(client):
    UserFactory(username="gone", is_active=False)
    for _ in range(3):
        api_login(client, "gone", "x")
    assert api_login(client, "gone", "x").status_code == 429


@pytest.mark.parametrize("login_url", ["/django-admin/login/", "/cms-admin/login/"])
def test_the_admin_login_pages_share_the_same_lock(client, admin_user, password, login_url):
    for _ in range(3):
        failed = client.post(login_url, {"username": "admin", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
        assert failed.status_code == 200
    assert LoginFailure.objects.filter(username="admin").count() == 3
    locked = client.post(login_url, {"username": "admin", "password": password}, HTTP_ACCEPT_LANGUAGE="en")
    assert not locked.wsgi_request.user.is_authenticated
    assert "this account" in locked.content.decode()
    assert api_login(client, "admin", password).status_code == 429


@pytest.mark.parametrize("login_url", ["/django-admin/login/", "/cms-admin/login/"])
def test_an_admin_still_logs_in_to_the_admins(client, admin_user, password, login_url):
    response = client.post(login_url, {"username": "admin", "password": password})
    assert response.status_code == 302 and response.wsgi_request.user == admin_user
