"""Recurring series (every occurrence checked, clashes skipped or refused) and the iCal output."""

from datetime import date

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from interlab.core.errors import Conflict
from interlab.tierslieu import ical, services
from interlab.tierslieu.models import Booking, BookingStatus, Closure, Series

from .conftest import at, day, make_space

pytestmark = pytest.mark.usefixtures("frozen")


def weekly(space, user, count=None, until=None, frequency="weekly", on_conflict="fail", start=None):
    start = start or at(day(1), 10)
    return services.book(
        by=user,
        space=space,
        start=start,
        end=start.replace(hour=start.hour + 1),
        title="Permanence",
        recurrence={"frequency": frequency, "count": count, "until": until},
        on_conflict=on_conflict,
    )


def test_a_weekly_series_books_every_date_at_the_same_wall_clock_time(room, coach):
    # Across the end of daylight saving? Not in winter; across the year end instead, with a closure avoided.
    result = weekly(room, coach, count=4)
    starts = [b.start for b in result.bookings]
    assert [s.date() for s in starts] == [day(1), day(8), day(15), day(22)]
    assert {s.astimezone(at(day(1), 0).tzinfo).hour for s in starts} == {10}
    assert all(b.series == result.series for b in result.bookings)


def test_every_two_weeks_and_monthly(room, coach):
    assert [b.start.date() for b in weekly(room, coach, count=3, frequency="biweekly").bookings] == [
        day(1),
        day(15),
        day(29),
    ]
    every_day = make_space("Salle 7/7", "room", 4)
    monthly = weekly(every_day, coach, count=3, frequency="monthly", start=at(day(3), 14))
    assert [b.start.date() for b in monthly.bookings] == [date(2026, 11, 26), date(2026, 12, 26), date(2027, 1, 26)]


def test_monthly_on_the_31st_skips_short_months_as_calendars_do(db, coach):
    every_day = make_space("Salle 7/7", "room", 4, closed_on_public_holidays=False)
    start = at(date(2026, 12, 31), 10)
    monthly = weekly(every_day, coach, count=3, frequency="monthly", start=start)
    assert [b.start.date() for b in monthly.bookings] == [date(2026, 12, 31), date(2027, 1, 31), date(2027, 3, 31)]


def test_a_conflict_on_a_later_date_refuses_the_series_and_names_the_date(room, coach, member):
    services.book(by=member, space=room, start=at(day(15), 10), end=at(day(15), 11), title="Banque")
    with pytest.raises(Conflict) as caught:
        weekly(room, coach, count=4)
    assert caught.value.code == "series_conflict"
    [clash] = caught.value.extra["occurrences"]
    assert clash["start"].startswith("2026-12-08T10:00")
    assert clash["problems"][0]["rule"] == "overlap"
    assert Booking.objects.count() == 1 and not Series.objects.exists()


def test_skipping_the_clashes_books_the_others_and_remembers_the_skipped(room, coach, member):
    services.book(by=member, space=room, start=at(day(15), 10), end=at(day(15), 11), title="Banque")
    result = weekly(room, coach, count=4, on_conflict="skip")
    assert [b.start.date() for b in result.bookings] == [day(1), day(8), day(22)]
    assert len(result.skipped) == 1 and result.skipped[0]["start"].startswith("2026-12-08")
    assert result.series.skipped == [result.skipped[0]["start"]]


def test_until_a_date(room, coach):
    result = weekly(room, coach, until=day(22))
    assert len(result.bookings) == 4


def test_a_series_of_ten_thousand_dates_is_refused_before_anything_is_written(room, coach):
    with pytest.raises(ValidationError):
        weekly(room, coach, count=10_000)
    with pytest.raises(ValidationError):
        weekly(room, coach, until=date(2226, 1, 1))
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "recurrence",
    [
        {"frequency": "daily", "count": 3},
        {"frequency": "weekly"},
        {"frequency": "weekly", "count": 0},
        {"frequency": "weekly", "until": date(2026, 11, 1)},
    ],
)
def test_bad_recurrences_are_validation_errors(room, coach, recurrence):
    with pytest.raises(ValidationError):
        services.book(by=coach, space=room, start=at(day(1), 10), end=at(day(1), 11), title="x", recurrence=recurrence)


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def events(cal):
    return list(cal.walk("VEVENT"))


