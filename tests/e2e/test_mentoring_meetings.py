"""A pair schedules a meeting in a real browser: the mentor proposes two times from the inbox, the mentee (on a
320 px wide phone) accepts the second one and downloads its .ics, which holds that time. axe-core checks the
meetings block on both sides, its forms open."""

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from interlab.core.models import Notification, Role
from interlab.mentoring import services
from interlab.mentoring.models import Meeting, MeetingStatus
from tests.e2e.axe import assert_no_serious_violations
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.factories import PASSWORD, UserFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_offer

pytestmark = [pytest.mark.e2e, E2E_DB]
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(autouse=True)
def _worker_inline(monkeypatch):
    """The notifications' tasks run at once (django-q2 read its settings when it was imported)."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)


def logged_in(browser, live_server, user, **options):
    context = browser.new_context(base_url=live_server.url, locale="fr-BE", **options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))
    return context, page


def test_the_mentor_proposes_two_times_the_mentee_accepts_one_and_downloads_the_ics(browser, live_server):
    coach = UserFactory(username="coach.meetings", role=Role.COACH)
    mentor_user = UserFactory(username="pierre.meetings", first_name="Pierre", role=Role.MENTOR)
    mentee_user = UserFactory(username="amina.meetings", first_name="Amina", role=Role.ENTREPRENEUR)
    mentor = make_mentor(user=mentor_user)
    match = make_offer(make_mentee(user=mentee_user, first_name="Amina"), mentor, coach)
    services.match_accept(match=match, by=mentor_user)
    first_day, second_day = (timezone.localdate() + timedelta(days=days) for days in (5, 8))

    # The mentor proposes two times, in person, from their inbox.
    mentor_context, mentor_page = logged_in(browser, live_server, mentor_user)
    mentor_page.goto("/app/mentoring/inbox/")
    pair = mentor_page.locator(f'#pairs article[data-match="{match.pk}"]')
    pair.locator("[data-action=propose-meeting-open]").click()
    form = pair.locator("form:has([data-action=propose-meeting])")
    form.locator("[name=date_1]").fill(first_day.isoformat())
    form.locator("[name=time_1]").fill("10:00")
    form.locator("[name=date_2]").fill(second_day.isoformat())
    form.locator("[name=time_2]").fill("14:30")
    form.locator("[name=minutes]").select_option("90")
    form.locator("[name=place]").fill("InterLab, salle du rez")
    assert_no_serious_violations(mentor_page, context=".meetings")
    form.locator("[data-action=propose-meeting]").click()
    expect(mentor_page.locator(".messages")).to_be_visible()
    meeting = Meeting.objects.get(match=match)
    expect(mentor_page.locator(f'.meeting.proposed[data-meeting="{meeting.pk}"]')).to_be_visible()
    assert Notification.objects.filter(user=mentee_user, kind="mentoring.meeting_proposed").exists()

    # The mentee, on a narrow phone, sees both times and picks the second one in one click.
    mentee_context, mentee_page = logged_in(browser, live_server, mentee_user, viewport={"width": 320, "height": 700})
    mentee_page.goto("/app/mentoring/mine/")
    proposal = mentee_page.locator(f'.meeting.to-answer[data-meeting="{meeting.pk}"]')
    choices = proposal.locator("[data-action=accept-meeting]")
    expect(choices).to_have_count(2)
    assert mentee_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    proposal.locator("[data-action=decline-meeting-open]").click()
    assert_no_serious_violations(mentee_page, context=".meetings")
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    mentee_page.screenshot(path=str(SCREENS_DIR / "mentoring-meeting-320.png"), full_page=True)
    choices.nth(1).click()
    expect(mentee_page.locator(".messages")).to_be_visible()
    fixed = mentee_page.locator(f'.meeting.fixed[data-meeting="{meeting.pk}"]')
    expect(fixed).to_have_attribute("data-status", "accepted")
    meeting.refresh_from_db()
    expected = datetime.combine(second_day, time(14, 30), tzinfo=BRUSSELS)
    assert (meeting.status, meeting.start) == (MeetingStatus.ACCEPTED, expected)

    # The .ics holds that time, under the meeting's UID.
    with mentee_page.expect_download() as download_info:
        fixed.locator("[data-action=ics]").click()
    calendar = icalendar.Calendar.from_ical(Path(download_info.value.path()).read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(UTC) == expected.astimezone(UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=90)
    assert (str(event["uid"]), str(event["status"]), str(event["location"])) == (
        f"{meeting.uid}@interlab",
        "CONFIRMED",
        "InterLab, salle du rez",
    )
    assert Notification.objects.filter(user=mentor_user, kind="mentoring.meeting_accepted").exists()
    mentee_context.close()
    mentor_context.close()
