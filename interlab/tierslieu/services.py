"""Writes of the tiers-lieu. `book` is the only way a booking comes to exist.

Every occurrence is checked against the same rules (grid, length, opening hours, closures, notice,
window, quota, capacity, overlap) under a lock on the space row, so two requests for the same slot are
decided one after the other; on PostgreSQL an exclusion constraint refuses an overlap on a room even if
this code were bypassed. Input that cannot be a booking is a ValidationError (HTTP 422); a booking that
breaks a rule or meets another is a Conflict (HTTP 409) carrying the rule and the clashing intervals.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from interlab.core.errors import Conflict, Forbidden
from interlab.core.models import User
from interlab.core.notifications import notify

from . import rules
from .models import (
    Booking,
    BookingStatus,
    CalendarFeed,
    Closure,
    Frequency,
    HousekeepingRun,
    MemberCard,
    Series,
    Space,
    WaitlistEntry,
    WaitlistStatus,
)
from .selectors import alternatives, member_card_current

log = logging.getLogger(__name__)

HOLD_MINUTES = getattr(settings, "TIERSLIEU_HOLD_MINUTES", 120)
MAX_TITLE = 120
# The same rules the iCal feeds publish (RRULE), so that calendars and bookings agree to the day.
RRULE_FREQUENCIES = {Frequency.WEEKLY: (WEEKLY, 1), Frequency.BIWEEKLY: (WEEKLY, 2), Frequency.MONTHLY: (MONTHLY, 1)}


def _iso(moment: datetime) -> str:
    return rules.local(moment).isoformat()


def _when(moment: datetime) -> str:
    return date_format(rules.local(moment), "DATETIME_FORMAT")


@dataclass
class Problem:
    code: str
    detail: str
    conflicts: list[tuple[datetime, datetime]] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = {"rule": self.code, "detail": self.detail}
        if self.conflicts:
            data["conflicts"] = [{"start": _iso(s), "end": _iso(e)} for s, e in self.conflicts]
        return data


# ---------------------------------------------------------------- input that cannot be a booking (422)


def _check_shape(space: Space, start: datetime, end: datetime, seats: int, title: str) -> None:
    errors: dict[str, list[str]] = defaultdict(list)
    if start is None or end is None:
        raise ValidationError({"start": [_("Give a start and an end.")]})
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValidationError({"start": [_("Give times with their time zone.")]})
    rules.check_day(rules.local(start).date(), "start")
    rules.check_day(rules.local(end).date(), "end")
    if end <= start:
        errors["end"].append(_("The end must come after the start."))
    else:
        length = (end - start).total_seconds() / 60
        if length < space.min_minutes:
            errors["end"].append(
                _("This space is booked for at least %(minutes)s minutes.") % {"minutes": space.min_minutes}
            )
        if length > space.max_minutes:
            errors["end"].append(
                _("This space is booked for at most %(minutes)s minutes.") % {"minutes": space.max_minutes}
            )
    for name, moment in (("start", start), ("end", end)):
        if not rules.on_grid(space, moment):
            errors[name].append(
                _("Times fall on a %(grid)s-minute grid (e.g. 9:00, 9:%(grid)s).") % {"grid": space.slot_minutes}
            )
    if rules.local(start).date() != rules.local(end - timedelta(microseconds=1)).date():
        errors["end"].append(_("A booking starts and ends on the same day."))
    if seats < 1:
        errors["seats"].append(_("Book at least one seat."))
    elif seats > space.capacity:
        errors["seats"].append(_("This space holds %(capacity)s people at most.") % {"capacity": space.capacity})
    if not title.strip():
        errors["title"].append(_("Give the booking a title."))
    elif len(title) > MAX_TITLE:
        errors["title"].append(_("The title is too long (%(max)s characters at most).") % {"max": MAX_TITLE})
    if errors:
        raise ValidationError(dict(errors))


def _expand(start: datetime, end: datetime, recurrence: dict | None) -> list[tuple[datetime, datetime]]:
    """The occurrences of a booking: itself, or every date its recurrence rule gives (wall-clock times kept)."""
    if not recurrence:
        return [(start, end)]
    frequency = recurrence.get("frequency")
    if frequency not in Frequency.values:
        raise ValidationError({"recurrence.frequency": [_("Repeat every week, every two weeks or every month.")]})
    until, count = recurrence.get("until"), recurrence.get("count")
    if (until is None) == (count is None):
        raise ValidationError({"recurrence": [_("Say until when the booking repeats, or how many times.")]})
    first_local, length = rules.local(start), end - start
    if count is not None:
        if not isinstance(count, int) or count < 1:
            raise ValidationError({"recurrence.count": [_("Repeat at least once.")]})
        if count > rules.MAX_OCCURRENCES:
            raise ValidationError(
                {"recurrence.count": [_("A series has at most %(max)s occurrences.") % {"max": rules.MAX_OCCURRENCES}]}
            )
    elif until < first_local.date():
        raise ValidationError({"recurrence.until": [_("The series cannot end before its first date.")]})
    freq, interval = RRULE_FREQUENCIES[frequency]
    bound = {"count": count} if count is not None else {"until": datetime.combine(until, time(23, 59, 59))}
    occurrences = []
    for naive in rrule(freq, interval=interval, dtstart=first_local.replace(tzinfo=None), **bound):
        if len(occurrences) >= rules.MAX_OCCURRENCES:
            raise ValidationError(
                {
                    "recurrence.until": [
                        _("A series has at most %(max)s occurrences: choose an earlier end date.")
                        % {"max": rules.MAX_OCCURRENCES}
                    ]
                }
            )
        occ_start = naive.replace(tzinfo=rules.house_tz())
        occurrences.append((occ_start, occ_start + length))
    return occurrences


# ---------------------------------------------------------------- rules that a booking may break (409)


class _Context:
    """What checking several occurrences of one space needs, loaded once."""

    def __init__(self, space: Space, user: User, first: datetime, last: datetime, moving: int | None = None):
        self.space = space
        self.user = user
        self.rules = rules.rules_for(user)
        self.now = rules.now()
        self.moving = moving  # the booking being moved: its current place is not in its own way
        lo, hi = rules.local(first).date(), rules.local(last).date()
        self.closures = list(Closure.objects.filter(starts_on__lte=hi, ends_on__gte=lo))
        margin = space.buffer + timedelta(days=1)
        self.bookings = list(
            Booking.objects.active()
            .filter(space=space, start__lt=last + margin, blocks_until__gt=first - margin)
            .exclude(pk=moving)
        )
        self.added: list[Booking] = []
        self.week_used: dict[datetime, timedelta] = {}

    def week_usage(self, moment: datetime) -> timedelta:
        week_start, week_end = rules.week_bounds(moment)
        if week_start not in self.week_used:
            used = timedelta()
            mine = Booking.objects.active().filter(user=self.user, start__gte=week_start, start__lt=week_end)
            for b in mine.exclude(pk=self.moving):
                used += b.end - b.start
            self.week_used[week_start] = used
        return self.week_used[week_start]


def _problems(ctx: _Context, start: datetime, end: datetime, seats: int) -> list[Problem]:
    space, found = ctx.space, []
    if start < ctx.now:
        found.append(Problem("past", _("This time has already passed.")))
        return found
    if not ctx.rules.is_staff and start < ctx.now + ctx.rules.notice:
        minutes = int(ctx.rules.notice.total_seconds() // 60)
        found.append(
            Problem(
                "notice",
                ngettext("Book at least %(count)s minute ahead.", "Book at least %(count)s minutes ahead.", minutes)
                % {"count": minutes},
            )
        )
    horizon = rules.local(ctx.now).date() + timedelta(days=ctx.rules.window_days)
    if rules.local(start).date() > horizon:
        found.append(
            Problem(
                "window",
                _("Bookings open %(days)s days ahead: this date can be booked from %(date)s.")
                % {
                    "days": ctx.rules.window_days,
                    "date": date_format(rules.local(start).date() - timedelta(days=ctx.rules.window_days)),
                },
            )
        )
    plan = rules.day_plan(space, rules.local(start).date(), ctx.closures)
    if plan.closed_because:
        found.append(Problem("closure", _("Closed: %(reason)s") % {"reason": plan.closed_because}))
    elif not any(o_start <= start and end <= o_end for o_start, o_end in plan.openings):
        hours = ", ".join(f"{rules.local(a):%H:%M}–{rules.local(b):%H:%M}" for a, b in plan.openings)
        found.append(Problem("opening_hours", _("Outside opening hours (%(hours)s).") % {"hours": hours}))
    if ctx.rules.weekly_quota is not None:
        used = ctx.week_usage(start)
        if used + (end - start) > ctx.rules.weekly_quota:
            quota_hours = int(ctx.rules.weekly_quota.total_seconds() // 3600)
            left = max(ctx.rules.weekly_quota - used, timedelta())
            found.append(
                Problem(
                    "quota",
                    _("Weekly quota reached: %(quota)s h per week, %(left)s min left this week.")
                    % {"quota": quota_hours, "left": int(left.total_seconds() // 60)},
                )
            )
    others = ctx.bookings + ctx.added
    if space.is_exclusive:
        blocked_until = end + space.buffer
        clashes = [b for b in others if b.start < blocked_until and b.blocks_until > start]
        if clashes:
            found.append(
                Problem(
                    "overlap",
                    _("Already booked at this time."),
                    conflicts=[(b.start, b.end) for b in clashes],
                )
            )
    else:
        near = [b for b in others if b.start < end and b.blocks_until > start]
        taken = rules.peak_seats(near, start, end)
        if taken + seats > space.capacity:
            left = max(space.capacity - taken, 0)
            found.append(
                Problem(
                    "capacity",
                    ngettext(
                        "Not enough seats: %(left)s seat left at this time.",
                        "Not enough seats: %(left)s seats left at this time.",
                        left,
                    )
                    % {"left": left},
                    conflicts=[(b.start, b.end) for b in near],
                )
            )
    return found


def check(*, space: Space, user: User, start: datetime, end: datetime, seats: int = 1) -> list[Problem]:
    """The rules this single booking would break, without booking it (for forms that warn early)."""
    _check_shape(space, start, end, seats, "-")
    return _problems(_Context(space, user, start, end), start, end, seats)


# ---------------------------------------------------------------- booking


@dataclass
class BookingResult:
    bookings: list[Booking]
    series: Series | None
    skipped: list[dict]

    @property
    def first(self) -> Booking:
        return self.bookings[0]


def _lock_space(space_id: int) -> Space:
    space = Space.objects.select_for_update().filter(pk=space_id, is_active=True).first()
    if space is None:
        raise ValidationError({"space": [_("This space does not exist or is closed for booking.")]})
    return space


def _lock_space_any(space_id: int) -> Space:
    """Lock a space row even if it was since closed for booking (to release or refuse what it holds)."""
    return Space.objects.select_for_update().get(pk=space_id)


def _status_for(space: Space, user: User) -> str:
    if space.requires_approval and not user.is_staff_role:
        return BookingStatus.PENDING
    return BookingStatus.CONFIRMED


def book(
    *,
    by: User,
    space: Space,
    start: datetime,
    end: datetime,
    title: str,
    seats: int = 1,
    recurrence: dict | None = None,
    on_conflict: str = "fail",
    user: User | None = None,
) -> BookingResult:
    """Book a space, once or as a series. Nothing is written unless every kept occurrence passes.

    `on_conflict`: "fail" refuses the whole series when one occurrence breaks a rule (the 409 lists
    which, so that the person can choose); "skip" books the others and reports the skipped ones.
    """
    user = user or by
    if user != by and not rules.rules_for(by).can_book_for_others:
        raise Forbidden(_("Only the team books on behalf of someone else."))
    if on_conflict not in ("fail", "skip"):
        raise ValidationError({"on_conflict": [_("Choose to skip the clashing dates or to cancel.")]})
    title = (title or "").strip()
    _check_shape(space, start, end, seats, title)
    occurrences = _expand(start, end, recurrence)
    try:
        with transaction.atomic():
            space = _lock_space(space.pk)
            # The weekly quota spans spaces: a second lock, on the person, keeps two parallel bookings of
            # different rooms from both fitting in the same remaining hours. Always space first, then person.
            User.objects.select_for_update().filter(pk=user.pk).first()
            _check_shape(space, start, end, seats, title)  # the rules may have changed while we waited
            ctx = _Context(space, user, occurrences[0][0], occurrences[-1][1])
            kept, clashes = [], []
            for occ_start, occ_end in occurrences:
                problems = _problems(ctx, occ_start, occ_end, seats)
                if problems:
                    clashes.append({"start": _iso(occ_start), "end": _iso(occ_end), "problems": problems})
                    continue
                booking = Booking(
                    space=space,
                    user=user,
                    title=title,
                    start=occ_start,
                    end=occ_end,
                    blocks_until=occ_end + space.buffer,
                    seats=seats,
                    exclusive=space.is_exclusive,
                    status=_status_for(space, by),
                    created_by=by,
                )
                kept.append(booking)
                ctx.added.append(booking)
                week_start, _week_end = rules.week_bounds(occ_start)
                ctx.week_used[week_start] = ctx.week_usage(occ_start) + (occ_end - occ_start)
            if clashes and (on_conflict == "fail" or not kept):
                raise _conflict(clashes, single=recurrence is None)
            series = None
            if recurrence:
                series = Series.objects.create(
                    space=space,
                    user=user,
                    title=title,
                    frequency=recurrence["frequency"],
                    first_start=occurrences[0][0],
                    first_end=occurrences[0][1],
                    until=recurrence.get("until"),
                    count=recurrence.get("count"),
                    skipped=[c["start"] for c in clashes],
                )
                for booking in kept:
                    booking.series = series
            created = Booking.objects.bulk_create(kept)
    except IntegrityError as exc:
        # The database's own guard (the exclusion constraint): another booking won the race.
        log.info("booking refused by the database: %s", exc)
        raise _with_alternatives(
            _raced(space, start, end), by=user, space=space, start=start, end=end, seats=seats
        ) from exc
    except Conflict as exc:
        if recurrence is None:
            _with_alternatives(exc, by=user, space=space, start=start, end=end, seats=seats)
        raise
    skipped = [
        {"start": c["start"], "end": c["end"], "problems": [p.as_dict() for p in c["problems"]]} for c in clashes
    ]
    return BookingResult(bookings=created, series=series, skipped=skipped)


def _raced(space: Space, start: datetime, end: datetime) -> Conflict:
    return Conflict(
        _("Already booked at this time."),
        code="overlap",
        rule="overlap",
        conflicts=[
            {"start": _iso(b.start), "end": _iso(b.end)}
            for b in Booking.objects.active().filter(space=space).overlapping(start, end + space.buffer)
        ],
    )


def _with_alternatives(
    exc: Conflict, *, by: User, space: Space, start: datetime, end: datetime, seats: int, moving: int | None = None
) -> Conflict:
    """Add the nearest free alternatives (other times, similar spaces) to a refused booking's conflict."""
    found = alternatives(by, space=space, start=start, end=end, seats=seats, moving=moving)
    exc.extra["alternatives"] = [
        {"space": slot.space.pk, "space_name": slot.space.name, "start": _iso(slot.start), "end": _iso(slot.end)}
        for slot in found
    ]
    return exc


