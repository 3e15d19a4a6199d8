"""The booking feeds as calendar apps read them: two parsers (icalendar, vobject) agree across the changes of
summer time, a changed booking comes with a higher SEQUENCE, cancelled ones leave a space's feed."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import translation

from interlab.tierslieu import ical, services
from interlab.tierslieu.models import Booking, BookingStatus

from .conftest import at, day, make_space

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def every_day(db):
    """A room open every day, public holidays too: Easter Sunday 2027 is the day summer time starts."""
    return make_space("Salle 7/7", "room", 4, closed_on_public_holidays=False)


def book(space, user, start, title="Banque", **extra):
    return services.book(by=user, space=space, start=start, end=start + timedelta(hours=1), title=title, **extra)


def events(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def the_event(body: bytes) -> icalendar.Event:
    [event] = events(body)
    return event


@pytest.mark.parametrize(
    ("moment", "utc_hour"),
    [
        (date(2027, 1, 12), 9),  # winter: +01:00
        (date(2027, 7, 13), 8),  # summer: +02:00
        (date(2027, 3, 27), 9),  # the Saturday before the last Sunday of March
        (date(2027, 3, 28), 8),  # the last Sunday of March, after 02:00
        (date(2027, 10, 30), 8),  # the Saturday before the last Sunday of October
        (date(2027, 10, 31), 9),  # the last Sunday of October, after 03:00
    ],
)
def test_both_parsers_read_10_00_in_brussels_at_the_same_utc_time(frozen, every_day, member, moment, utc_hour):
    frozen.move_to(at(moment - timedelta(days=3), 8))  # within the booking window
    book(every_day, member, at(moment, 10))
    body = ical.user_feed(member)
    expected = datetime.combine(moment, datetime.min.time(), tzinfo=UTC).replace(hour=utc_hour)
    assert the_event(body).decoded("DTSTART").astimezone(UTC) == expected
    assert vobject.readOne(body.decode()).vevent.dtstart.value.astimezone(UTC) == expected


def test_vobject_expands_a_weekly_series_across_the_march_change_at_10_00_local(frozen, every_day, member):
    frozen.move_to(at(date(2027, 3, 10), 8))
    book(every_day, member, at(date(2027, 3, 16), 10), recurrence={"frequency": "weekly", "count": 4})
    parsed = vobject.readOne(ical.user_feed(member).decode())
    starts = [moment.astimezone(UTC) for moment in parsed.vevent.getrruleset(addRDate=True)]
    assert [(s.day, s.hour) for s in starts] == [(16, 9), (23, 9), (30, 8), (6, 8)]


def test_the_feed_s_time_zone_has_yearly_rules_not_lists_of_dates(room, member):
    book(room, member, at(day(1), 10))
    [zone] = icalendar.Calendar.from_ical(ical.user_feed(member)).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Brussels"
    assert sorted(block.name for block in zone.subcomponents) == ["DAYLIGHT", "STANDARD"]
    assert all("RRULE" in block and "RDATE" not in block for block in zone.subcomponents)


def test_a_single_booking_s_calendar_name_keeps_its_commas_and_semicolons(client, room, member):
    title = "Banque, CPAS; rendez-vous"
    booking = book(room, member, at(day(1), 10), title=title).first
    client.force_login(member)
    body = client.get(reverse("tierslieu:booking_ics", args=[booking.pk])).content
    assert b"X-WR-CALNAME:Banque\\, CPAS\\; rendez-vous\r\n" in body
    assert vobject.readOne(body.decode()).x_wr_calname.value == title


def test_a_cancelled_booking_comes_back_with_a_higher_sequence_and_its_last_change(frozen, room, member):
    booking = book(room, member, at(day(1), 10)).first
    before = the_event(ical.user_feed(member))
    assert (int(before["SEQUENCE"]), before.decoded("LAST-MODIFIED")) == (0, at(day(0), 8))
    frozen.move_to(at(day(0), 9, 30))
    services.cancel(booking=booking, by=member)
    after = the_event(ical.user_feed(member))
    assert str(after["UID"]) == str(before["UID"])
    assert (int(after["SEQUENCE"]), after.decoded("LAST-MODIFIED")) == (1, at(day(0), 9, 30))


def test_an_approval_raises_the_sequence_of_the_tentative_event(workshop, member, coach):
    booking = book(workshop, member, at(day(1), 10)).first
    assert str(the_event(ical.user_feed(member))["STATUS"]) == "TENTATIVE"
    services.approve(booking=booking, by=coach)
    event = the_event(ical.user_feed(member))
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CONFIRMED", 1)


def test_a_no_show_released_by_the_housekeeping_raises_the_sequence(frozen, desks, member):
    desks.requires_checkin = True
    desks.save()
    book(desks, member, at(day(0), 9))
    frozen.move_to(at(day(0), 9, 30))
    services.release_no_shows()
    event = the_event(ical.user_feed(member))
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 1)


def test_cancelling_one_date_of_a_series_raises_the_series_sequence(room, member):
    result = book(room, member, at(day(1), 10), recurrence={"frequency": "weekly", "count": 3})
    assert int(the_event(ical.user_feed(member))["SEQUENCE"]) == 0
    services.cancel(booking=result.bookings[1], by=member)
    event = the_event(ical.user_feed(member))
    assert int(event["SEQUENCE"]) == 1 and "EXDATE" in event


def test_the_person_s_own_feed_keeps_a_cancelled_booking_marked_cancelled(room, member):
    booking = book(room, member, at(day(1), 10)).first
    services.cancel(booking=booking, by=member)
    with translation.override("en"):
        event = the_event(ical.user_feed(member))
    assert (str(event["STATUS"]), str(event["TRANSP"])) == ("CANCELLED", "TRANSPARENT")
    # Named so, for the apps that show a cancelled event as if it held.
    assert str(event["SUMMARY"]) == "Banque (cancelled)"


def test_a_space_feed_leaves_cancelled_bookings_out(room, member, other_member):
    kept = book(room, other_member, at(day(2), 10)).first
    cancelled = book(room, member, at(day(1), 10)).first
    services.cancel(booking=cancelled, by=member)
    whole = book(room, member, at(day(1), 14), recurrence={"frequency": "weekly", "count": 2})
    services.cancel(booking=whole.first, by=member, whole_series=True)
    with translation.override("en"):
        [event] = events(ical.space_feed(room))
    assert str(event["UID"]) == f"{kept.uid}@interlab"
    assert str(event["SUMMARY"]) == "Booked"


def test_a_space_feed_shows_a_series_without_its_cancelled_dates(room, member):
    result = book(room, member, at(day(1), 10), recurrence={"frequency": "weekly", "count": 3})
    services.cancel(booking=result.bookings[1], by=member)
    event = the_event(ical.space_feed(room))
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [d.dt.date() for d in event["EXDATE"].dts] == [day(8)]
    assert Booking.objects.filter(series=result.series, status=BookingStatus.CONFIRMED).count() == 2


def test_my_bookings_offers_the_address_to_copy_and_to_subscribe(client, member):
    client.force_login(member)
    html = client.get(reverse("tierslieu:my_bookings")).content.decode()
    feed = services.feed_for(user=member)
    path = reverse("ical:feed", args=[feed.token])
    assert f'value="http://testserver{path}"' in html
    assert f'href="webcal://testserver{path}"' in html
    assert 'data-copy="feed-url"' in html


def test_a_cancelled_booking_no_longer_offers_add_to_my_calendar(client, room, member):
    kept = book(room, member, at(day(1), 10)).first
    cancelled = book(room, member, at(day(1), 14)).first
    services.cancel(booking=cancelled, by=member)
    client.force_login(member)
    html = client.get(reverse("tierslieu:my_bookings")).content.decode()
    assert reverse("tierslieu:booking_ics", args=[kept.pk]) in html
    assert reverse("tierslieu:booking_ics", args=[cancelled.pk]) not in html


def test_the_reception_offers_each_space_s_address_to_copy_and_to_subscribe(client, room, coach):
    feed = services.feed_for(space=room)
    client.force_login(coach)
    html = client.get(reverse("tierslieu:reception")).content.decode()
    path = reverse("ical:feed", args=[feed.token])
    assert f'href="webcal://testserver{path}"' in html
    assert f'id="space-feed-{room.pk}"' in html and f'data-copy="space-feed-{room.pk}"' in html


def test_moving_a_date_out_of_a_series_raises_the_series_sequence_and_the_moved_one_s(room, member):
    result = book(room, member, at(day(1), 10), recurrence={"frequency": "weekly", "count": 3})
    second = result.bookings[1]
    services.cancel(booking=result.bookings[2], by=member)  # the series' occurrences now count 1 between them
    before = int(the_event(ical.user_feed(member))["SEQUENCE"])
    moved = services.booking_move(
        booking=second, by=member, start=second.start.replace(hour=14), end=second.end.replace(hour=15)
    )
    events = {
        str(e["UID"]).removesuffix("@interlab"): e
        for e in icalendar.Calendar.from_ical(ical.user_feed(member)).walk("VEVENT")
    }
    series_event = events[result.bookings[0].series.uid]
    assert int(series_event["SEQUENCE"]) > before
    assert int(events[moved.uid]["SEQUENCE"]) == 1
