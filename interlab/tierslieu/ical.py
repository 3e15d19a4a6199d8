"""iCal (RFC 5545) output: a person's bookings, a space's bookings, a single booking.

A series is one event with its RRULE and an EXDATE for every date skipped at booking time or
cancelled since; a cancelled booking outside a series stays in the feed with STATUS:CANCELLED so that
calendar apps remove it. A space's feed never names who booked.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .models import ACTIVE_STATUSES, Booking, BookingStatus, Frequency, Series

PRODID = "-//InterLab//Tiers-lieu//FR"
FEED_PAST = timedelta(days=90)

RRULE = {
    Frequency.WEEKLY: {"freq": "weekly"},
    Frequency.BIWEEKLY: {"freq": "weekly", "interval": 2},
    Frequency.MONTHLY: {"freq": "monthly"},
}


def _calendar(name: str) -> icalendar.Calendar:
    """A calendar named `name` on one line: X-WR-CALNAME is not text that may hold an escaped new line, and a
    booking's title (the name of its own calendar) may hold one."""
    name = " ".join(str(name).split())
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _event(uid: str, start: datetime, end: datetime, summary: str, location: str, status: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@interlab")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", rules.local(start))
    event.add("dtend", rules.local(end))
    event.add("summary", summary)
    event.add("location", location)
    event.add("status", status)
    return event


def _status(booking: Booking) -> str:
    if booking.status in (BookingStatus.PENDING, BookingStatus.HELD):
        return "TENTATIVE"
    if booking.status in ACTIVE_STATUSES:
        return "CONFIRMED"
    return "CANCELLED"


def _series_event(series: Series, occurrences: list[Booking], summary, location) -> icalendar.Event:
    active = [b for b in occurrences if b.status in ACTIVE_STATUSES]
    status = "CONFIRMED" if active else "CANCELLED"
    if active and all(b.status in (BookingStatus.PENDING, BookingStatus.HELD) for b in active):
        status = "TENTATIVE"
    event = _event(series.uid, series.first_start, series.first_end, summary, location, status)
    rule = dict(RRULE[series.frequency])
    if series.count:
        rule["count"] = series.count
    elif series.until:
        last = datetime.combine(series.until, time(23, 59, 59), tzinfo=rules.house_tz())
        rule["until"] = last.astimezone(UTC)
    event.add("rrule", rule)
    excluded = [datetime.fromisoformat(start) for start in series.skipped or []]
    excluded += [b.start for b in occurrences if b.status not in ACTIVE_STATUSES]
    if excluded:
        event.add("exdate", sorted(rules.local(moment) for moment in excluded))
    return event


def _bookings_calendar(name: str, bookings: list[Booking], *, anonymous: bool) -> bytes:
    cal = _calendar(name)
    by_series: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        label = _("Booked") if anonymous else booking.title
        location = booking.space.name
        if booking.series_id:
            by_series[booking.series_id].append(booking)
            continue
        cal.add_component(_event(booking.uid, booking.start, booking.end, label, location, _status(booking)))
    for occurrences in by_series.values():
        series = occurrences[0].series
        label = _("Booked") if anonymous else series.title
        cal.add_component(_series_event(series, occurrences, label, series.space.name))
    cal.add_missing_timezones()
    return cal.to_ical()


def _feed_bookings(**filters) -> list[Booking]:
    since = timezone.now() - FEED_PAST
    qs = Booking.objects.filter(**filters).exclude(status=BookingStatus.EXPIRED).select_related("space", "series")
    # A series is published whole (its RRULE), so all its occurrences are read, however old.
    recent = qs.filter(end__gte=since)
    series_ids = {b.series_id for b in recent if b.series_id}
    return list((recent | qs.filter(series_id__in=series_ids)).distinct().order_by("start"))


def user_feed(user) -> bytes:
    return _bookings_calendar(_("My bookings · InterLab"), _feed_bookings(user=user), anonymous=False)


def space_feed(space) -> bytes:
    return _bookings_calendar(f"{space.name} · InterLab", _feed_bookings(space=space), anonymous=True)


def single_booking(booking: Booking) -> bytes:
    cal = _calendar(booking.title)
    cal.add_component(
        _event(booking.uid, booking.start, booking.end, booking.title, booking.space.name, _status(booking))
    )
    cal.add_missing_timezones()
    return cal.to_ical()