def _conflict(clashes: list[dict], *, single: bool) -> Conflict:
    if single:
        problems = clashes[0]["problems"]
        first = problems[0]
        conflicts = [c for p in problems for c in p.as_dict().get("conflicts", [])]
        return Conflict(
            " ".join(p.detail for p in problems),
            code=first.code,
            rule=first.code,
            rules=[p.code for p in problems],
            conflicts=conflicts,
        )
    return Conflict(
        ngettext(
            "%(count)s date of the series cannot be booked: skip it or cancel.",
            "%(count)s dates of the series cannot be booked: skip them or cancel.",
            len(clashes),
        )
        % {"count": len(clashes)},
        code="series_conflict",
        rule="series_conflict",
        occurrences=[
            {"start": c["start"], "end": c["end"], "problems": [p.as_dict() for p in c["problems"]]} for c in clashes
        ],
        conflicts=[conflict for c in clashes for p in c["problems"] for conflict in p.as_dict().get("conflicts", [])],
    )


# ---------------------------------------------------------------- cancelling, approving, checking in


def _may_manage(booking: Booking, by: User) -> None:
    if booking.user_id != by.pk and not by.is_staff_role:
        raise Forbidden(_("This booking is not yours."))


def cancel(*, booking: Booking, by: User, whole_series: bool = False) -> list[Booking]:
    """Cancel a booking (or it and the series' later dates). Its slot is offered to the waiting list."""
    _may_manage(booking, by)
    now = rules.now()
    with transaction.atomic():
        _lock_space(booking.space_id)
        booking = Booking.objects.select_related("space").get(pk=booking.pk)
        if not booking.is_active:
            raise Conflict(
                _("This booking is already %(status)s.") % {"status": booking.get_status_display()}, code="not_active"
            )
        if booking.start <= now:
            raise Conflict(_("This booking has already started: it can no longer be cancelled."), code="started")
        cutoff = booking.start - timedelta(minutes=booking.space.cancel_cutoff_minutes)
        if now > cutoff and not by.is_staff_role:
            raise Conflict(
                _("Too late to cancel online (up to %(minutes)s minutes before the start): please call the reception.")
                % {"minutes": booking.space.cancel_cutoff_minutes},
                code="cancel_cutoff",
            )
        targets = [booking]
        if whole_series and booking.series_id:
            targets = list(
                Booking.objects.active().filter(series_id=booking.series_id, start__gte=booking.start).order_by("start")
            )
        for target in targets:
            target.status = BookingStatus.CANCELLED
            target.cancelled_at = now
            target.cancelled_by = by
            target.save_revision(["status", "cancelled_at", "cancelled_by"])
        WaitlistEntry.objects.filter(offered_booking__in=targets).update(status=WaitlistStatus.CANCELLED)
        for target in targets:
            _offer_freed(target.space, target.start, target.end)
    return targets


