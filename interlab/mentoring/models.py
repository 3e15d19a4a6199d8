"""Mentor profiles, matching runs, the pairs (matches) they propose and everything a pair lives through."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interlab.crm.models import ISO_639_1, LanguageLevel


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    BOTH = "both", _("in person or online")


class Gender(models.TextChoices):
    """A mentor's gender as they declare it themselves (empty: not said), and what a mentee may ask for."""

    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("another gender")


class MentorQuerySet(models.QuerySet):
    def available(self):
        return self.filter(paused=False, user__is_active=True)


class MentorProfile(models.Model):
    """A volunteer mentor: who they are for matching purposes, and how many mentees they can take."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile", verbose_name=_("account")
    )
    is_local = models.BooleanField(
        _("local person"), default=True, help_text=_("Off for a mentor who came to Belgium themselves.")
    )
    # Self-declared and optional: only used when a mentee asks for a mentor of a given gender.
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Codes and levels, e.g. fr C2, ar native.")
    )
    expertise = models.JSONField(_("expertise tags"), default=list, blank=True)
    expertise_text = models.TextField(_("experience in their own words"), blank=True)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (active mentees at most)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours available per month"), default=4, validators=[MaxValueValidator(200)]
    )
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    mode = models.CharField(_("meetings"), max_length=12, choices=Mode.choices, default=Mode.BOTH)
    programmes = models.ManyToManyField(
        "crm.Programme",
        blank=True,
        related_name="mentors",
        verbose_name=_("only in these programmes"),
        help_text=_("Empty: any programme. A women's programme, for instance, lists its own mentors here."),
    )
    paused = models.BooleanField(_("paused"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MentorQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["user__last_name", "user__first_name", "id"]

    def __str__(self) -> str:
        return str(self.user)

    def clean(self):
        languages = self.languages if isinstance(self.languages, list) else None
        if languages is None:
            raise ValidationError({"languages": _("Give a list of languages.")})
        levels = set(LanguageLevel.values) | {""}
        for item in languages:
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                raise ValidationError({"languages": _("Each language needs a two-letter code.")})
            try:
                ISO_639_1(item["code"])
            except ValidationError as exc:
                raise ValidationError({"languages": exc.messages}) from exc
            if item.get("level", "") not in levels:
                raise ValidationError({"languages": _("Unknown language level.")})
        for field in ("expertise", "sectors"):
            value = getattr(self, field)
            if not isinstance(value, list) or not all(isinstance(v, str) and 0 < len(v) <= 80 for v in value):
                raise ValidationError({field: _("Give a list of short words.")})

    @property
    def language_codes(self) -> list[str]:
        return [item["code"] for item in self.languages or []]


class BinomeMode(models.TextChoices):
    """How a programme treats the local–newcomer pair, the binôme that is the programme's purpose."""

    REQUIRED = "required", _("required: only a local person with a newcomer")
    PREFERRED = "preferred", _("preferred: a bonus in the score")
    INDIFFERENT = "indifferent", _("indifferent: not taken into account")


