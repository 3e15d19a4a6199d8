"""Read-side queries of the tiers-lieu: availability, free slots, calendars, occupancy.

Each function runs a fixed number of queries whatever the number of bookings: the bookings of the
period are read once, with the index on (space, start), and the free time is computed in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Prefetch, Q, Sum
from django.db.models.functions import TruncDate
from django.http import Http404

from interlab.core.models import Role, User

from . import rules
from .models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    Closure,
    MemberCard,
    MemberGroup,
    OpeningHours,
    Space,
    SpaceKind,
    WaitlistEntry,
    WaitlistStatus,
)
from .rules import at

# A booking never spans two days, so the bookings that may touch a day started at most a day before.
LOOKBACK = timedelta(days=1)
# How far ahead "opens Monday 08:30" is looked for (a summer closure may last several weeks).
REOPENING_DAYS = 62


def spaces(*, kind: str | None = None, active_only: bool = True):
    qs = Space.objects.prefetch_related(Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday")))
    if active_only:
        qs = qs.filter(is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def space_get(space_id: int) -> Space:
    space = spaces().filter(pk=space_id).first()
    if space is None:
        raise Http404("No such space.")
    return space


def _closures(first: date, last: date) -> list[Closure]:
    return list(Closure.objects.filter(starts_on__lte=last, ends_on__gte=first))


def _active_bookings(space_ids, start: datetime, end: datetime, ignore: int | None = None) -> dict[int, list[Booking]]:
    by_space: dict[int, list[Booking]] = defaultdict(list)
    rows = (
        Booking.objects.filter(
            space_id__in=list(space_ids),
            status__in=ACTIVE_STATUSES,
            start__lt=end,
            start__gte=start - LOOKBACK,
            blocks_until__gt=start,
        )
        .exclude(pk=ignore)
        .only("id", "space_id", "start", "end", "blocks_until", "seats", "status", "user_id")
        .order_by()
    )
    for booking in rows:
        by_space[booking.space_id].append(booking)
    return by_space


def _floor_to_grid(space: Space, moment: datetime) -> datetime:
    moment = rules.local(moment).replace(second=0, microsecond=0)
    minutes = moment.hour * 60 + moment.minute
    return moment - timedelta(minutes=minutes % space.slot_minutes)


def free_intervals(
    space: Space,
    day: date,
    bookings: list[Booking],
    *,
    user_rules: rules.Rules,
    now: datetime,
    closures: list[Closure],
    seats: int = 1,
    length: timedelta | None = None,
    quota_left: timedelta | None = None,
) -> list[tuple[datetime, datetime]]:
    """Free periods of a space on a day in which a booking of `length` (the space's minimum) fits.

    `quota_left`: what remains of the person's weekly quota that week (None: no quota); a day whose week
    has less left than `length` offers nothing, as booking would refuse it.
    """
    length = length or timedelta(minutes=space.min_minutes)
    if quota_left is not None and quota_left < length:
        return []
    horizon = rules.local(now).date() + timedelta(days=user_rules.window_days)
    if day > horizon:
        return []
    plan = rules.day_plan(space, day, closures)
    if plan.closed_because:
        return []
    earliest = now if user_rules.is_staff else now + user_rules.notice
    free = []
    for start, end in rules.subtract(plan.openings, rules.busy_intervals(space, bookings, seats)):
        start = rules.ceil_to_grid(space, max(start, earliest))
        end = _floor_to_grid(space, end)
        if end - start >= length:
            free.append((start, end))
    return free


@dataclass
class Reopening:
    """Where a space stands today: `day` is the first day with opening time still ahead (today when it
    has some), `opens` when that time begins, `notice` the sentence to show when it is not today."""

    day: date
    opens: datetime | None
    notice: str = ""


def reopenings(space_list, now: datetime | None = None) -> dict[int, Reopening]:
    """Per space (id), when it is next open: booking pages open on that day rather than on a closed today."""
    now = now or rules.now()
    today = rules.local(now).date()
    closures = _closures(today, today + timedelta(days=REOPENING_DAYS))
    found: dict[int, Reopening] = {}
    for space in space_list:
        opening = rules.next_opening(space, now, closures, REOPENING_DAYS)
        if opening is None:
            found[space.pk] = Reopening(day=today, opens=None, notice=rules.reopening_text(None, today))
            continue
        opens = opening[0]
        day = rules.local(opens).date()
        notice = ""
        if day != today:
            earlier = bool(rules.day_plan(space, today, closures).openings)
            notice = rules.reopening_text(opens, today, open_earlier_today=earlier)
        found[space.pk] = Reopening(day=day, opens=opens, notice=notice)
    return found


def next_open_day(space_list=None, now: datetime | None = None) -> date:
    """The first day on which one of the spaces (all open ones by default) has opening time ahead."""
    now = now or rules.now()
    found = reopenings(list(spaces()) if space_list is None else space_list, now)
    days = [r.day for r in found.values() if r.opens is not None]
    return min(days) if days else rules.local(now).date()


@dataclass
class DayAvailability:
    space: Space
    day: date
    free: list[tuple[datetime, datetime]]
    closed_because: str


def quota_left_by_week(user, user_rules: rules.Rules, first_day: date, last_day: date) -> dict[date, timedelta] | None:
    """What remains of the weekly quota, per week (keyed by its Monday), between two days; None: no quota."""
    if user_rules.weekly_quota is None:
        return None
    first_monday = first_day - timedelta(days=first_day.weekday())
    start = rules.at(first_monday, time(0))
    end = rules.at(last_day + timedelta(days=7 - last_day.weekday()), time(0))
    left: dict[date, timedelta] = defaultdict(lambda: user_rules.weekly_quota)
    rows = Booking.objects.filter(user=user, status__in=ACTIVE_STATUSES, start__gte=start, start__lt=end).values_list(
        "start", "end"
    )
    for b_start, b_end in rows:
        day = rules.local(b_start).date()
        monday = day - timedelta(days=day.weekday())
        left[monday] = left[monday] - (b_end - b_start)
    return left


def _quota_for_day(left: dict[date, timedelta] | None, day: date) -> timedelta | None:
    if left is None:
        return None
    return left[day - timedelta(days=day.weekday())]


def availability(space: Space, day: date, user) -> DayAvailability:
    """The free intervals of one space on one day, for this user's rules (notice, window, quota)."""
    start, end = rules.at(day, time(0)), rules.at(day + timedelta(days=1), time(0))
    bookings = _active_bookings([space.pk], start, end).get(space.pk, [])
    closures = _closures(day, day)
    user_rules = rules.rules_for(user)
    left = quota_left_by_week(user, user_rules, day, day)
    free = free_intervals(
        space,
        day,
        bookings,
        user_rules=user_rules,
        now=rules.now(),
        closures=closures,
        quota_left=_quota_for_day(left, day),
    )
    plan = rules.day_plan(space, day, closures)
    return DayAvailability(space=space, day=day, free=free, closed_because=plan.closed_because)


@dataclass
class Slot:
    space: Space
    start: datetime
    end: datetime
    spare: int

    def as_dict(self) -> dict:
        return {"space": self.space.pk, "start": self.start, "end": self.end}


def find_slots(
    user,
    *,
    first_day: date,
    last_day: date,
    duration: timedelta,
    people: int = 1,
    equipment: list[str] | None = None,
    kind: str | None = None,
    step: timedelta | None = None,
    ignore: int | None = None,
) -> list[Slot]:
    """Free slots of `duration` for `people` with `equipment`, across spaces, best first.

    Best: the soonest, and among equally soon, the space that fits the group most snugly (a pair does not
    take the big workshop when a small room is free). Starts are offered every half hour (or on the
    space's grid when it is coarser), so that the list stays readable.
    """
    candidates = list(spaces(kind=kind).filter(capacity__gte=people))
    wanted = set(equipment or [])
    candidates = [s for s in candidates if wanted <= set(s.equipment or [])]
    minutes = duration.total_seconds() / 60
    candidates = [s for s in candidates if s.min_minutes <= minutes <= s.max_minutes and minutes % s.slot_minutes == 0]
    if not candidates or last_day < first_day:
        return []
    range_start = rules.at(first_day, time(0))
    range_end = rules.at(last_day + timedelta(days=1), time(0))
    bookings = _active_bookings([s.pk for s in candidates], range_start, range_end, ignore)
    closures = _closures(first_day, last_day)
    user_rules = rules.rules_for(user, MemberGroup.objects.all())
    left = quota_left_by_week(user, user_rules, first_day, last_day)
    now = rules.now()
    found: list[Slot] = []
    for space in candidates:
        seats = people if not space.is_exclusive else 1
        space_step = step or timedelta(minutes=max(space.slot_minutes, 30))
        space_bookings = bookings.get(space.pk, [])
        day = first_day
        while day <= last_day:
            for start, end in free_intervals(
                space,
                day,
                space_bookings,
                user_rules=user_rules,
                now=now,
                closures=closures,
                seats=seats,
                length=duration,
                quota_left=_quota_for_day(left, day),
            ):
                cursor = start
                # Round the first start to the step (10:15 → 10:30) unless the period would be lost.
                while cursor + duration <= end:
                    found.append(Slot(space=space, start=cursor, end=cursor + duration, spare=space.capacity - people))
                    cursor += space_step
            day += timedelta(days=1)
    found.sort(key=lambda s: (s.start, s.spare, s.space.order, s.space.pk))
    return found


ALTERNATIVE_DAYS = 7


def alternatives(
    user, *, space: Space, start: datetime, end: datetime, seats: int = 1, moving: int | None = None, limit: int = 3
) -> list[Slot]:
    """The nearest free alternatives to a time that cannot be booked, for this user's rules: up to `limit`
    other times of the same space (nearest first, that week), then up to `limit` similar spaces (same kind,
    room enough) at their nearest time. `moving`: a booking being moved, whose own place counts as free."""
    day = rules.local(start).date()
    found = find_slots(
        user,
        first_day=day,
        last_day=day + timedelta(days=ALTERNATIVE_DAYS - 1),
        duration=end - start,
        people=seats,
        kind=space.kind,
        step=timedelta(minutes=space.slot_minutes),
        ignore=moving,
    )

    def distance(slot: Slot) -> tuple[timedelta, bool]:
        return abs(slot.start - start), slot.start < start  # equally near: the later one first

    same = sorted((s for s in found if s.space.pk == space.pk and s.start != start), key=distance)[:limit]
    nearest_per_space: dict[int, Slot] = {}
    for slot in sorted((s for s in found if s.space.pk != space.pk), key=lambda s: (distance(s), s.spare)):
        nearest_per_space.setdefault(slot.space.pk, slot)
    others = sorted(nearest_per_space.values(), key=lambda s: (distance(s), s.spare))[:limit]
    return same + others


def bookings_for(user, *, include_past: bool = False):
    """What a person sees in "my bookings": theirs; the team sees everyone's through the API."""
    qs = Booking.objects.select_related("space", "series").filter(user=user)
    if not include_past:
        qs = qs.filter(end__gte=rules.now() - timedelta(hours=12))
    return qs.order_by("start")


def bookings_visible(user):
    """Bookings the user may read: their own, or all of them for the team."""
    qs = Booking.objects.select_related("space", "series", "user")
    return qs if user.is_staff_role else qs.filter(user=user)


def booking_get(user, booking_id: int) -> Booking:
    booking = bookings_visible(user).filter(pk=booking_id).first()
    if booking is None:
        raise Http404("No such booking.")
    return booking


def waitlist_for(user):
    return WaitlistEntry.objects.select_related("space", "offered_booking").filter(
        user=user, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED], end__gt=rules.now()
    )