MOVABLE = (BookingStatus.CONFIRMED, BookingStatus.PENDING)


def booking_move(*, booking: Booking, by: User, start: datetime, end: datetime, space: Space | None = None) -> Booking:
    """Move a booking to another time (or space) in one transaction: the new place is checked against every
    rule `book` applies, under the same locks, and the old one is offered to the waiting list. The booking
    keeps its identity (calendar UID); a moved date of a series leaves the series (its old date becomes an
    exception of the series' rule). A refusal is a Conflict with the nearest free alternatives."""
    _may_manage(booking, by)
    target = space or booking.space
    _check_shape(target, start, end, booking.seats, booking.title)
    now = rules.now()
    try:
        with transaction.atomic():
            # Two spaces are locked in id order, so that two moves in opposite directions cannot deadlock.
            for space_id in sorted({booking.space_id, target.pk}):
                _lock_space_any(space_id)
            target = _lock_space(target.pk)
            User.objects.select_for_update().filter(pk=booking.user_id).first()
            booking = (
                Booking.objects.select_for_update(of=("self",))
                .select_related("space", "series", "user")
                .get(pk=booking.pk)
            )
            if booking.status not in MOVABLE:
                raise Conflict(
                    _("This booking is %(status)s: it cannot be moved.") % {"status": booking.get_status_display()},
                    code="not_active",
                )
            if booking.start <= now:
                raise Conflict(_("This booking has already started: it can no longer be moved."), code="started")
            cutoff = booking.start - timedelta(minutes=booking.space.cancel_cutoff_minutes)
            if now > cutoff and not by.is_staff_role:
                raise Conflict(
                    _(
                        "Too late to move online (up to %(minutes)s minutes before the start): please call the reception."
                    )
                    % {"minutes": booking.space.cancel_cutoff_minutes},
                    code="cancel_cutoff",
                )
            if (booking.space_id, booking.start, booking.end) == (target.pk, start, end):
                return booking
            _check_shape(target, start, end, booking.seats, booking.title)
            ctx = _Context(target, booking.user, start, end, moving=booking.pk)
            problems = _problems(ctx, start, end, booking.seats)
            if problems:
                raise _conflict([{"start": _iso(start), "end": _iso(end), "problems": problems}], single=True)
            old_space, old_start, old_end = booking.space, booking.start, booking.end
            if booking.series_id:
                series = booking.series
                series.skipped = [*(series.skipped or []), _iso(old_start)]
                series.sequence += booking.sequence + 1
                series.updated_at = timezone.now()
                series.save(update_fields=["skipped", "sequence", "updated_at"])
                booking.series = None
            booking.space = target
            booking.start, booking.end = start, end
            booking.blocks_until = end + target.buffer
            booking.exclusive = target.is_exclusive
            booking.status = _status_for(target, by)
            booking.save_revision(["space", "start", "end", "blocks_until", "exclusive", "status", "series"])
            _offer_freed(old_space, old_start, old_end)
    except IntegrityError as exc:
        log.info("move refused by the database: %s", exc)
        conflict = _raced(target, start, end)
        raise _with_alternatives(
            conflict, by=booking.user, space=target, start=start, end=end, seats=booking.seats, moving=booking.pk
        ) from exc
    except Conflict as exc:
        if exc.code not in ("not_active", "started", "cancel_cutoff"):
            _with_alternatives(
                exc, by=booking.user, space=target, start=start, end=end, seats=booking.seats, moving=booking.pk
            )
        raise
    return booking


