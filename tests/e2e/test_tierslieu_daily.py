"""Booking on a phone, the daily flows: a closed day, one date of a series, moving a booking, free
alternatives on a clash, the day grid across rooms.

The clock is moved (time-machine, ticking) to a known weekday of the coming weeks, so that the flows do not
depend on the day the suite runs. Elements are found by stable attributes, not by the translated labels.
"""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from playwright.sync_api import expect

from cms.models import TiersLieuPage
from interlab.core.models import Role
from interlab.tierslieu import rules, services
from interlab.tierslieu.models import Booking, OpeningHours, Space
from tests.cms import factories
from tests.e2e.axe import assert_no_serious_violations
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_public_site import content_types_cached_from_database, sequences_reset
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, E2E_DB]


def coming(weekday: int, hour: int, minute: int = 0) -> datetime:
    """The given weekday (0 Monday) of next week, at this time in Brussels."""
    today = rules.local(rules.now()).date()
    monday = today + timedelta(days=7 - today.weekday())
    return rules.at(monday + timedelta(days=weekday), time(hour, minute))


def make_room(name: str, capacity: int = 8, **extra) -> Space:
    space = Space.objects.create(name=name, kind="room", capacity=capacity, closed_on_public_holidays=False, **extra)
    for weekday in range(5):
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(8, 30), closes=time(18, 0))
    return space


@pytest.fixture
def room():
    return make_room("Salle Meuse", equipment=["projector"])


@pytest.fixture
def member():
    return UserFactory(username="yasmine.daily", first_name="Yasmine", last_name="Benali", role=Role.ENTREPRENEUR)


