"""A mentor's way in, in a real browser: a local person offers to mentor on the public page, a coach approves the
application, the person sets a password from the invitation, and accepts the offer a coach made them."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.mentoring.models import Match, MatchStatus, MentorProfile
from tests.e2e.conftest import E2E_DB
from tests.factories import PASSWORD, UserFactory
from tests.mentoring.factories import make_mentee, make_offer

pytestmark = [pytest.mark.e2e, E2E_DB]
NEW_PASSWORD = "boulets à la liégeoise 1921"


@pytest.fixture(autouse=True)
def _worker_inline(monkeypatch):
    """Tasks run at once, in the request (django-q2 reads its settings at import: its Conf is patched)."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)


def context_for(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-BE")
    context.set_default_timeout(10_000)
    return context, context.new_page()


def test_a_mentor_signs_up_is_approved_sets_a_password_and_accepts_an_offer(browser, live_server):
    coach = UserFactory(username="coach.mentors", first_name="Claire", role=Role.COACH)

    # The person offers to mentor on the public page, linked from the login page.
    person_context, person = context_for(browser, live_server)
    person.goto("/login/")
    person.click('a[href="/app/mentoring/become-a-mentor/"]')
    person.fill("[name=first_name]", "Luc")
    person.fill("[name=last_name]", "Peeters")
    person.fill("[name=email]", "luc.e2e@example.org")
    person.check("[name=is_local][value=local]")
    person.check("[name=languages][value=fr]")
    person.fill("[name=expertise]", "comptabilité, commerce")
    person.fill("[name=capacity]", "1")
    person.locator("main form [type=submit]").last.click()
    expect(person.locator("main [role=status]")).to_contain_text("Merci")

    # The coach approves it: an invitation leaves by e-mail.
    coach_context, coach_page = context_for(browser, live_server)
    coach_page.goto("/login/")
    coach_page.fill("main form [name=username]", coach.username)
    coach_page.fill("main form [name=password]", PASSWORD)
    coach_page.click("main form [type=submit]")
    coach_page.goto("/app/mentoring/applications/")
    coach_page.click("[data-action=approve]")
    expect(coach_page.locator(".messages")).to_contain_text("luc.e2e@example.org")
    link = re.search(r"https?://\S+(/account/code/\S+/)", mail.outbox[-1].body)[1]

    # The person sets a password from the link: their mentor profile exists.
    person.goto(link)
    for name in ("password1", "password2"):
        person.fill(f"[data-password-form] [name={name}]", NEW_PASSWORD)
    person.click("[data-password-form] [type=submit]")
    profile = MentorProfile.objects.get(user__email="luc.e2e@example.org")

    # A coach offers them a mentee; the mentor accepts it in their inbox.
    match = make_offer(make_mentee(), profile, coach)
    person.goto("/app/mentoring/")
    person.click("[data-action=accept]")
    expect(person.locator(".messages")).to_be_visible()
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE and Match.objects.filter(mentor=profile).count() == 1
    person_context.close()
    coach_context.close()
