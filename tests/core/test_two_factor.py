"""Two-factor for staff: the code asked after the password on every login path, and the setup admins owe."""

import secrets

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from interlab.core.models import LoginFailure, Role
from interlab.settings import dev, test
from tests.core.test_settings import run_manage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    counter = list(yield_hotp_counters_from_time())[len(list(yield_hotp_counters_from_time())) // 2]
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def admin_secret(admin_user):
    secret = generate_totp_secret()
    TOTP.activate(admin_user, secret)
    RecoveryCodes.activate(admin_user)
    return secret


def test_production_settings_require_two_factor_for_admins():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_ADMINS)",
        DJANGO_SETTINGS_MODULE="interlab.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stdout + result.stderr
    assert dev.MFA_REQUIRED_FOR_ADMINS is False and test.MFA_REQUIRED_FOR_ADMINS is False


def test_with_production_s_value_an_admin_without_an_authenticator_is_sent_to_set_one_up(
    client, admin_user, password, settings
):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    client.post("/login/", {"username": "admin", "password": password})
    for url in ("/app/", "/django-admin/", "/cms-admin/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/setup/"), url
    assert client.get("/account/two-factor/setup/").status_code == 200


def test_a_coach_is_not_forced_to_set_one_up(client, coach, password, settings):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    client.post("/login/", {"username": "coach", "password": password})
    assert client.get("/app/board/").status_code == 200


def test_a_coach_sets_up_an_authenticator_and_sees_recovery_codes(client, coach, password):
    client.post("/login/", {"username": "coach", "password": password})
    page = client.get("/account/two-factor/setup/")
    assert page.status_code == 200 and page.context["qr_code"].startswith("data:image/svg+xml;base64,")
    wrong = client.post("/account/two-factor/setup/", {"code": "000000"})
    assert wrong.status_code == 422 and not Authenticator.objects.filter(user=coach).exists()
    secret = page.context["secret"]
    done = client.post("/account/two-factor/setup/", {"code": current_code(secret)})
    assert done.status_code == 302 and done["Location"].startswith("/account/two-factor/recovery-codes/")
    assert set(Authenticator.objects.filter(user=coach).values_list("type", flat=True)) == {"totp", "recovery_codes"}
    codes = client.get(done["Location"]).context["codes"]
    assert len(codes) == 10
    assert client.get("/app/board/").status_code == 200  # the session that set it up is verified


def test_with_an_authenticator_the_login_asks_the_code(client, admin_user, password, admin_secret):
    response = client.post("/login/", {"username": "admin", "password": password})
    assert response.status_code == 302
    board = client.get("/app/board/")
    assert board.status_code == 302 and board["Location"].startswith("/account/two-factor/?next=")
    assert client.get("/account/two-factor/").status_code == 200
    done = client.post("/account/two-factor/", {"code": current_code(admin_secret), "next": "/app/board/"})
    assert done.status_code == 302 and done["Location"] == "/app/board/"
    assert client.get("/app/board/").status_code == 200


def test_a_wrong_code_is_refused_and_counts_towards_the_lockout(client, admin_user, password, admin_secret, settings):
    settings.LOGIN_LOCKOUT_FAILURES = 3
    client.post("/login/", {"username": "admin", "password": password})
    for _ in range(3):
        assert client.post("/account/two-factor/", {"code": "000000"}).status_code == 422
    assert LoginFailure.objects.filter(username="admin").count() == 3
    locked = client.post("/account/two-factor/", {"code": current_code(admin_secret)})
    assert locked.status_code == 422
    assert client.get("/app/board/").status_code == 302


def test_a_recovery_code_opens_the_session_once(client, admin_user, password, admin_secret):
    code = Authenticator.objects.get(user=admin_user, type="recovery_codes").wrap().get_unused_codes()[0]
    client.post("/login/", {"username": "admin", "password": password})
    assert client.post("/account/two-factor/", {"code": code}).status_code == 302
    client.post("/logout/")
    client.post("/login/", {"username": "admin", "password": password})
    assert client.post("/account/two-factor/", {"code": code}).status_code == 422


@pytest.mark.parametrize(
    ("login_url", "admin_url"), [("/django-admin/login/", "/django-admin/"), ("/cms-admin/login/", "/cms-admin/")]
)
def test_the_django_and_wagtail_admin_logins_ask_the_code_too(
    client, admin_user, password, admin_secret, login_url, admin_url
):
    client.post(login_url, {"username": "admin", "password": password})
    response = client.get(admin_url)
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/")
    client.post("/account/two-factor/", {"code": current_code(admin_secret)})
    assert client.get(admin_url).status_code == 200


def test_the_api_refuses_a_session_that_has_not_given_its_code(client, admin_user, password, admin_secret):
    client.post("/login/", {"username": "admin", "password": password})
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "two_factor_required"


def test_the_setup_page_is_for_staff_only(client, password):
    UserFactory(username="someone", role=Role.ENTREPRENEUR)
    client.post("/login/", {"username": "someone", "password": password})
    assert client.get("/account/two-factor/setup/").status_code == 403


def test_an_erasure_deletes_the_login_s_authenticators(admin_user, admin_secret):
    from interlab.core import personal_data
    from interlab.core.interfaces import Person

    personal_data.erase(Person(entrepreneur_id=0, entrepreneur=None, user=admin_user))
    assert not Authenticator.objects.filter(user=admin_user).exists()


def test_the_export_names_the_authenticators_but_never_their_keys(admin_user, admin_secret):
    from interlab.core import personal_data

    exported = personal_data.export(admin_user)["account"]["authenticators"]
    assert sorted(row["type"] for row in exported) == ["recovery_codes", "totp"]
    assert admin_secret not in str(exported)


def test_the_inventory_lists_allauth_s_tables_under_core():
    from interlab.core import inventory

    keys = {model["key"] for group in inventory.data_inventory() for model in group["models"]}
    assert {"mfa.Authenticator", "account.EmailAddress"} <= keys


def test_a_coach_without_an_authenticator_sees_a_banner_and_one_with_it_does_not(
    client, coach, admin_user, admin_secret
):
    client.force_login(coach)
    assert 'data-testid="two-factor-banner"' in client.get("/app/board/").content.decode()
    client.force_login(admin_user)
    session = client.session
    session["interlab_two_factor_verified"] = True
    session.save()
    assert 'data-testid="two-factor-banner"' not in client.get("/app/board/").content.decode()


def test_before_the_code_neither_the_recovery_codes_nor_the_setup_are_reachable(
    client, admin_user, password, admin_secret
):
    client.post("/login/", {"username": "admin", "password": password})
    for url in ("/account/two-factor/recovery-codes/", "/account/two-factor/setup/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/?next="), url


def test_an_api_token_for_an_account_with_two_factor_needs_its_code(client, admin_user, password, admin_secret):
    url = "/api/v1/auth/token"
    without = client.post(url, {"username": "admin", "password": password}, content_type="application/json")
    assert (without.status_code, without.json()["code"]) == (401, "two_factor_required")
    wrong = client.post(
        url, {"username": "admin", "password": password, "code": "000000"}, content_type="application/json"
    )
    assert (wrong.status_code, wrong.json()["code"]) == (401, "invalid_code")
    right = client.post(
        url,
        {"username": "admin", "password": password, "code": current_code(admin_secret)},
        content_type="application/json",
    )
    assert right.status_code == 200 and right.json()["token"]
