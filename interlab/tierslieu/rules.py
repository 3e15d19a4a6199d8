"""The rules a booking must respect, computed in one place for the booking service and the availability pages.

Times are aware datetimes; opening hours and the slot grid are read in the house's time zone
(Europe/Brussels), so that a 9:00 opening stays 9:00 on both sides of a daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Booking, Closure, MemberGroup, Space

# Dates outside this span are input errors: no booking window reaches them, and date arithmetic stays safe.
PAST_DAYS = 3 * 366
FUTURE_DAYS = 3 * 366

CHECKIN_BEFORE = timedelta(minutes=15)
CHECKIN_AFTER = timedelta(minutes=15)
MAX_OCCURRENCES = 100


def house_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local(dt: datetime) -> datetime:
    return dt.astimezone(house_tz())


def at(day: date, clock: time) -> datetime:
    """The aware instant of `clock` on `day` in the house's time zone."""
    return datetime.combine(day, clock, tzinfo=house_tz())


def day_in_range(day: date) -> bool:
    today = local(timezone.now()).date()
    return today - timedelta(days=PAST_DAYS) <= day <= today + timedelta(days=FUTURE_DAYS)


def check_day(day: date | None, field_name: str) -> None:
    """A ValidationError (HTTP 422) for a date too far from today to mean anything here."""
    from django.core.exceptions import ValidationError

    if day is not None and not day_in_range(day):
        today = local(timezone.now()).date()
        raise ValidationError(
            {
                field_name: [
                    _("Choose a date between %(first)s and %(last)s.")
                    % {
                        "first": (today - timedelta(days=PAST_DAYS)).isoformat(),
                        "last": (today + timedelta(days=FUTURE_DAYS)).isoformat(),
                    }
                ]
            }
        )


@dataclass(frozen=True)
class Rules:
    group: str
    window_days: int
    notice: timedelta
    weekly_quota: timedelta | None
    is_staff: bool
    can_book_for_others: bool = False


FALLBACK = {"window_days": 14, "notice_minutes": 120, "quota_hours": 4}


def rules_for(user, groups: Iterable[MemberGroup] | None = None) -> Rules:
    """The booking rules of the user's member group (the first, by order, that lists their role)."""
    role = getattr(user, "role", "")
    is_staff = bool(getattr(user, "is_staff_role", False))
    for group in groups if groups is not None else MemberGroup.objects.all():
        if role in (group.roles or []):
            return Rules(
                group=group.name,
                window_days=group.booking_window_days,
                notice=timedelta(minutes=group.min_notice_minutes),
                weekly_quota=timedelta(hours=group.weekly_quota_hours) if group.weekly_quota_hours else None,
                is_staff=is_staff,
                can_book_for_others=group.can_book_for_others,
            )
    return Rules(
        group="",
        window_days=FALLBACK["window_days"],
        notice=timedelta(minutes=0 if is_staff else FALLBACK["notice_minutes"]),
        weekly_quota=None if is_staff else timedelta(hours=FALLBACK["quota_hours"]),
        is_staff=is_staff,
        can_book_for_others=is_staff,
    )


@lru_cache(maxsize=16)
def _belgian_holidays(year: int) -> dict:
    return dict(holidays.country_holidays("BE", years=year, language="fr"))


def public_holiday(day: date) -> str | None:
    return _belgian_holidays(day.year).get(day)


@dataclass
class DayPlan:
    """What a space offers on one day: its opening intervals, or why it is closed."""

    space: Space
    day: date
    openings: list[tuple[datetime, datetime]] = field(default_factory=list)
    closed_because: str = ""


def day_plan(space: Space, day: date, closures: Iterable[Closure] | None = None) -> DayPlan:
    """Opening intervals of `space` on `day`, empty with a reason on a closure or a public holiday.

    `space.opening_hours` and `closures` should be prefetched by the caller when planning many days.
    """
    plan = DayPlan(space=space, day=day)
    if closures is None:
        closures = Closure.objects.filter(starts_on__lte=day, ends_on__gte=day)
    for closure in closures:
        if closure.starts_on <= day <= closure.ends_on and closure.space_id in (None, space.pk):
            plan.closed_because = closure.reason
            return plan
    if space.closed_on_public_holidays:
        holiday = public_holiday(day)
        if holiday:
            plan.closed_because = _("Public holiday: %(name)s") % {"name": holiday}
            return plan
    weekday = day.weekday()
    plan.openings = [
        (at(day, hours.opens), at(day, hours.closes)) for hours in space.opening_hours.all() if hours.weekday == weekday
    ]
    plan.openings.sort()
    if not plan.openings:
        plan.closed_because = _("Closed on this day of the week.")
    return plan