class MatchingWeights(models.Model):
    """The weight of each feature block and the local–newcomer rule, per programme (null: the default, which
    programmes without their own row follow). Every change is a new version."""

    programme = models.OneToOneField(
        "crm.Programme", null=True, blank=True, on_delete=models.CASCADE, related_name="matching_weights"
    )
    weights = models.JSONField(default=dict)
    # Programmes carry no "binôme" marker: every programme requires the pair until an administrator says otherwise.
    binome = models.CharField(
        _("local × newcomer pairs"), max_length=12, choices=BinomeMode.choices, default=BinomeMode.REQUIRED
    )
    version = models.PositiveIntegerField(default=1)
    # Computed by the server from the outcomes when the weights are saved (learning.evaluate), never sent in:
    # the mean AUC over the cross-validation folds, its standard deviation, and how many pairs it rests on.
    auc = models.FloatField(null=True, blank=True)
    auc_sd = models.FloatField(null=True, blank=True)
    auc_outcomes = models.PositiveIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("updated by")
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")
        constraints = [
            # NULLs are distinct in a unique index: the default row is made unique on a constant instead.
            models.UniqueConstraint(
                Coalesce("programme", models.Value(0)),
                condition=models.Q(programme__isnull=True),
                name="one_default_weights",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme or 'default'} v{self.version}"


class RunMode(models.TextChoices):
    OPTIMAL = "optimal", _("best pairs for the whole programme")
    SHORTLIST = "shortlist", _("a shortlist of three for each mentee to choose from")


class MatchingRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    programme = models.ForeignKey(
        "crm.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("programme")
    )
    mode = models.CharField(_("mode"), max_length=12, choices=RunMode.choices, default=RunMode.OPTIMAL)
    seed = models.PositiveIntegerField(_("seed"), default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    step = models.CharField(max_length=40, blank=True)
    model_version = models.PositiveIntegerField(default=1)
    stats = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"run #{self.pk}"


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    OFFERED = "offered", _("offered to the mentor")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ACTIVE = "active", _("active")
    ENDED = "ended", _("ended")


class Withdrawal(models.TextChoices):
    """Why an offer was withdrawn. A coach's withdrawal rules the pair out; a mentor with no place left does not
    (they may have room later)."""

    COACH = "coach", _("withdrawn by a coach")
    NO_PLACE = "no_place", _("the mentor had no place left")


class DeclineReason(models.TextChoices):
    NO_TIME = "no_time", _("no time right now")
    EXPERTISE = "expertise", _("not my expertise")
    OTHER_MENTOR = "other_mentor", _("another mentor would fit better")
    OTHER = "other", _("another reason")


class Fit(models.TextChoices):
    GOOD = "good", _("good fit")
    UNSURE = "unsure", _("still deciding")
    BAD = "bad", _("not a good fit")


# A mentee has at most one pair in progress; a proposal does not count (a run may be discarded).
OPEN_STATUSES = (MatchStatus.OFFERED, MatchStatus.ACTIVE)
RUNNING_STATUSES = (MatchStatus.ACCEPTED, MatchStatus.ACTIVE)
# A mentor's places: taken by running pairs and held by pending offers, so that every offer can be honoured.
HOLDING_STATUSES = (MatchStatus.OFFERED, *RUNNING_STATUSES)


class MatchQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def running(self):
        """Pairs the mentor said yes to and that still run."""
        return self.filter(status__in=RUNNING_STATUSES)

    def holding_capacity(self):
        """Pairs that take one of the mentor's places: running, and offered (a pending offer holds its place)."""
        return self.filter(status__in=HOLDING_STATUSES)


class Match(models.Model):
    """A mentor–mentee pair, from proposal to its end. A proposal keeps the features that scored it."""

    run = models.ForeignKey(MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="matches")
    programme = models.ForeignKey("crm.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mentee = models.ForeignKey(
        "crm.Entrepreneur", on_delete=models.CASCADE, related_name="mentor_matches", verbose_name=_("mentee")
    )
    mentor = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="matches", verbose_name=_("mentor")
    )
    status = models.CharField(_("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    score = models.FloatField(_("score"), default=0)
    reasons = models.JSONField(default=list, blank=True, verbose_name=_("why this pair was proposed"))
    features = models.JSONField(default=dict, blank=True, verbose_name=_("similarity measures"))
    constraints = models.JSONField(default=list, blank=True, verbose_name=_("conditions checked"))
    model_version = models.PositiveIntegerField(default=1)
    pinned = models.BooleanField(_("pinned"), default=False)
    shortlist_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    shortlist_open = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    offered_at = models.DateTimeField(null=True, blank=True)
    info_requested_at = models.DateTimeField(null=True, blank=True)
    info_question = models.TextField(blank=True, verbose_name=_("the mentor's question"))
    responded_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawal = models.CharField(max_length=12, choices=Withdrawal.choices, blank=True)
    decline_reason = models.CharField(
        max_length=20, choices=DeclineReason.choices, blank=True, verbose_name=_("reason for declining")
    )
    decline_note = models.TextField(blank=True, verbose_name=_("note on declining"))
    mentor_fit = models.CharField(
        max_length=8, choices=Fit.choices, blank=True, verbose_name=_("the mentor's view of the pair")
    )
    mentee_fit = models.CharField(
        max_length=8, choices=Fit.choices, blank=True, verbose_name=_("the mentee's view of the pair")
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_early = models.BooleanField(default=False)
    end_reason = models.TextField(blank=True, verbose_name=_("reason for ending"))
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ended by"),
    )
    reminders = models.JSONField(default=dict, blank=True, verbose_name=_("reminders sent"))

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"], condition=models.Q(status__in=["offered", "active"]), name="one_open_pair_per_mentee"
            ),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100), name="match_score_0_100"),
        ]
        indexes = [models.Index(fields=["mentor", "status"]), models.Index(fields=["status", "offered_at"])]

    def __str__(self) -> str:
        return f"{self.mentor} × {self.mentee}"


