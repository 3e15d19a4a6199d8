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

from interlab.core.forms import locked_out_message
from interlab.core.models import LoginFailure, Role
from interlab.core.services import LockedOut
from interlab.core.two_factor import InterLabMFAAdapter
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


# Managing one's own second factor: the setup page lists the authenticators; removing one or making new recovery
# codes asks the password (or a current code) first.


def verified(client, user):
    """A session that has passed its second step, as after the code page."""
    client.force_login(user)
    session = client.session
    session["interlab_two_factor_verified"] = True
    session.save()
    return client


def test_the_setup_page_lists_the_authenticators_with_their_last_use(client, admin_user, admin_secret):
    totp = Authenticator.objects.get(user=admin_user, type="totp")
    totp.record_usage()
    page = verified(client, admin_user).get("/account/two-factor/setup/")
    rows = {row.type: row for row in page.context["authenticators"]}
    assert set(rows) == {"totp", "recovery_codes"}
    assert rows["totp"].last_used_at == Authenticator.objects.get(pk=totp.pk).last_used_at
    assert rows["recovery_codes"].last_used_at is None and rows["recovery_codes"].codes_left == 10
    assert f'href="/account/two-factor/{totp.pk}/remove/"' in page.content.decode()


def test_recovery_codes_are_shown_once(client, admin_user, admin_secret):
    verified(client, admin_user)
    assert len(client.get("/account/two-factor/recovery-codes/").context["codes"]) == 10
    again = client.get("/account/two-factor/recovery-codes/")
    assert again.status_code == 200 and again.context["codes"] is None


def test_new_recovery_codes_kill_the_old_ones(client, admin_user, password, admin_secret):
    old = Authenticator.objects.get(user=admin_user, type="recovery_codes").wrap().get_unused_codes()
    verified(client, admin_user)
    done = client.post("/account/two-factor/recovery-codes/new/", {"password": password})
    assert done.status_code == 302 and done["Location"].startswith("/account/two-factor/recovery-codes/")
    new = client.get(done["Location"]).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/logout/")
    client.post("/login/", {"username": "admin", "password": password})
    assert client.post("/account/two-factor/", {"code": old[0]}).status_code == 422
    assert client.post("/account/two-factor/", {"code": new[0]}).status_code == 302


def test_new_recovery_codes_ask_the_password_first(client, admin_user, admin_secret):
    old = Authenticator.objects.get(user=admin_user, type="recovery_codes").wrap().get_unused_codes()
    verified(client, admin_user)
    assert client.post("/account/two-factor/recovery-codes/new/", {"password": "wrong"}).status_code == 422
    assert Authenticator.objects.get(user=admin_user, type="recovery_codes").wrap().get_unused_codes() == old


def test_turning_the_app_off_asks_the_password_or_a_code_first(client, admin_user, password, admin_secret):
    totp = Authenticator.objects.get(user=admin_user, type="totp")
    url = f"/account/two-factor/{totp.pk}/remove/"
    verified(client, admin_user)
    assert client.get(url).status_code == 200
    for answer in ({}, {"password": "wrong"}, {"code": "000000"}):
        assert client.post(url, answer).status_code == 422, answer
    assert Authenticator.objects.filter(pk=totp.pk).exists()
    assert LoginFailure.objects.filter(username="admin").count() == 3  # as many as failed logins would
    done = client.post(url, {"password": password})
    assert done.status_code == 302 and done["Location"] == "/account/two-factor/setup/"
    # Its last authenticator gone, the account's recovery codes went with it (allauth's clean-up).
    assert not Authenticator.objects.filter(user=admin_user).exists()
    assert not LoginFailure.objects.filter(username="admin").exists()


def test_a_current_code_also_turns_the_app_off(client, coach):
    secret = generate_totp_secret()
    totp = TOTP.activate(coach, secret).instance
    verified(client, coach)
    assert client.post(f"/account/two-factor/{totp.pk}/remove/", {"code": current_code(secret)}).status_code == 302
    assert not Authenticator.objects.filter(pk=totp.pk).exists()


def test_wrong_answers_on_the_removal_page_lead_to_the_lockout(client, coach, password, settings):
    settings.LOGIN_LOCKOUT_FAILURES = 2
    totp = TOTP.activate(coach, generate_totp_secret()).instance
    url = f"/account/two-factor/{totp.pk}/remove/"
    verified(client, coach)
    for _ in range(2):
        client.post(url, {"password": "wrong"})
    locked = client.post(url, {"password": password})
    expected = locked_out_message(LockedOut("account", settings.LOGIN_LOCKOUT_MINUTES))
    assert locked.status_code == 422 and locked.context["form"].non_field_errors() == [expected]
    assert Authenticator.objects.filter(pk=totp.pk).exists()


def test_an_admin_cannot_remove_the_last_factor_while_it_is_required(
    client, admin_user, password, admin_secret, settings
):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    totp = Authenticator.objects.get(user=admin_user, type="totp")
    url = f"/account/two-factor/{totp.pk}/remove/"
    verified(client, admin_user)
    page = client.get(url)
    assert page.status_code == 200 and 'name="password"' not in page.content.decode()
    assert page.context["refusal"] == str(InterLabMFAAdapter.error_messages["cannot_delete_authenticator"])
    refused = client.post(url, {"password": password})
    assert refused.status_code == 422 and Authenticator.objects.filter(pk=totp.pk).exists()
    assert not LoginFailure.objects.filter(username="admin").exists()  # refused before any password is checked


def test_a_coach_may_remove_the_last_factor_while_admins_must_keep_one(client, coach, password, settings):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    totp = TOTP.activate(coach, generate_totp_secret()).instance
    verified(client, coach)
    assert client.post(f"/account/two-factor/{totp.pk}/remove/", {"password": password}).status_code == 302
    assert not Authenticator.objects.filter(pk=totp.pk).exists()


def test_another_account_s_authenticator_is_not_found(client, coach, other_coach, password):
    theirs = TOTP.activate(other_coach, generate_totp_secret()).instance
    TOTP.activate(coach, generate_totp_secret())
    verified(client, coach)
    assert client.get(f"/account/two-factor/{theirs.pk}/remove/").status_code == 404
    assert client.post(f"/account/two-factor/{theirs.pk}/remove/", {"password": password}).status_code == 404
    assert Authenticator.objects.filter(pk=theirs.pk).exists()


def test_recovery_codes_are_not_removed_one_by_one(client, admin_user, password, admin_secret):
    codes = Authenticator.objects.get(user=admin_user, type="recovery_codes")
    verified(client, admin_user)
    assert client.post(f"/account/two-factor/{codes.pk}/remove/", {"password": password}).status_code == 404
