"""An entrepreneur on a phone books a room for next Tuesday, finds it in "my bookings", cancels it.

Elements are found by stable attributes (data-space, data-date, data-start, data-booking), not by the
translated labels. axe-core checks the booking pages.
"""

import re
from datetime import time

import pytest
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.tierslieu import rules, services
from interlab.tierslieu.models import Booking, BookingStatus, OpeningHours, Space
from tests.e2e.axe import assert_no_serious_violations
from tests.e2e.conftest import E2E_DB
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, E2E_DB]


@pytest.fixture
def room():
    space = Space.objects.create(
        name="Salle Meuse",
        kind="room",
        capacity=8,
        equipment=["projector", "wifi"],
        description="Salle de réunion lumineuse au rez-de-chaussée.",
        accessibility="Rez-de-chaussée, porte de 90 cm.",
        closed_on_public_holidays=False,  # "next Tuesday" must be bookable whatever the date of the run
    )
    for weekday in range(5):
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(8, 30), closes=time(18, 0))
    return space


@pytest.fixture
def entrepreneur():
    return UserFactory(username="yasmine.e2e", first_name="Yasmine", last_name="Benali", role=Role.ENTREPRENEUR)


def test_an_entrepreneur_books_a_room_for_next_tuesday_on_a_phone_and_cancels_it(
    browser, live_server, room, entrepreneur
):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-BE", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto("/login/")
        page.fill("main form [name=username]", entrepreneur.username)
        page.fill("main form [name=password]", PASSWORD)
        page.click("main form [type=submit]")
        page.goto("/app/spaces/")
        assert_no_serious_violations(page)

        tuesday = services.next_weekday(1)
        # Tap 1: the room.
        page.locator(f'[data-space="{room.pk}"] a.space-link').tap()
        expect(page).to_have_url(re.compile(rf"/app/spaces/{room.pk}/$"))
        page.locator(f'.day-strip a[data-date="{tuesday:%Y-%m-%d}"]').tap()
        expect(page.locator('.day-strip a[aria-current="date"]')).to_have_attribute("data-date", f"{tuesday:%Y-%m-%d}")
        assert_no_serious_violations(page)
        # Tap 2: ten o'clock.
        ten = rules.at(tuesday, time(10, 0))
        page.locator(f'[data-testid="free-starts"] a[data-start="{ten.isoformat()}"]').tap()
        form = page.locator('[data-testid="booking-form"]')
        expect(form.locator("[name=start_time]")).to_have_value("10:00")
        assert_no_serious_violations(page)
        # Tap 3: book.
        form.locator("[name=confirm]").tap()
        expect(page).to_have_url(re.compile(r"/app/spaces/my/$"))
        booking = Booking.objects.get(user=entrepreneur)
        assert booking.start == ten and booking.status == BookingStatus.CONFIRMED
        card = page.locator(f'[data-testid="my-bookings"] [data-booking="{booking.pk}"]')
        expect(card).to_have_attribute("data-status", "confirmed")
        expect(card).to_contain_text("Salle Meuse")
        assert_no_serious_violations(page)

        card.locator('[data-action="cancel"]').tap()
        expect(page.locator(f'[data-booking="{booking.pk}"]')).to_have_attribute("data-status", "cancelled")
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CANCELLED
        # The slot is free again for others.
        page.goto(f"/app/spaces/{room.pk}/?date={tuesday:%Y-%m-%d}")
        expect(page.locator(f'[data-testid="free-starts"] a[data-start="{ten.isoformat()}"]')).to_be_visible()
        assert not errors, errors
    finally:
        context.close()


def test_the_booking_pages_read_right_to_left_in_arabic(page, room, entrepreneur):
    page.goto("/login/")
    page.fill("main form [name=username]", entrepreneur.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    page.goto(f"/app/spaces/{room.pk}/")
    page.select_option("#lang-select", "ar")
    with page.expect_navigation():
        page.get_by_test_id("lang-submit").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    strip = page.locator(".day-strip a").first.bounding_box()
    last = page.locator(".day-strip a").nth(1).bounding_box()
    assert last["x"] < strip["x"], "the days run from right to left"
    assert_no_serious_violations(page)