@dataclass
class WeekDay:
    day: date
    bookings: list[Booking]
    free: list[tuple[datetime, datetime]]
    closed_because: str


def space_week(space: Space, monday: date, user) -> list[WeekDay]:
    start = rules.at(monday, time(0))
    end = rules.at(monday + timedelta(days=7), time(0))
    bookings = list(
        Booking.objects.filter(space=space, status__in=ACTIVE_STATUSES, start__gte=start, start__lt=end)
        .select_related("user")
        .order_by("start")
    )
    closures = _closures(monday, monday + timedelta(days=6))
    user_rules = rules.rules_for(user)
    now = rules.now()
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        todays = [b for b in bookings if rules.local(b.start).date() == day]
        plan = rules.day_plan(space, day, closures)
        free = free_intervals(space, day, bookings, user_rules=user_rules, now=now, closures=closures)
        days.append(WeekDay(day=day, bookings=todays, free=free, closed_because=plan.closed_because))
    return days


GRID_STEP = timedelta(minutes=30)


@dataclass
class GridCell:
    """One space at one time of the day grid: "free" (a booking can start here: `end` proposes its end),
    "booked", "closed" (outside opening hours) or "unavailable" (too soon, past, beyond the person's rules)."""

    space: Space
    state: str
    start: datetime
    end: datetime | None = None
    booking: Booking | None = None