def test_the_feed_shows_a_series_as_one_event_with_its_rrule_and_exdates(room, coach, member):
    Closure.objects.create(space=room, starts_on=day(15), ends_on=day(15), reason="Travaux")
    result = weekly(room, member, count=5, on_conflict="skip")  # the 3rd date is closed: skipped
    services.cancel(booking=result.bookings[1], by=member)  # the 2nd is cancelled afterwards
    cal = parse(ical.user_feed(member))
    [event] = events(cal)
    rrule = event["RRULE"]
    assert rrule["FREQ"] == ["WEEKLY"] and rrule["COUNT"] == [5]
    exdates = sorted(
        d.dt
        for prop in ([event["EXDATE"]] if not isinstance(event["EXDATE"], list) else event["EXDATE"])
        for d in prop.dts
    )
    assert [d.date() for d in exdates] == [day(8), day(15)]
    assert all(d.hour == 10 and str(d.tzinfo) == "Europe/Brussels" for d in exdates)
    assert event["DTSTART"].dt == at(day(1), 10)
    assert event["DTEND"].dt == at(day(1), 11)
    assert str(event["SUMMARY"]) == "Permanence"
    assert str(event["STATUS"]) == "CONFIRMED"
    # The dates a calendar app computes are the dates that are booked.
    from dateutil.rrule import rrulestr

    computed = [d for d in rrulestr(event["RRULE"].to_ical().decode(), dtstart=event["DTSTART"].dt) if d not in exdates]
    booked = [b.start for b in Booking.objects.filter(series=result.series, status=BookingStatus.CONFIRMED)]
    assert computed == sorted(booked)
    assert cal.walk("VTIMEZONE"), "the feed carries its time zone"


def test_a_series_until_a_date_publishes_until_in_utc(room, coach):
    weekly(room, coach, until=day(22))
    [event] = events(parse(ical.user_feed(coach)))
    until = event["RRULE"]["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset().total_seconds() == 0


def test_cancelled_single_bookings_stay_in_the_feed_as_cancelled(room, member):
    booking = services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque").first
    services.cancel(booking=booking, by=member)
    [event] = events(parse(ical.user_feed(member)))
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]).startswith(booking.uid)


def test_the_space_feed_never_names_who_booked(room, member):
    services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Rendez-vous CPAS")
    body = ical.space_feed(room).decode()
    assert "CPAS" not in body and "Yasmine" not in body and "Benali" not in body
    assert len(events(parse(body.encode()))) == 1


def test_feeds_are_served_by_secret_token_and_revoked_ones_answer_404(client, room, member):
    services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque")
    feed = services.feed_for(user=member)
    url = reverse("ical:feed", args=[feed.token])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert len(events(parse(response.content))) == 1
    fresh = services.feed_renew(feed=feed, by=member)
    assert client.get(url).status_code == 404
    assert client.get(reverse("ical:feed", args=[fresh.token])).status_code == 200
    assert client.get("/ical/not-a-token.ics").status_code == 404
    assert len(feed.token) >= 40


def test_a_single_booking_downloads_as_ics(client, room, member, other_member):
    booking = services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque").first
    client.force_login(member)
    response = client.get(reverse("tierslieu:booking_ics", args=[booking.pk]))
    assert response.status_code == 200
    [event] = events(parse(response.content))
    assert event["DTSTART"].dt == at(day(1), 10)
    client.force_login(other_member)
    assert client.get(reverse("tierslieu:booking_ics", args=[booking.pk])).status_code == 404


def test_a_booking_whose_title_holds_a_new_line_still_downloads_as_ics(client, room, member):
    """The title names the calendar of a single booking (X-WR-CALNAME), a one-line property: it used to answer 500."""
    title = "Rendez-vous banque\nprendre le dossier"
    booking = services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title=title).first
    client.force_login(member)
    response = client.get(reverse("tierslieu:booking_ics", args=[booking.pk]))
    assert response.status_code == 200
    calendar = parse(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Rendez-vous banque prendre le dossier"
    [event] = events(calendar)
    assert str(event["SUMMARY"]) == title  # SUMMARY is text: its new line is escaped, and kept
