"""The tiers-lieu: spaces, their rules, and the bookings that fill them.

A booking is one row per occurrence (a recurring series is a parent row with one booking per date), so
that every occurrence is checked, cancelled and shown on its own. Overlap on exclusive spaces (rooms,
workshops) is refused by `services.book` under a lock on the space and, on PostgreSQL, by an exclusion
constraint on the booked time range (migration 0002); desk areas count seats under the same lock.
"""

import base64
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class SpaceKind(models.TextChoices):
    ROOM = "room", _("meeting room")
    DESKS = "desks", _("desk area")
    WORKSHOP = "workshop", _("workshop space")


class Equipment(models.TextChoices):
    PROJECTOR = "projector", _("projector")
    SCREEN = "screen", _("large screen")
    WHITEBOARD = "whiteboard", _("whiteboard")
    VIDEOCONF = "videoconf", _("video-conference kit")
    KITCHEN = "kitchen", _("kitchen")
    SEWING = "sewing", _("sewing machines")
    PRINTER = "printer", _("printer")
    WIFI = "wifi", _("Wi-Fi")
    SOCKETS = "sockets", _("power sockets at every seat")


def equipment_label(key: str) -> str:
    try:
        return str(Equipment(key).label)
    except ValueError:
        return key


class MemberGroup(models.Model):
    """Booking rules for a group of members (entrepreneurs, the team, mentors and partners...).

    A user belongs to the first group (by order) that lists their role.
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    roles = models.JSONField(
        _("roles"), default=list, help_text=_('Roles of the members of this group, e.g. ["entrepreneur"].')
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    booking_window_days = models.PositiveSmallIntegerField(
        _("booking window (days ahead)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    min_notice_minutes = models.PositiveIntegerField(_("minimum notice (minutes)"), default=60)
    weekly_quota_hours = models.PositiveSmallIntegerField(
        _("weekly quota (hours)"), null=True, blank=True, help_text=_("Empty: no quota.")
    )
    can_book_for_others = models.BooleanField(_("may book on behalf of others"), default=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("member group")
        verbose_name_plural = _("member groups")

    def __str__(self) -> str:
        return self.name


class Space(ClusterableModel):
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SpaceKind.choices)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], help_text=_("People for a room, seats for a desk area.")
    )
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    floor = models.CharField(_("where"), max_length=80, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot grid (minutes)"), default=15, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(_("buffer between bookings (minutes)"), default=0)
    min_minutes = models.PositiveSmallIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=480)
    cancel_cutoff_minutes = models.PositiveIntegerField(
        _("cancellation cut-off (minutes before the start)"), default=60
    )
    requires_approval = models.BooleanField(_("bookings need the team's approval"), default=False)
    requires_checkin = models.BooleanField(
        _("check-in required"), default=True, help_text=_("Without a check-in, the booking is released as a no-show.")
    )
    closed_on_public_holidays = models.BooleanField(_("closed on Belgian public holidays"), default=True)
    is_active = models.BooleanField(_("open for booking"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return self.name

    @property
    def is_exclusive(self) -> bool:
        """Rooms and workshops are booked whole; desk areas by the seat."""
        return self.kind != SpaceKind.DESKS

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)

    def equipment_labels(self) -> list[str]:
        return [equipment_label(key) for key in self.equipment]

    def clean(self) -> None:
        errors = {}
        if self.min_minutes and self.max_minutes and self.min_minutes > self.max_minutes:
            errors["max_minutes"] = _("The longest booking cannot be shorter than the shortest.")
        for field in ("min_minutes", "max_minutes", "buffer_minutes"):
            value = getattr(self, field)
            if value and self.slot_minutes and value % self.slot_minutes:
                errors[field] = _("Use a multiple of the slot grid (%(grid)s minutes).") % {"grid": self.slot_minutes}
        unknown = [key for key in self.equipment or [] if key not in Equipment.values]
        if unknown:
            errors["equipment"] = _("Unknown equipment: %(keys)s.") % {"keys": ", ".join(map(str, unknown))}
        if errors:
            raise ValidationError(errors)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(models.Model):
    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class Closure(models.Model):
    """A period when a space, or the whole house (no space), cannot be booked."""

    space = models.ForeignKey(
        Space,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        verbose_name=_("space"),
        help_text=_("Empty: the whole house is closed."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (included)"))
    reason = models.CharField(_("reason"), max_length=160)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self) -> str:
        return f"{self.reason} ({self.starts_on} – {self.ends_on})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The closure cannot end before it starts.")})


def _uid() -> str:
    """A stable identifier for calendar clients (iCal UID)."""
    return secrets.token_hex(16)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("every week")
    BIWEEKLY = "biweekly", _("every two weeks")
    MONTHLY = "monthly", _("every month")


class Series(models.Model):
    """A recurring booking: the rule, and the occurrences it produced (Booking.series)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="series")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_series", verbose_name=_("member")
    )
    title = models.CharField(_("title"), max_length=120)
    frequency = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices)
    first_start = models.DateTimeField()
    first_end = models.DateTimeField()
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("occurrences"), null=True, blank=True)
    skipped = models.JSONField(default=list, blank=True, help_text="Occurrence starts (ISO) skipped at creation.")
    uid = models.CharField(max_length=64, unique=True, editable=False, default=_uid)
    created_at = models.DateTimeField(default=timezone.now)
    # What the occurrences that left the series (moved on their own) had counted of its iCal SEQUENCE, plus one
    # each: the series' SEQUENCE (this + its occurrences') never goes down when one leaves.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_frequency_display()})"