def approve(*, booking: Booking, by: User, accept: bool = True) -> Booking:
    if not by.is_staff_role:
        raise Forbidden(_("Only the team approves bookings."))
    with transaction.atomic():
        _lock_space_any(booking.space_id)  # space first, then the booking: the order cancel and book use
        booking = Booking.objects.select_for_update().select_related("space", "user").get(pk=booking.pk)
        if booking.status != BookingStatus.PENDING:
            raise Conflict(_("This booking is not awaiting approval."), code="not_pending")
        booking.status = BookingStatus.CONFIRMED if accept else BookingStatus.REFUSED
        booking.save_revision(["status"])
        if not accept:
            _offer_freed(booking.space, booking.start, booking.end)
    if accept:
        _notify(booking.user, "approved", booking, url=reverse("tierslieu:my_bookings"))
    else:
        _notify(booking.user, "refused", booking, url=reverse("tierslieu:spaces"))
    return booking


def checkin_window(booking: Booking) -> tuple[datetime, datetime]:
    return booking.start - rules.CHECKIN_BEFORE, booking.start + rules.CHECKIN_AFTER


def check_in(*, booking: Booking, by: User) -> Booking:
    """Check in from 15 minutes before to 15 minutes after the start."""
    _may_manage(booking, by)
    now = rules.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.CONFIRMED:
            raise Conflict(_("Only a confirmed booking can be checked in."), code="not_confirmed")
        if booking.checked_in_at:
            return booking
        opens, closes = checkin_window(booking)
        if not opens <= now <= closes:
            raise Conflict(
                _("Check-in is open from %(opens)s to %(closes)s.")
                % {"opens": f"{rules.local(opens):%H:%M}", "closes": f"{rules.local(closes):%H:%M}"},
                code="checkin_closed",
            )
        booking.checked_in_at = now
        booking.save(update_fields=["checked_in_at"])
    return booking


