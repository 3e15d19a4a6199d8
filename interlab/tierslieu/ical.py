"""iCal (RFC 5545) output: a person's bookings, a space's bookings, a single booking.

A series is one event with its RRULE and an EXDATE for every date skipped at booking time or cancelled
since. Every event carries SEQUENCE and LAST-MODIFIED, so that a calendar that subscribed or imported it
takes a change. A person's own feed keeps their cancelled bookings, marked CANCELLED and named so for the
apps that ignore the status; a space's feed leaves them out and never names who booked. Time zones are
written with their yearly rules (interlab.core.ical).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from interlab.core.ical import add_timezones, set_name

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
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    set_name(cal, name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _event(
    uid: str,
    start: datetime,
    end: datetime,
    summary: str,
    location: str,
    status: str,
    *,
    sequence: int,
    modified: datetime,
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@interlab")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("last-modified", modified.astimezone(UTC))
    event.add("sequence", sequence)
    event.add("dtstart", rules.local(start))
    event.add("dtend", rules.local(end))
    event.add("summary", summary)
    event.add("location", location)
    event.add("status", status)
    if status == "CANCELLED":
        event.add("transp", "TRANSPARENT")  # busy no more, in the apps that show it all the same
    return event


def _status(booking: Booking) -> str:
    if booking.status in (BookingStatus.PENDING, BookingStatus.HELD):
        return "TENTATIVE"
    if booking.status in ACTIVE_STATUSES:
        return "CONFIRMED"
    return "CANCELLED"


def _summary(title: str, booking: Booking) -> str:
    """The title, and the status when the booking no longer holds: many apps ignore STATUS:CANCELLED."""
    if booking.is_active:
        return title
    return _("%(title)s (%(status)s)") % {"title": title, "status": booking.get_status_display()}


def _series_event(series: Series, occurrences: list[Booking], title: str, location: str) -> icalendar.Event:
    active = [b for b in occurrences if b.status in ACTIVE_STATUSES]
    status = "CONFIRMED" if active else "CANCELLED"
    if active and all(b.status in (BookingStatus.PENDING, BookingStatus.HELD) for b in active):
        status = "TENTATIVE"
    summary = title if active else _summary(title, occurrences[-1])
    event = _event(
        series.uid,
        series.first_start,
        series.first_end,
        summary,
        location,
        status,
        # Each change of an occurrence raises its own SEQUENCE, so their sum rises with every change of the series;
        # an occurrence moved out of it leaves its count, plus one, in the series' own.
        sequence=series.sequence + sum(b.sequence for b in occurrences),
        modified=max(
            [
                series.created_at,
                *([series.updated_at] if series.updated_at else []),
                *(b.updated_at for b in occurrences),
            ]
        ),
    )
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


def _booking_event(booking: Booking, title: str) -> icalendar.Event:
    return _event(
        booking.uid,
        booking.start,
        booking.end,
        _summary(title, booking),
        booking.space.name,
        _status(booking),
        sequence=booking.sequence,
        modified=booking.updated_at,
    )


def _bookings_calendar(name: str, bookings: list[Booking], *, for_space: bool) -> bytes:
    """A person's feed (titles, cancelled bookings marked) or a space's (no titles, only what holds)."""
    cal = _calendar(name)
    by_series: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        if booking.series_id:
            by_series[booking.series_id].append(booking)
        elif booking.is_active or not for_space:
            cal.add_component(_booking_event(booking, _("Booked") if for_space else booking.title))
    for occurrences in by_series.values():
        series = occurrences[0].series
        if for_space and not any(b.is_active for b in occurrences):
            continue
        label = _("Booked") if for_space else series.title
        cal.add_component(_series_event(series, occurrences, label, series.space.name))
    add_timezones(cal)
    return cal.to_ical()


def _feed_bookings(**filters) -> list[Booking]:
    since = timezone.now() - FEED_PAST
    qs = Booking.objects.filter(**filters).exclude(status=BookingStatus.EXPIRED).select_related("space", "series")
    # A series is published whole (its RRULE), so all its occurrences are read, however old.
    recent = qs.filter(end__gte=since)
    series_ids = {b.series_id for b in recent if b.series_id}
    return list((recent | qs.filter(series_id__in=series_ids)).distinct().order_by("start"))


def webcal(url: str) -> str:
    """The feed's address as a link that opens the calendar app to subscribe (webcal:, the same address)."""
    scheme, sep, rest = url.partition("://")
    return f"webcal://{rest}" if sep and scheme in ("http", "https") else url


def user_feed(user) -> bytes:
    return _bookings_calendar(_("My bookings · InterLab"), _feed_bookings(user=user), for_space=False)


def space_feed(space) -> bytes:
    return _bookings_calendar(f"{space.name} · InterLab", _feed_bookings(space=space), for_space=True)


def single_booking(booking: Booking) -> bytes:
    cal = _calendar(booking.title)
    cal.add_component(_booking_event(booking, booking.title))
    add_timezones(cal)
    return cal.to_ical()