def next_opening(
    space: Space, moment: datetime, closures: Iterable[Closure], days: int = 62
) -> tuple[datetime, datetime] | None:
    """The first opening interval of `space` that ends after `moment` (it may have begun already), looking
    `days` ahead; None when the space does not open in that time. `closures` must cover those days."""
    closures = list(closures)
    first = local(moment).date()
    for offset in range(days + 1):
        for start, end in day_plan(space, first + timedelta(days=offset), closures).openings:
            if end > moment:
                return start, end
    return None


def reopening_text(opens: datetime | None, today: date, *, open_earlier_today: bool = False) -> str:
    """ "Closed today, opens Monday 08:30.": what a person reads on a day without booking time left."""
    from django.utils.formats import date_format

    if opens is None:
        return _("Closed today.")
    opens = local(opens)
    ahead = (opens.date() - today).days
    day = date_format(opens.date(), "l" if ahead < 7 else "l j F")
    values = {"day": day, "time": f"{opens:%H:%M}"}
    if open_earlier_today:
        return _("Closed for the rest of today, opens %(day)s %(time)s.") % values
    return _("Closed today, opens %(day)s %(time)s.") % values


def on_grid(space: Space, moment: datetime) -> bool:
    moment = local(moment)
    minutes = moment.hour * 60 + moment.minute
    return moment.second == 0 and moment.microsecond == 0 and minutes % space.slot_minutes == 0


def ceil_to_grid(space: Space, moment: datetime) -> datetime:
    """The first grid time at or after `moment` (in the house's time zone)."""
    moment = local(moment)
    base = moment.replace(second=0, microsecond=0)
    if base < moment:
        base += timedelta(minutes=1)
    minutes = base.hour * 60 + base.minute
    extra = (-minutes) % space.slot_minutes
    return base + timedelta(minutes=extra)


def merge(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(
    openings: list[tuple[datetime, datetime]], busy: list[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """Opening intervals minus busy intervals."""
    free = []
    busy = merge(busy)
    for start, end in openings:
        cursor = start
        for b_start, b_end in busy:
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                free.append((cursor, b_start))
            cursor = max(cursor, b_end)
            if cursor >= end:
                break
        if cursor < end:
            free.append((cursor, end))
    return free


def busy_intervals(space: Space, bookings: Iterable[Booking], seats: int = 1) -> list[tuple[datetime, datetime]]:
    """Where a new booking of `seats` may not lie, given the space's active bookings.

    Exclusive space: each booking blocks [start - buffer, end + buffer) for a new one (the new booking's
    own buffer must not reach the next start, and it must start after the previous buffer).
    Desk area: the intervals where fewer than `seats` seats remain.
    """
    bookings = list(bookings)
    if space.is_exclusive:
        buffer = space.buffer
        return [(b.start - buffer, b.blocks_until) for b in bookings]
    events = []
    for b in bookings:
        events.append((b.start, b.seats))
        events.append((b.blocks_until, -b.seats))
    events.sort(key=lambda e: (e[0], e[1]))
    busy, load, since = [], 0, None
    limit = space.capacity - seats
    for moment, delta in events:
        before = load
        load += delta
        if before <= limit < load:
            since = moment
        elif load <= limit < before and since is not None:
            if moment > since:
                busy.append((since, moment))
            since = None
    return busy


def peak_seats(bookings: Iterable[Booking], start: datetime, end: datetime) -> int:
    """The most seats taken at any instant of [start, end) by the given bookings."""
    events = []
    for b in bookings:
        s, e = max(b.start, start), min(b.blocks_until, end)
        if s < e:
            events.append((s, b.seats))
            events.append((e, -b.seats))
    events.sort(key=lambda e: (e[0], e[1]))
    load = peak = 0
    for _moment, delta in events:
        load += delta
        peak = max(peak, load)
    return peak


def week_bounds(moment: datetime) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, local, around `moment`."""
    day = local(moment).date()
    monday = day - timedelta(days=day.weekday())
    return at(monday, time(0)), at(monday + timedelta(days=7), time(0))


def now() -> datetime:
    return timezone.now()