def check_in_by_card(*, token: str, by: User) -> tuple[User, list[Booking]]:
    """The reception scans or types a member card: the holder's bookings open for check-in are checked in."""
    if not by.is_staff_role:
        raise Forbidden(_("Only the team checks people in with a card."))
    card = MemberCard.objects.select_related("user").filter(token=(token or "").strip(), revoked_at=None).first()
    if card is None:
        raise ValidationError({"token": [_("Unknown or revoked card.")]})
    now = rules.now()
    candidates = Booking.objects.filter(
        user=card.user,
        status=BookingStatus.CONFIRMED,
        start__gte=now - rules.CHECKIN_AFTER,
        start__lte=now + rules.CHECKIN_BEFORE,
    )
    done = [check_in(booking=b, by=by) for b in candidates]
    return card.user, done


# ---------------------------------------------------------------- waiting list


def waitlist_join(
    *, by: User, space: Space, start: datetime, end: datetime, title: str, seats: int = 1
) -> WaitlistEntry:
    """Queue for a taken slot; only worth it when the slot is taken (otherwise, book it)."""
    title = (title or "").strip()
    _check_shape(space, start, end, seats, title)
    problems = check(space=space, user=by, start=start, end=end, seats=seats)
    blocking = [p for p in problems if p.code not in ("overlap", "capacity")]
    if blocking:
        raise Conflict(" ".join(p.detail for p in blocking), code=blocking[0].code, rule=blocking[0].code)
    if not problems:
        raise Conflict(_("This slot is free: book it directly."), code="slot_free")
    if WaitlistEntry.objects.filter(
        user=by, space=space, start=start, end=end, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
    ).exists():
        raise Conflict(_("You are already on the waiting list for this slot."), code="already_waiting")
    return WaitlistEntry.objects.create(space=space, user=by, title=title, start=start, end=end, seats=seats)


