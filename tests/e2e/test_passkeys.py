"""A passkey in a real browser: a coach adds one on the setup page, logs out, logs in with the password and passes
the second step with it. Chromium's virtual authenticator (DevTools protocol) stands in for the phone or the
fingerprint reader; the live server is on http://localhost, which browsers and fido2 treat as a secure origin."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from interlab.core.models import Role
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_csp import violations  # noqa: F401 - the CSP violations the browser reports
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, E2E_DB]


def log_in(page, username):
    page.goto("/login/")
    page.fill("main form [name=username]", username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")


def virtual_authenticator(page) -> tuple:
    """A platform authenticator that says yes at once (user present and verified), for this page only."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def test_a_coach_adds_a_passkey_then_passes_the_second_step_with_it(page, live_server, violations):  # noqa: F811
    assert live_server.url.startswith("http://localhost:"), live_server.url
    coach = UserFactory(username="coach.passkey", first_name="Claire", last_name="Coach", role=Role.COACH)
    cdp, authenticator_id = virtual_authenticator(page)

    log_in(page, coach.username)
    expect(page).to_have_url(re.compile(r"/app/board/$"))
    page.goto("/account/two-factor/setup/")
    page.fill("[data-testid=passkey-add] [name=name]", "Ordinateur du bureau")
    page.click("#passkey-add-button")
    expect(page).to_have_url(re.compile(r"/account/two-factor/recovery-codes/"))
    expect(page.locator("[data-testid=recovery-codes] li")).to_have_count(10)
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]) == 1
    assert Authenticator.objects.get(user=coach, type="webauthn").wrap().name == "Ordinateur du bureau"

    page.goto("/account/two-factor/setup/")
    expect(page.locator("[data-testid=authenticators] [data-type=webauthn]")).to_contain_text("Ordinateur du bureau")
    page.click("header form[action='/logout/'] button")
    expect(page).to_have_url(re.compile(r"/login/"))

    log_in(page, coach.username)
    expect(page).to_have_url(re.compile(r"/account/two-factor/\?next="))
    page.click("#passkey-authenticate-button")
    expect(page).to_have_url(re.compile(r"/app/board/$"))
    assert Authenticator.objects.get(user=coach, type="webauthn").last_used_at is not None
    assert not violations, violations
