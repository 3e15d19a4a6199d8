"""An entrepreneur on a 320 px phone copies the address of their calendar, or subscribes to it (webcal:); a
cancelled booking no longer offers "add to my calendar". Without JavaScript the address stays selectable text."""

from datetime import time, timedelta

import pytest
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.tierslieu import rules, services
from interlab.tierslieu.models import OpeningHours, Space
from tests.e2e.conftest import E2E_DB
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, E2E_DB]

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def entrepreneur():
    return UserFactory(username="yasmine.cal", first_name="Yasmine", last_name="Benali", role=Role.ENTREPRENEUR)


@pytest.fixture
def bookings(entrepreneur):
    """One booking kept, one cancelled, both next week."""
    room = Space.objects.create(name="Salle Meuse", kind="room", capacity=8, closed_on_public_holidays=False)
    for weekday in range(7):
        OpeningHours.objects.create(space=room, weekday=weekday, opens=time(8, 0), closes=time(20, 0))
    start = rules.at(rules.local(rules.now()).date() + timedelta(days=2), time(10, 0))
    kept = services.book(by=entrepreneur, space=room, start=start, end=start + timedelta(hours=1), title="Banque")
    later = start + timedelta(hours=3)
    cancelled = services.book(by=entrepreneur, space=room, start=later, end=later + timedelta(hours=1), title="CPAS")
    services.cancel(booking=cancelled.first, by=entrepreneur)
    return kept.first, cancelled.first


def _log_in(page, user):
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    page.wait_for_url("**/app/**")


def test_the_calendar_address_is_copied_with_a_status_and_offered_as_webcal(
    browser, live_server, entrepreneur, bookings
):
    kept, cancelled = bookings
    context = browser.new_context(
        base_url=live_server.url, locale="fr-BE", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        _log_in(page, entrepreneur)
        page.goto("/app/spaces/my/")
        field = page.locator('[data-testid="feed-url"]')
        address = field.input_value()
        assert address.startswith(live_server.url + "/ical/")

        box = page.locator('[data-testid="feed-url-box"]')
        copy = box.locator("button[data-copy]")
        status = box.locator("[data-copy-status]")
        expect(status).to_have_attribute("role", "status")
        expect(status).to_have_text("")
        copy.tap()
        expect(status).to_have_text(copy.get_attribute("data-copied"))
        assert page.evaluate("navigator.clipboard.readText()") == address

        subscribe = box.locator('a[data-action="subscribe"]')
        assert subscribe.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
        # Nothing of the address box runs off a 320 px screen.
        for part in (field, copy, subscribe):
            edge = part.bounding_box()
            assert edge["x"] >= 0 and edge["x"] + edge["width"] <= PHONE["width"]

        kept_card = page.locator(f'[data-booking="{kept.pk}"]')
        cancelled_card = page.locator(f'[data-booking="{cancelled.pk}"]')
        expect(kept_card.locator('[data-action="ics"]')).to_have_count(1)
        expect(cancelled_card).to_have_attribute("data-status", "cancelled")
        expect(cancelled_card.locator('[data-action="ics"]')).to_have_count(0)
        assert not errors, errors
    finally:
        context.close()


def test_without_javascript_the_address_stays_selectable_and_no_dead_copy_button_shows(
    browser, live_server, entrepreneur, bookings
):
    context = browser.new_context(base_url=live_server.url, locale="fr-BE", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        _log_in(page, entrepreneur)
        page.goto("/app/spaces/my/")
        field = page.locator('[data-testid="feed-url"]')
        expect(field).to_be_visible()
        expect(field).to_have_attribute("readonly", "")
        expect(page.locator('[data-testid="feed-url-box"] button[data-copy]')).to_be_hidden()
        expect(page.locator('[data-testid="feed-url-box"] a[data-action="subscribe"]')).to_be_visible()
    finally:
        context.close()