def waitlist_join_series(
    *, by: User, space: Space, start: datetime, end: datetime, title: str, seats: int = 1, recurrence: dict
) -> list[WaitlistEntry]:
    """Queue for every taken date of a repeating wish (the "repeat" choice kept): each date whose only
    obstacle is another booking is queued; dates free or refused for another rule are left out."""
    title = (title or "").strip()
    _check_shape(space, start, end, seats, title)
    occurrences = _expand(start, end, recurrence)
    ctx = _Context(space, by, occurrences[0][0], occurrences[-1][1])
    waiting = set(
        WaitlistEntry.objects.filter(
            user=by, space=space, status__in=[WaitlistStatus.WAITING, WaitlistStatus.OFFERED]
        ).values_list("start", "end")
    )
    entries = []
    for occ_start, occ_end in occurrences:
        problems = _problems(ctx, occ_start, occ_end, seats)
        if not problems or any(p.code not in ("overlap", "capacity") for p in problems):
            continue
        if (occ_start, occ_end) in waiting:
            continue
        entries.append(
            WaitlistEntry.objects.create(space=space, user=by, title=title, start=occ_start, end=occ_end, seats=seats)
        )
    if not entries:
        raise Conflict(_("No date of this series is taken by someone else: book it directly."), code="slot_free")
    return entries


