"""A partner organisation in a real browser: log in, answer a referral; the coach then sees it on the timeline.

Elements are found by stable attributes (data-referral, form field names), not by translated labels.
"""

import re

import pytest
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.crm import services
from interlab.crm.models import Stage
from tests.e2e.conftest import E2E_DB
from tests.factories import PASSWORD, EntrepreneurFactory, PartnerFactory, UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]


def log_in(page, user, lands_on: str):
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    expect(page).to_have_url(re.compile(lands_on))


def test_a_partner_answers_a_referral_and_the_coach_sees_it_on_the_timeline(page):
    assert Stage.objects.filter(key="intake").exists(), "the migrated pipeline stages are missing"
    coach = UserFactory(username="coach.e2e", role=Role.COACH)
    partner_user = UserFactory(username="partner.e2e", role=Role.PARTNER)
    organisation = PartnerFactory(name="Microcrédit e2e", category="financing")
    organisation.users.add(partner_user)
    person = EntrepreneurFactory(first_name="Zeynep", last_name="Kaya")
    make_project(entrepreneur=person, coach=coach, title="Boulangerie")
    referral = services.referral_create(entrepreneur=person, partner=organisation, by=coach, purpose="Four à pain")
    note = "Premier rendez-vous fixé au 12."

    log_in(page, partner_user, r"/app/partner/$")
    page.locator(f'#pending [data-referral="{referral.pk}"] a').click()
    form = page.locator("main form[method=post]").last
    form.locator("[name=status][value=accepted]").check()
    form.locator("[name=note]").fill(note)
    form.locator("[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/app/partner/$"))
    expect(page.locator(f'#under-way [data-referral="{referral.pk}"]')).to_be_visible()

    page.context.clear_cookies()
    log_in(page, coach, r"/app/board/$")
    page.goto(f"/app/entrepreneurs/{person.pk}/")
    answer = page.locator(f'#timeline [data-referral-answer="{referral.pk}"]').locator("xpath=..")
    expect(answer).to_contain_text(note)