@pytest.fixture
def phone(browser, live_server):
    """A 390 px phone in French; JavaScript errors fail the test; confirmation dialogs are accepted."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-BE", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()
    assert not errors, errors


def log_in(page, user) -> None:
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def no_horizontal_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


def test_on_a_closed_saturday_booking_opens_on_monday_and_says_so(phone, room, member):
    saturday = coming(5, 10)
    monday = coming(7, 0).date()
    with time_machine.travel(saturday, tick=True):
        content_types_cached_from_database()
        sequences_reset()
        public = factories.add_page(factories.home(), TiersLieuPage, title="Le tiers-lieu")
        log_in(phone, member)

        phone.goto(f"/app/spaces/{room.pk}/")
        expect(phone.locator('[data-testid="closed-today"]')).to_contain_text("08:30")
        expect(phone.locator('.day-strip a[aria-current="date"]')).to_have_attribute("data-date", f"{monday:%Y-%m-%d}")
        first = rules.at(monday, time(8, 30))
        expect(phone.locator(f'[data-testid="free-starts"] a[data-start="{first.isoformat()}"]')).to_be_visible()
        assert_no_serious_violations(phone)

        phone.goto("/app/spaces/")
        expect(phone.locator(f'[data-space="{room.pk}"] [data-testid="closed-today"]')).to_contain_text("08:30")
        expect(phone.locator(".finder-form [name=start]")).to_have_value(f"{monday:%Y-%m-%d}")
        phone.locator(".finder-form [type=submit]").tap()
        expect(phone.locator('[data-testid="slots"] li').first).to_contain_text("08:30")
        no_horizontal_scroll(phone)

        phone.goto(public.url)
        expect(phone.locator('[data-section="spaces-today"] [data-testid="closed-today"]')).to_contain_text("08:30")


def test_one_date_of_a_weekly_series_is_cancelled_and_the_others_stay(phone, room, member):
    start = coming(1, 10)
    dates = services.book(
        by=member,
        space=room,
        start=start,
        end=start + timedelta(hours=1),
        title="Cours de néerlandais",
        recurrence={"frequency": "weekly", "count": 3},
    ).bookings
    log_in(phone, member)
    phone.goto("/app/spaces/my/")
    second = phone.locator(f'[data-testid="my-bookings"] [data-booking="{dates[1].pk}"]')
    expect(second.locator('[data-action="cancel-following"]')).to_be_visible()
    assert_no_serious_violations(phone)
    no_horizontal_scroll(phone)

    second.locator('[data-action="cancel"]').tap()
    expect(phone.locator(f'[data-booking="{dates[1].pk}"]')).to_have_attribute("data-status", "cancelled")
    for other in (dates[0], dates[2]):
        expect(phone.locator(f'[data-booking="{other.pk}"]')).to_have_attribute("data-status", "confirmed")
    assert [b.status for b in Booking.objects.order_by("start")] == ["confirmed", "cancelled", "confirmed"]
    # The page with a cancelled date among a series: its badge and its series label keep their contrast.
    phone.reload()
    expect(phone.locator(f'[data-booking="{dates[1].pk}"] .badge')).to_be_visible()
    assert_no_serious_violations(phone)


def test_a_booking_is_moved_in_one_step_from_my_bookings(phone, room, member):
    start = coming(1, 10)
    booking = services.book(by=member, space=room, start=start, end=start + timedelta(hours=1), title="Banque").first
    log_in(phone, member)
    phone.goto("/app/spaces/my/")
    phone.locator(f'[data-booking="{booking.pk}"] [data-action="move"]').tap()
    form = phone.locator('[data-testid="move-form"]')
    expect(form.locator("[name=start_time]")).to_have_value("10:00")
    assert_no_serious_violations(phone)
    no_horizontal_scroll(phone)
    form.locator("[name=start_time]").select_option("14:00")
    form.locator("[name=end_time]").select_option("15:00")
    form.locator("[name=confirm]").tap()
    expect(phone).to_have_url(re.compile(r"/app/spaces/my/$"))
    expect(phone.locator(f'[data-booking="{booking.pk}"]')).to_contain_text("14:00")
    moved = Booking.objects.get()
    assert (moved.pk, moved.start, moved.status) == (booking.pk, coming(1, 14), "confirmed")


def test_a_taken_time_proposes_free_alternatives_and_one_tap_books_it(phone, room, member):
    other = UserFactory(username="olek.daily", role=Role.ENTREPRENEUR)
    ten = coming(1, 10)
    services.book(by=other, space=room, start=ten, end=ten + timedelta(hours=1), title="Pris")
    similar = make_room("Salle Ourthe", capacity=6)
    log_in(phone, member)
    phone.goto(
        f"/app/spaces/{room.pk}/book/?start={ten.isoformat()}&end={(ten + timedelta(hours=1)).isoformat()}".replace(
            "+", "%2B"
        )
    )
    phone.locator('[data-testid="booking-form"] [name=title]').fill("Rendez-vous banque")
    phone.locator('[data-testid="booking-form"] [name=confirm]').tap()
    alternatives = phone.locator('[data-testid="alternatives"]')
    eleven = coming(1, 11)
    expect(alternatives.locator(f'[data-alternative="{room.pk}"][data-start="{eleven.isoformat()}"]')).to_be_visible()
    expect(alternatives.locator(f'[data-alternative="{similar.pk}"][data-start="{ten.isoformat()}"]')).to_be_visible()
    assert_no_serious_violations(phone)
    no_horizontal_scroll(phone)

    alternatives.locator(f'[data-alternative="{similar.pk}"]').tap()
    form = phone.locator('[data-testid="booking-form"]')
    expect(form.locator("[name=start_time]")).to_have_value("10:00")
    expect(form.locator("[name=title]")).to_have_value("Rendez-vous banque")
    form.locator("[name=confirm]").tap()
    expect(phone).to_have_url(re.compile(r"/app/spaces/my/$"))
    mine = Booking.objects.get(user=member)
    assert (mine.space, mine.start, mine.title) == (similar, ten, "Rendez-vous banque")


def test_the_day_grid_across_rooms_books_a_free_cell_on_a_small_phone(phone, room, member):
    other = UserFactory(username="olek.grid", role=Role.ENTREPRENEUR)
    second = make_room("Salle Ourthe", capacity=6)
    ten = coming(1, 10)
    services.book(by=other, space=second, start=ten, end=ten + timedelta(hours=1), title="Pris")
    phone.set_viewport_size({"width": 320, "height": 640})
    log_in(phone, member)
    phone.goto("/app/spaces/")
    phone.locator('[data-testid="day-grid-link"]').tap()
    expect(phone).to_have_url(re.compile(r"/app/spaces/grid/$"))
    phone.goto(f"/app/spaces/grid/?date={ten:%Y-%m-%d}")
    grid = phone.locator('[data-testid="day-grid"]')
    expect(grid.locator("thead th")).to_have_count(3)  # the time, then one column per room
    taken = grid.locator('tbody tr:has(time[datetime="10:00"]) td').nth(1)
    expect(taken).to_have_attribute("data-state", "booked")
    expect(taken).not_to_contain_text("Pris")
    assert_no_serious_violations(phone)
    no_horizontal_scroll(phone)

    grid.locator(f'a[data-space="{room.pk}"][data-start="{ten.isoformat()}"]').tap()
    form = phone.locator('[data-testid="booking-form"]')
    expect(form.locator("[name=start_time]")).to_have_value("10:00")
    expect(form.locator("[name=end_time]")).to_have_value("11:00")
    form.locator("[name=confirm]").tap()
    expect(phone).to_have_url(re.compile(r"/app/spaces/my/$"))
    mine = Booking.objects.get(user=member)
    assert (mine.space, mine.start) == (room, ten)

    phone.goto(f"/app/spaces/{room.pk}/week/?date={ten:%Y-%m-%d}")  # the week view keeps working
    expect(phone.locator(f'[data-testid="week"] [data-date="{ten:%Y-%m-%d}"] .taken')).to_have_count(1)