@dataclass
class DayGrid:
    day: date
    spaces: list[Space]
    rows: list[tuple[datetime, list[GridCell]]]
    closed_because: dict[int, str]


def _grid_cell(space: Space, moment: datetime, plan, free, bookings: list[Booking], length: timedelta) -> GridCell:
    if not any(o_start <= moment < o_end for o_start, o_end in plan.openings):
        return GridCell(space, "closed", moment)
    shortest = timedelta(minutes=space.min_minutes)
    if rules.on_grid(space, moment):
        for f_start, f_end in free:
            if f_start <= moment and moment + shortest <= f_end:
                end = min(moment + length, f_end)
                return GridCell(space, "free", moment, end=end)
    step_end = moment + GRID_STEP
    taken = [b for b in bookings if b.start < step_end and b.end > moment]
    if taken:
        return GridCell(space, "booked", moment, booking=taken[0])
    return GridCell(space, "unavailable", moment)


def day_grid(day: date, user, space_list: list[Space] | None = None) -> DayGrid:
    """The day across spaces, as room booking tools show it: a row every half hour from the first opening to
    the last closing, a column per space. Bookings are read once for all spaces."""
    all_spaces = list(spaces()) if space_list is None else space_list
    start, end = rules.at(day, time(0)), rules.at(day + timedelta(days=1), time(0))
    bookings = _active_bookings([s.pk for s in all_spaces], start, end)
    titled = {
        b.pk: b
        for b in Booking.objects.filter(pk__in=[b.pk for rows in bookings.values() for b in rows]).only(
            "id", "title", "user_id", "start", "end", "status"
        )
    }
    closures = _closures(day, day)
    user_rules = rules.rules_for(user)
    left = quota_left_by_week(user, user_rules, day, day)
    now = rules.now()
    plans, frees, closed = {}, {}, {}
    for space in all_spaces:
        plans[space.pk] = rules.day_plan(space, day, closures)
        if plans[space.pk].closed_because:
            closed[space.pk] = plans[space.pk].closed_because
        frees[space.pk] = free_intervals(
            space,
            day,
            bookings.get(space.pk, []),
            user_rules=user_rules,
            now=now,
            closures=closures,
            quota_left=_quota_for_day(left, day),
        )
    openings = [o for plan in plans.values() for o in plan.openings]
    rows: list[tuple[datetime, list[GridCell]]] = []
    if openings:
        first = min(o[0] for o in openings)
        first -= timedelta(minutes=(first.hour * 60 + first.minute) % 30)
        last = max(o[1] for o in openings)
        lengths = {s.pk: timedelta(minutes=min(max(60, s.min_minutes), s.max_minutes)) for s in all_spaces}
        booked = {s.pk: [titled.get(b.pk, b) for b in bookings.get(s.pk, [])] for s in all_spaces}
        moment = first
        while moment < last:
            cells = [
                _grid_cell(space, moment, plans[space.pk], frees[space.pk], booked[space.pk], lengths[space.pk])
                for space in all_spaces
            ]
            rows.append((rules.local(moment), cells))
            moment += GRID_STEP
    return DayGrid(day=day, spaces=all_spaces, rows=rows, closed_because=closed)


