"""Passkeys (allauth's WebAuthn) as a second factor for staff: added from the setup page, used at the second step,
removed with the password; a software passkey (tests/core/passkey.py) plays the browser's part."""

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.utils import translation

from interlab.core.models import LoginFailure
from tests.core.passkey import SoftPasskey
from tests.core.test_two_factor import verified

pytestmark = pytest.mark.django_db


def add_passkey(client, passkey: SoftPasskey, name: str = "Laptop"):
    """What the setup page and allauth's script do: the page's options, the browser's answer, posted back."""
    page = client.get("/account/two-factor/setup/")
    credential = passkey.create(page.context["passkey_options"]["creation_options"])
    return client.post("/account/two-factor/passkeys/add/", {"name": name, "credential": json.dumps(credential)})


def use_passkey(client, passkey: SoftPasskey, next_url: str = "/app/board/"):
    page = client.get("/account/two-factor/")
    credential = passkey.get(page.context["passkey_options"]["request_options"])
    return client.post("/account/two-factor/", {"credential": json.dumps(credential), "next": next_url})


@pytest.fixture
def coach_passkey(client, coach, password):
    """The coach's passkey, added from a session that then logs out."""
    passkey = SoftPasskey()
    client.post("/login/", {"username": "coach", "password": password})
    assert add_passkey(client, passkey).status_code == 302
    client.post("/logout/")
    return passkey


def test_a_coach_adds_a_named_passkey_and_is_shown_recovery_codes(client, coach, password):
    client.post("/login/", {"username": "coach", "password": password})
    done = add_passkey(client, SoftPasskey(), name="Work laptop")
    assert done.status_code == 302 and done["Location"].startswith("/account/two-factor/recovery-codes/")
    passkey = Authenticator.objects.get(user=coach, type="webauthn")
    assert passkey.wrap().name == "Work laptop"
    assert len(client.get(done["Location"]).context["codes"]) == 10
    assert client.get("/app/board/").status_code == 200  # the session that added it counts as verified


def test_an_unnamed_passkey_gets_a_name(client, coach, password):
    client.post("/login/", {"username": "coach", "password": password})
    add_passkey(client, SoftPasskey(), name="")
    with translation.override("fr"):  # the language of the coach's session
        expected = translation.gettext("Passkey %(number)d") % {"number": 1}
    assert Authenticator.objects.get(user=coach, type="webauthn").wrap().name == expected == "Clé d'accès 1"


def test_an_answer_to_no_challenge_adds_no_passkey(client, coach, password):
    """The browser's answer is checked against the challenge of the page: posted twice, the second is refused."""
    client.post("/login/", {"username": "coach", "password": password})
    page = client.get("/account/two-factor/setup/")
    credential = json.dumps(SoftPasskey().create(page.context["passkey_options"]["creation_options"]))
    assert client.post("/account/two-factor/passkeys/add/", {"credential": credential}).status_code == 302
    again = client.post("/account/two-factor/passkeys/add/", {"credential": credential})
    assert again.status_code == 422 and Authenticator.objects.filter(user=coach, type="webauthn").count() == 1


def test_a_passkey_made_for_another_site_is_refused(client, coach, password):
    client.post("/login/", {"username": "coach", "password": password})
    page = client.get("/account/two-factor/setup/")
    options = page.context["passkey_options"]["creation_options"]
    options["publicKey"]["rp"]["id"] = "evil.example"
    credential = SoftPasskey(rp_id="evil.example", origin="https://evil.example").create(options)
    response = client.post("/account/two-factor/passkeys/add/", {"credential": json.dumps(credential)})
    assert response.status_code == 422 and not Authenticator.objects.filter(user=coach).exists()


def test_the_passkey_passes_the_second_step_and_its_use_is_recorded(client, coach, password, coach_passkey):
    client.post("/login/", {"username": "coach", "password": password})
    assert client.get("/app/board/")["Location"].startswith("/account/two-factor/")
    done = use_passkey(client, coach_passkey)
    assert done.status_code == 302 and done["Location"] == "/app/board/"
    assert client.get("/app/board/").status_code == 200
    assert Authenticator.objects.get(user=coach, type="webauthn").last_used_at is not None


