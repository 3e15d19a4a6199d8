"""Mentoring in a real browser: a coach runs the matching and publishes, the mentor accepts, both see the pair.

Elements are found by stable attributes (data-action, data-match, data-status), not by translated labels.
"""

import re

import pytest
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.mentoring.models import Match, MatchStatus
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.factories import PASSWORD, UserFactory
from tests.mentoring.factories import make_mentee, make_mentor

pytestmark = [pytest.mark.e2e, E2E_DB]


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_a_coach_runs_the_matching_publishes_and_the_mentor_accepts(page):
    coach = UserFactory(username="coach.mentoring", role=Role.COACH)
    mentor_user = UserFactory(username="pierre.mentor", first_name="Pierre", last_name="Renard", role=Role.MENTOR)
    mentee = make_mentee(first_name="Amina", last_name="Diallo", languages=("fr", "ar"), newcomer=True)
    mentor = make_mentor(user=mentor_user, languages=("fr",), expertise=("financing", "restauration"), capacity=2)

    log_in(page, coach)
    page.goto("/app/mentoring/runs/")
    page.locator("#run-form [name=seed]").fill("7")
    page.locator("#run-form [data-action=run]").click()
    expect(page).to_have_url(re.compile(r"/app/mentoring/runs/\d+/$"))
    match = Match.objects.get(mentee=mentee, mentor=mentor)
    row = page.locator(f'#review tr[data-match="{match.pk}"]')
    expect(row).to_have_attribute("data-status", "proposed")
    expect(row.locator(".reasons li").first).to_be_visible()
    expect(row.locator(".score")).to_have_text(str(round(match.score)))
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "mentoring-review.png"), full_page=True)
    page.locator("[data-action=publish-all]").click()
    expect(row).to_have_attribute("data-status", "offered")
    match.refresh_from_db()
    assert match.status == MatchStatus.OFFERED

    log_in(page, mentor_user)
    page.goto("/app/mentoring/inbox/")
    offer = page.locator(f'#offers article[data-match="{match.pk}"]')
    expect(offer).to_contain_text("Amina")
    expect(offer).not_to_contain_text("Diallo")  # no family name before accepting
    page.screenshot(path=str(SCREENS_DIR / "mentoring-inbox.png"), full_page=True)
    offer.locator("[data-action=accept]").click()
    pair = page.locator(f'#pairs article[data-match="{match.pk}"]')
    expect(pair).to_have_attribute("data-status", "active")
    expect(pair).to_contain_text("Amina Diallo")
    expect(page.locator(f'#offers article[data-match="{match.pk}"]')).to_have_count(0)

    log_in(page, coach)
    page.goto(f"/app/mentoring/runs/{match.run_id}/")
    expect(page.locator(f'#review tr[data-match="{match.pk}"]')).to_have_attribute("data-status", "active")
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE and match.accepted_at is not None


def test_the_review_table_fits_a_phone_right_to_left(page, live_server):
    coach = UserFactory(username="coach.rtl", role=Role.COACH)
    make_mentee(first_name="Samira", languages=("ar", "fr"))
    make_mentor(languages=("ar", "fr"), expertise=("financing", "admin"), capacity=2)
    log_in(page, coach)
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/app/mentoring/runs/")
    page.locator("#run-form [data-action=run]").click()
    expect(page).to_have_url(re.compile(r"/app/mentoring/runs/\d+/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#review tbody tr[data-match]")).to_have_count(1)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "mentoring-review-rtl-phone.png"), full_page=True)
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"


def test_the_matching_progress_bar_shows_only_once_the_run_is_asked_for(page):
    coach = UserFactory(username="coach.progress", role=Role.COACH)
    log_in(page, coach)
    page.goto("/app/mentoring/runs/")
    progress = page.locator("#run-form .run-progress")
    expect(progress).to_be_hidden()  # its display: flex must not override the hidden attribute
    page.evaluate("document.querySelector('#run-form .run-progress').hidden = false")
    expect(progress).to_be_visible()