def people_to_book_for(user):
    """Whom this user may book on behalf of (the team, per its member group): active members who may book."""
    if not rules.rules_for(user).can_book_for_others:
        return None
    return User.objects.filter(is_active=True).exclude(role=Role.FUNDER).order_by("last_name", "first_name", "username")


def pending_approvals():
    return Booking.objects.select_related("space", "user").filter(status=BookingStatus.PENDING).order_by("start")


def public_spaces_today(day: date | None = None, user=None) -> list[dict]:
    """For the public site: each open space and its free periods today (as an anonymous visitor would book).

    With a `user`, the free periods follow that person's rules (notice, window) instead. `closed_notice`
    says when a space closed for the rest of today opens next ("Closed today, opens Monday 08:30."), so
    that a closed day never reads as a full one.
    """
    today = rules.local(rules.now()).date()
    day = day or today
    start, end = rules.at(day, time(0)), rules.at(day + timedelta(days=1), time(0))
    all_spaces = list(spaces())
    bookings = _active_bookings([s.pk for s in all_spaces], start, end)
    closures = _closures(day, day)
    visitor = rules.Rules(group="", window_days=1, notice=timedelta(), weekly_quota=None, is_staff=False)
    if user is not None:
        visitor = rules.rules_for(user)
    now = rules.now()
    reopening = reopenings(all_spaces, now) if day == today else {}
    return [
        {
            "space": space,
            "free": free_intervals(
                space, day, bookings.get(space.pk, []), user_rules=visitor, now=now, closures=closures
            ),
            "closed_notice": reopening[space.pk].notice if space.pk in reopening else "",
        }
        for space in all_spaces
    ]