def waitlist_leave(*, entry: WaitlistEntry, by: User) -> None:
    if entry.user_id != by.pk and not by.is_staff_role:
        raise Forbidden(_("This entry is not yours."))
    entry.status = WaitlistStatus.CANCELLED
    entry.save(update_fields=["status"])


def _offer_freed(space: Space, start: datetime, end: datetime) -> Booking | None:
    """Offer a freed slot to the first person waiting whose wish now fits; the slot is held for them."""
    now = rules.now()
    space = _lock_space_any(space.pk)  # the offer is a booking: decided under the same lock as `book`
    waiting = WaitlistEntry.objects.select_related("user").filter(
        space=space, status=WaitlistStatus.WAITING, start__lt=end, end__gt=start, start__gt=now
    )
    for entry in waiting:
        ctx = _Context(space, entry.user, entry.start, entry.end)
        problems = [p for p in _problems(ctx, entry.start, entry.end, entry.seats) if p.code != "notice"]
        if problems:
            continue
        hold_until = min(now + timedelta(minutes=HOLD_MINUTES), entry.start)
        try:
            with transaction.atomic():
                held = _create_hold(space, entry, hold_until)
        except IntegrityError:  # the database's guard: the slot is not free after all
            continue
        entry.status = WaitlistStatus.OFFERED
        entry.offered_booking = held
        entry.save(update_fields=["status", "offered_booking"])
        # A hold lasts two hours at most: worth a text message.
        _notify(held.user, "hold_offered", held, url=reverse("tierslieu:my_bookings"), urgent=True)
        return held
    return None


def _create_hold(space: Space, entry: WaitlistEntry, hold_until: datetime) -> Booking:
    return Booking.objects.create(
        space=space,
        user=entry.user,
        title=entry.title,
        start=entry.start,
        end=entry.end,
        blocks_until=entry.end + space.buffer,
        seats=entry.seats,
        exclusive=space.is_exclusive,
        status=BookingStatus.HELD,
        hold_until=hold_until,
    )


def hold_confirm(*, booking: Booking, by: User) -> Booking:
    _may_manage(booking, by)
    with transaction.atomic():
        booking = Booking.objects.select_for_update().select_related("space").get(pk=booking.pk)
        if booking.status != BookingStatus.HELD or (booking.hold_until and booking.hold_until < rules.now()):
            raise Conflict(_("This offer has expired."), code="hold_expired")
        booking.status = _status_for(booking.space, booking.user)
        booking.hold_until = None
        booking.save_revision(["status", "hold_until"])
        WaitlistEntry.objects.filter(offered_booking=booking).update(status=WaitlistStatus.DONE)
    return booking


# ---------------------------------------------------------------- housekeeping (django-q2 schedule)


def release_no_shows(now: datetime | None = None) -> HousekeepingRun:
    """Release confirmed bookings nobody checked in 15 minutes after the start; expire unanswered holds."""
    now = now or rules.now()
    released = expired = 0
    late = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        checked_in_at=None,
        space__requires_checkin=True,
        start__lt=now - rules.CHECKIN_AFTER,
        end__gt=now - timedelta(days=1),
    ).select_related("space")
    for booking in late:
        with transaction.atomic():
            _lock_space_any(booking.space_id)
            updated = Booking.objects.filter(pk=booking.pk, status=BookingStatus.CONFIRMED, checked_in_at=None).revise(
                status=BookingStatus.RELEASED
            )
            if updated:
                released += 1
                if booking.end > now:
                    _offer_freed(booking.space, max(now, booking.start), booking.end)
    for booking in Booking.objects.filter(status=BookingStatus.HELD, hold_until__lt=now).select_related("space"):
        with transaction.atomic():
            _lock_space_any(booking.space_id)
            if Booking.objects.filter(pk=booking.pk, status=BookingStatus.HELD).revise(status=BookingStatus.EXPIRED):
                expired += 1
                WaitlistEntry.objects.filter(offered_booking=booking).update(status=WaitlistStatus.CANCELLED)
                _offer_freed(booking.space, booking.start, booking.end)
    return HousekeepingRun.objects.create(ran_at=now, released=released, expired_holds=expired)


# ---------------------------------------------------------------- feeds and cards