class BookingStatus(models.TextChoices):
    # Each word qualifies a booking ("réservation", feminine in French): a context of their own keeps them
    # apart from the same English words said of a meeting or a file ("annulé", "refusé").
    HELD = "held", pgettext_lazy("booking status", "held for you")
    PENDING = "pending", pgettext_lazy("booking status", "awaiting approval")
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "confirmed")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "cancelled")
    REFUSED = "refused", pgettext_lazy("booking status", "refused")
    RELEASED = "released", pgettext_lazy("booking status", "released (no-show)")
    EXPIRED = "expired", pgettext_lazy("booking status", "hold expired")


ACTIVE_STATUSES = (BookingStatus.HELD, BookingStatus.PENDING, BookingStatus.CONFIRMED)


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def overlapping(self, start, end):
        """Bookings whose blocked range [start, blocks_until) meets [start, end)."""
        return self.filter(start__lt=end, blocks_until__gt=start)

    def revise(self, **changes) -> int:
        """`update()` for a change calendar apps must take: each booking's iCal SEQUENCE goes up, LAST-MODIFIED
        moves to now. Every change of title, time, space or status goes through here or `save_revision`."""
        return self.update(sequence=models.F("sequence") + 1, updated_at=timezone.now(), **changes)


class Booking(models.Model):
    space = models.ForeignKey(Space, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("space"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("member")
    )
    title = models.CharField(_("title"), max_length=120)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # end + the space's buffer when booked: the range no other booking of an exclusive space may meet.
    blocks_until = models.DateTimeField()
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    exclusive = models.BooleanField(default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings")
    hold_until = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    uid = models.CharField(max_length=64, unique=True, editable=False, default=_uid)
    # The revision a calendar app compares (iCal SEQUENCE, LAST-MODIFIED): see save_revision.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["space", "start"], name="booking_space_start_idx"),
            models.Index(fields=["user", "start"], name="booking_user_start_idx"),
            models.Index(fields=["status", "start"], name="booking_status_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_end_after_start"),
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="booking_at_least_one_seat"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.start)
        return f"{self.space} · {local:%d/%m/%Y %H:%M}"

    def save_revision(self, update_fields: list[str]) -> None:
        """Save a change calendar apps must take (title, time, space, status): without a higher SEQUENCE a
        subscribed calendar keeps the old version of the event."""
        self.sequence += 1
        self.updated_at = timezone.now()
        self.save(update_fields=[*update_fields, "sequence", "updated_at"])

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    OFFERED = "offered", _("slot offered")
    DONE = "done", _("booked")
    CANCELLED = "cancelled", _("withdrawn")


class WaitlistEntry(models.Model):
    """Someone who wants a slot that is taken; the first in line is offered it when it frees up."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="waitlist")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries", verbose_name=_("member")
    )
    title = models.CharField(_("title"), max_length=120)
    start = models.DateTimeField()
    end = models.DateTimeField()
    seats = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=10, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING)
    offered_booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="waitlist_offers"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list")

    def __str__(self) -> str:
        return f"{self.space} · {timezone.localtime(self.start):%d/%m/%Y %H:%M}"


def _token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A secret iCal address for one person's bookings or one space's; revoking it makes it 404."""

    token = models.CharField(
        max_length=64, unique=True, default=_token, editable=False, verbose_name=_("secret address code")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("member"),
    )
    space = models.ForeignKey(Space, null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, space__isnull=True)
                | models.Q(user__isnull=True, space__isnull=False),
                name="feed_for_a_user_or_a_space",
            )
        ]

    def __str__(self) -> str:
        return f"feed {self.pk} ({'revoked' if self.revoked_at else 'active'})"


def _card_code() -> str:
    """20 characters of base32 (100 random bits): unguessable, yet short enough to type at the desk."""
    return base64.b32encode(secrets.token_bytes(15)).decode("ascii")[:20]


class MemberCard(models.Model):
    """The printable member card: its QR code carries only this opaque token, never personal data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_cards", verbose_name=_("member")
    )
    token = models.CharField(
        max_length=64, unique=True, default=_card_code, editable=False, verbose_name=_("card code")
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member card")
        verbose_name_plural = _("member cards")

    def __str__(self) -> str:
        return f"card {self.pk} ({'revoked' if self.revoked_at else 'active'})"


class HousekeepingRun(models.Model):
    """One pass of the no-show and hold release schedule, so that staff can see it runs."""

    ran_at = models.DateTimeField(default=timezone.now, db_index=True)
    released = models.PositiveIntegerField(default=0)
    expired_holds = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-ran_at"]
        get_latest_by = "ran_at"

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}: {self.released} released, {self.expired_holds} holds expired"