class Exclusion(models.Model):
    """A pair a coach ruled out, or one a mentor declined: never proposed again."""

    mentee = models.ForeignKey("crm.Entrepreneur", on_delete=models.CASCADE, related_name="+", verbose_name=_("mentee"))
    mentor = models.ForeignKey(
        MentorProfile, on_delete=models.CASCADE, related_name="exclusions", verbose_name=_("mentor")
    )
    reason = models.CharField(max_length=20, blank=True, verbose_name=_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("excluded by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("excluded pair")
        verbose_name_plural = _("excluded pairs")
        constraints = [models.UniqueConstraint(fields=["mentee", "mentor"], name="exclusion_once")]

    def __str__(self) -> str:
        return f"{self.mentor_id} ≠ {self.mentee_id}"


class MentorWish(models.Model):
    """What a mentee asks of their mentor, as a hard constraint: a gender, a language the mentor speaks, or both.

    Set by the mentee on their mentoring page or by a coach on their behalf. Some women trust a woman mentor
    more (harassment and abuse are named in the field); matching never proposes a mentor who does not fit.
    """

    mentee = models.OneToOneField(
        "crm.Entrepreneur", on_delete=models.CASCADE, related_name="mentor_wish", verbose_name=_("mentee")
    )
    mentor_gender = models.CharField(_("the mentor's gender"), max_length=8, choices=Gender.choices, blank=True)
    mentor_language = models.CharField(
        _("a language the mentor speaks"), max_length=2, blank=True, validators=[ISO_639_1]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mentee's wish about the mentor")
        verbose_name_plural = _("mentees' wishes about the mentor")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mentor_gender="", mentor_language=""), name="mentor_wish_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id}: {self.mentor_gender or '-'} {self.mentor_language or '-'}"


class MentoringSession(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60, validators=[MaxValueValidator(600)])
    note = models.TextField(_("what you worked on"), blank=True, max_length=4000)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logged by")
    )
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.match_id} {self.held_on}"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("fixed")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("by phone")
    VIDEO = "video", _("by video call")


def _meeting_uid() -> str:
    return uuid.uuid4().hex


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Fixed meetings that have not started yet."""
        return self.filter(status=MeetingStatus.ACCEPTED, start__gte=now or timezone.now())

    def to_log(self, now=None):
        """Fixed meetings that are over and not logged as a session yet (the pair is invited to log them)."""
        now = now or timezone.now()
        return self.filter(status=MeetingStatus.ACCEPTED, start__lt=now, session__isnull=True)


class Meeting(models.Model):
    """A meeting one side of a pair proposes (one to three times), the other side fixes by accepting a time.

    Once it took place it may be logged as a MentoringSession (``session``). ``sequence`` is the iCalendar
    SEQUENCE: bumped by every change a calendar that imported the meeting must follow (its cancellation).
    """

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="meetings")
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED)
    options = models.JSONField(_("proposed times"), default=list, help_text=_("ISO 8601 instants, in UTC."))
    start = models.DateTimeField(_("time"), null=True, blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    mode = models.CharField(_("how"), max_length=10, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True)
    link = models.URLField(
        _("video link"), max_length=500, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # The word that came with a decline or a cancellation, for the other side.
    answer_note = models.TextField(_("message"), max_length=2000, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    uid = models.CharField(max_length=64, unique=True, editable=False, default=_meeting_uid)
    sequence = models.PositiveIntegerField(default=0)
    session = models.OneToOneField(
        MentoringSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | models.Q(start__isnull=False), name="meeting_fixed_has_time"
            ),
            models.CheckConstraint(condition=models.Q(minutes__gte=15, minutes__lte=480), name="meeting_minutes"),
        ]
        indexes = [models.Index(fields=["match", "status"])]

    def __str__(self) -> str:
        return f"{self.match_id} {self.start or self.status}"

    @property
    def option_times(self) -> list[datetime]:
        return [datetime.fromisoformat(value) for value in self.options or []]

    @property
    def end(self) -> datetime | None:
        return self.start + timedelta(minutes=self.minutes) if self.start else None


class Feedback(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("given by")
    )
    satisfaction = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(blank=True, max_length=4000, verbose_name=_("comment"))
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback on a pair")
        verbose_name_plural = _("feedback on pairs")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__gte=1, satisfaction__lte=5), name="feedback_satisfaction_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.match_id}: {self.satisfaction}"


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for a coach")
    APPROVED = "approved", _("approved: invitation sent")
    DECLINED = "declined", _("declined")


class MentorApplication(models.Model):
    """Someone who offered to mentor on the public page. Not a mentor yet: matching never sees an application.

    A coach approves it (an invitation makes the login; the profile is made when the person sets a password)
    or declines it. Kept apart from MentorProfile, whose login is required: an applicant has none.
    """

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_local = models.BooleanField(_("local person"), default=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    expertise = models.JSONField(_("expertise tags"), default=list, blank=True)
    expertise_text = models.TextField(_("experience in their own words"), blank=True, max_length=2000)
    capacity = models.PositiveSmallIntegerField(
        _("capacity (active mentees at most)"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours available per month"), default=4, validators=[MaxValueValidator(200)]
    )
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    mode = models.CharField(_("meetings"), max_length=12, choices=Mode.choices, default=Mode.BOTH)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    mentor = models.OneToOneField(
        MentorProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        verbose_name=_("mentor profile"),
    )

    class Meta:
        verbose_name = _("mentor application")
        verbose_name_plural = _("mentor applications")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1, capacity__lte=10), name="application_capacity")
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