def _open_hours(space: Space, first: date, last: date, closures: list[Closure]) -> dict[date, float]:
    """Opening hours per week (keyed by its Monday) of a space between two dates.

    The hours of each weekday are summed once; closures and public holidays are looked up per day.
    """
    per_weekday = defaultdict(float)
    for hours in space.opening_hours.all():
        opens, closes = at(first, hours.opens), at(first, hours.closes)
        per_weekday[hours.weekday] += (closes - opens).total_seconds() / 3600
    closed_days: set[date] = set()
    for closure in closures:
        if closure.space_id in (None, space.pk):
            day = max(closure.starts_on, first)
            while day <= min(closure.ends_on, last):
                closed_days.add(day)
                day += timedelta(days=1)
    weeks: dict[date, float] = defaultdict(float)
    day = first
    while day <= last:
        monday = day - timedelta(days=day.weekday())
        weeks.setdefault(monday, 0.0)
        hours = per_weekday.get(day.weekday(), 0.0)
        if hours and day not in closed_days and not (space.closed_on_public_holidays and rules.public_holiday(day)):
            weeks[monday] += hours
        day += timedelta(days=1)
    return weeks


def occupancy(*, start: date, end: date, space_ids: list[int] | None = None) -> dict:
    """Use of the house between two dates (included), for the impact dashboards. Aggregates only.

    Returns {"spaces": [{"space", "name", "kind", "weeks": [{"week" (Monday, ISO), "open_hours",
    "booked_hours", "occupancy" (0..1, seat-hours over capacity × open hours for desk areas)}],
    "open_hours", "booked_hours", "occupancy"}], "open_hours", "booked_hours", "occupancy",
    "bookings", "checked_in", "no_shows", "workshop_sessions", "workshop_attendance"}.
    Booked time counts confirmed bookings (checked in or not yet due); released no-shows do not count.
    """
    range_start = rules.at(start, time(0))
    range_end = rules.at(end + timedelta(days=1), time(0))
    space_qs = spaces(active_only=False)
    if space_ids is not None:
        space_qs = space_qs.filter(pk__in=space_ids)
    all_spaces = list(space_qs)
    closures = _closures(start, end)
    # A room is booked whole, whatever the number of people; a desk area by the seat.
    exclusive = {space.pk: space.is_exclusive for space in all_spaces}
    length = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
    in_range = Booking.objects.filter(space__in=all_spaces, start__gte=range_start, start__lt=range_end)
    per_day = (
        in_range.filter(status=BookingStatus.CONFIRMED)
        .annotate(day=TruncDate("start", tzinfo=rules.house_tz()))
        .values("space_id", "day", "seats")
        .annotate(time=Sum(length))
        .order_by()
    )
    booked: dict[tuple[int, date], float] = defaultdict(float)
    for row in per_day:
        day = row["day"]
        monday = day - timedelta(days=day.weekday())
        booked[(row["space_id"], monday)] += _hours(row["time"]) * (1 if exclusive[row["space_id"]] else row["seats"])
    counts = in_range.aggregate(
        bookings=Count("id", filter=Q(status__in=[BookingStatus.CONFIRMED, BookingStatus.RELEASED])),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        no_shows=Count("id", filter=Q(status=BookingStatus.RELEASED)),
        workshop_sessions=Count("id", filter=Q(space__kind=SpaceKind.WORKSHOP, status=BookingStatus.CONFIRMED)),
        workshop_attendance=Sum(
            "seats", filter=Q(space__kind=SpaceKind.WORKSHOP, checked_in_at__isnull=False), default=0
        ),
    )
    result_spaces = []
    total_open = total_booked = 0.0
    for space in all_spaces:
        open_weeks = _open_hours(space, start, end, closures)
        weeks = []
        for monday in sorted(open_weeks):
            capacity = 1 if space.is_exclusive else space.capacity
            open_hours = open_weeks[monday] * capacity
            booked_hours = booked.get((space.pk, monday), 0.0)
            weeks.append(
                {
                    "week": monday.isoformat(),
                    "open_hours": round(open_hours, 2),
                    "booked_hours": round(booked_hours, 2),
                    "occupancy": round(booked_hours / open_hours, 4) if open_hours else None,
                }
            )
        space_open = sum(w["open_hours"] for w in weeks)
        space_booked = sum(w["booked_hours"] for w in weeks)
        total_open += space_open
        total_booked += space_booked
        result_spaces.append(
            {
                "space": space.pk,
                "name": space.name,
                "kind": space.kind,
                "weeks": weeks,
                "open_hours": round(space_open, 2),
                "booked_hours": round(space_booked, 2),
                "occupancy": round(space_booked / space_open, 4) if space_open else None,
            }
        )
    return {
        "spaces": result_spaces,
        "open_hours": round(total_open, 2),
        "booked_hours": round(total_booked, 2),
        "occupancy": round(total_booked / total_open, 4) if total_open else None,
        **counts,
    }


def _hours(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, timedelta):
        return value.total_seconds() / 3600
    return float(value) / 3_600_000_000  # microseconds, as some backends return a sum of durations


def member_card_current(user) -> MemberCard | None:
    """The person's card in use (not revoked), if one was ever issued."""
    return MemberCard.objects.filter(user=user, revoked_at=None).order_by("-created_at").first()