def test_a_passkey_the_account_does_not_have_is_refused_and_counts_towards_the_lockout(
    client, coach, password, coach_passkey
):
    client.post("/login/", {"username": "coach", "password": password})
    refused = use_passkey(client, SoftPasskey())
    assert refused.status_code == 422
    assert LoginFailure.objects.filter(username="coach").count() == 1
    assert client.get("/app/board/").status_code == 302


def test_another_account_s_passkey_does_not_open_this_one(client, coach, other_coach, password, coach_passkey):
    other = SoftPasskey()
    client.post("/login/", {"username": "coach2", "password": password})
    add_passkey(client, other)
    client.post("/logout/")
    client.post("/login/", {"username": "coach", "password": password})
    assert use_passkey(client, other).status_code == 422


def test_with_only_a_passkey_a_recovery_code_still_opens_the_session(client, coach, password, coach_passkey):
    code = Authenticator.objects.get(user=coach, type="recovery_codes").wrap().get_unused_codes()[0]
    client.post("/login/", {"username": "coach", "password": password})
    page = client.get("/account/two-factor/")
    assert page.context["has_totp"] is False
    assert client.post("/account/two-factor/", {"code": code}).status_code == 302


def test_a_passkey_alone_meets_the_admins_requirement(client, admin_user, password, settings):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    client.post("/login/", {"username": "admin", "password": password})
    assert client.get("/app/")["Location"].startswith("/account/two-factor/setup/")
    passkey = SoftPasskey()
    assert add_passkey(client, passkey).status_code == 302  # reachable before any other page
    client.post("/logout/")
    client.post("/login/", {"username": "admin", "password": password})
    assert use_passkey(client, passkey, next_url="/app/").status_code == 302
    assert client.get("/app/board/").status_code == 200


def test_an_admin_who_has_a_passkey_may_turn_the_app_off_and_not_the_passkey_after(
    client, admin_user, password, settings
):
    settings.MFA_REQUIRED_FOR_ADMINS = True
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    totp = TOTP.activate(admin_user, generate_totp_secret()).instance
    verified(client, admin_user)
    add_passkey(client, SoftPasskey())
    passkey = Authenticator.objects.get(user=admin_user, type="webauthn")
    assert client.post(f"/account/two-factor/{totp.pk}/remove/", {"password": password}).status_code == 302
    assert client.post(f"/account/two-factor/{passkey.pk}/remove/", {"password": password}).status_code == 422
    assert set(Authenticator.objects.filter(user=admin_user).values_list("type", flat=True)) == {
        "webauthn",
        "recovery_codes",
    }


def test_a_coach_removes_a_passkey_after_giving_the_password(client, coach, password, coach_passkey):
    passkey = Authenticator.objects.get(user=coach, type="webauthn")
    verified(client, coach)
    url = f"/account/two-factor/{passkey.pk}/remove/"
    assert client.post(url, {}).status_code == 422 and Authenticator.objects.filter(pk=passkey.pk).exists()
    assert client.post(url, {"password": password}).status_code == 302
    assert not Authenticator.objects.filter(user=coach).exists()  # its recovery codes went with the last one


def test_the_pages_load_allauth_s_script_as_files_and_no_inline_script(client, coach, password, coach_passkey):
    client.post("/login/", {"username": "coach", "password": password})
    second_step = client.get("/account/two-factor/").content.decode()
    use_passkey(client, coach_passkey)
    setup = client.get("/account/two-factor/setup/").content.decode()
    for html in (second_step, setup):
        sources = set(re.findall(r'<script src="([^"]+)"', html))
        assert {"/static/mfa/js/webauthn-json.js", "/static/mfa/js/webauthn.js", "/static/js/passkeys.js"} <= sources
        # Every other <script> is data (the passkey options), which the Content-Security-Policy does not run.
        others = re.findall(r"<script(?! src=)([^>]*)>", html)
        assert others and all('type="application/json"' in attrs for attrs in others), others