def feed_for(*, user: User | None = None, space: Space | None = None) -> CalendarFeed:
    """The current secret feed of a person or a space, created on first use."""
    feed = CalendarFeed.objects.filter(user=user, space=space, revoked_at=None).order_by("-created_at").first()
    return feed or CalendarFeed.objects.create(user=user, space=space)


def feed_renew(*, feed: CalendarFeed, by: User) -> CalendarFeed:
    """Revoke a feed address (it answers 404 from now on) and issue a new one."""
    if feed.user_id != by.pk and not by.is_staff_role:
        raise Forbidden(_("This calendar address is not yours."))
    feed.revoked_at = rules.now()
    feed.save(update_fields=["revoked_at"])
    return CalendarFeed.objects.create(user=feed.user, space=feed.space)


def feeds_renew_for(*, user: User, **_signal) -> int:
    """The person's credentials were withdrawn (core.signals.credentials_revoked): their calendar address, which
    someone holding a stolen token could have read, is revoked; a new one is issued on next use."""
    return CalendarFeed.objects.filter(user=user, revoked_at=None).update(revoked_at=rules.now())


def card_for(*, user: User) -> MemberCard:
    return member_card_current(user) or MemberCard.objects.create(user=user)


def card_renew(*, user: User, by: User) -> MemberCard:
    """Revoke the person's card (lost, stolen) and issue a new one."""
    if user != by and not by.is_staff_role:
        raise Forbidden(_("This card is not yours."))
    MemberCard.objects.filter(user=user, revoked_at=None).update(revoked_at=rules.now())
    return MemberCard.objects.create(user=user)


# ---------------------------------------------------------------- mail


def _notify(user: User, event: str, booking: Booking, *, url: str, urgent: bool = False) -> None:
    """Tell the member through core's notifications (in the app, by e-mail, by SMS when it cannot wait)."""
    notify(
        user,
        f"tierslieu.{event}",
        template=f"tierslieu/email/{event}",
        context={"booking": booking},
        url=url,
        urgent=urgent,
    )


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The next given weekday strictly after `after` (today by default): used for defaults and demos."""
    after = after or rules.local(rules.now()).date()
    ahead = (weekday - after.weekday()) % 7 or 7
    return after + timedelta(days=ahead)


def ical_url_for_user(user, request=None) -> str | None:
    """The caller's personal booking feed (shown by GET /api/v1/me), created on first use."""
    if user is None or not user.is_authenticated:
        return None
    path = reverse("ical:feed", args=[feed_for(user=user).token])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


# ---------------------------------------------------------------- personal data (export and erasure)


def person_export(user: User) -> dict:
    """What the tiers-lieu holds about a person, for the right of access."""
    bookings = Booking.objects.filter(user=user).select_related("space").order_by("start")
    return {
        "bookings": [
            {
                "space": b.space.name,
                "start": _iso(b.start),
                "end": _iso(b.end),
                "title": b.title,
                "status": b.status,
                "seats": b.seats,
                "checked_in_at": _iso(b.checked_in_at) if b.checked_in_at else None,
            }
            for b in bookings
        ],
        "waiting_list": [
            {"space": e.space.name, "start": _iso(e.start), "end": _iso(e.end), "title": e.title, "status": e.status}
            for e in WaitlistEntry.objects.filter(user=user).select_related("space")
        ],
        "member_cards": MemberCard.objects.filter(user=user).count(),
        "calendar_feeds": CalendarFeed.objects.filter(user=user).count(),
    }


def person_erase(user: User) -> None:
    """GDPR erasure: future bookings are cancelled (their slots offered to others), every title blanked,
    waiting-list entries deleted, cards and feeds revoked. Times, spaces and statuses stay for occupancy."""
    now = rules.now()
    with transaction.atomic():
        future = list(Booking.objects.active().filter(user=user, start__gt=now).select_related("space"))
        for space_id in sorted({b.space_id for b in future}):
            _lock_space_any(space_id)
        Booking.objects.filter(pk__in=[b.pk for b in future]).revise(status=BookingStatus.CANCELLED, cancelled_at=now)
        for booking in future:
            _offer_freed(booking.space, booking.start, booking.end)
        Booking.objects.filter(user=user).revise(title="—")
        Series.objects.filter(user=user).update(title="—")
        WaitlistEntry.objects.filter(user=user).delete()
        MemberCard.objects.filter(user=user, revoked_at=None).update(revoked_at=now)
        CalendarFeed.objects.filter(user=user, revoked_at=None).update(revoked_at=now)
