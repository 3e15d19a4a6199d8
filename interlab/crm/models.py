"""Entrepreneurs, their projects and the pipeline those projects move through, with everything around it."""

import re

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from interlab.core import storage
from interlab.core.languages import in_language
from interlab.core.models import Role
from interlab.core.sms import normalise_phone
from interlab.core.text import normalise

from .choices import LanguageLevel, LegalForm, Need, ReferralDirection, ReferralOutcome, ResidenceSituation

ISO_639_1 = RegexValidator(r"^[a-z]{2}$", _("Use a two-letter ISO 639-1 code, e.g. fr, ar."))
NACE_BEL = RegexValidator(r"^\d{2}(\.\d{1,3})?$|^$", _("A NACE-BEL code looks like 56.101 or 47."))


class Stage(models.Model):
    """A pipeline stage. Editable by admins; the keys are stable, the names translated."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name (French)"), max_length=80)
    name_translations = models.JSONField(
        _("names in other languages"), default=dict, blank=True, help_text=_('e.g. {"en": "Idea", "nl": "Idee"}')
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_exit = models.BooleanField(
        _("exit stage"), default=False, help_text=_("Paused, redirected, abandoned: reachable from any stage.")
    )
    is_launch = models.BooleanField(_("counts as launched"), default=False)
    stalled_after_days = models.PositiveSmallIntegerField(
        _("stalled after (days)"), null=True, blank=True, help_text=_("Empty: never flagged as stalled.")
    )
    requires_enterprise_number = models.BooleanField(_("requires an enterprise number"), default=False)
    requires_reason = models.BooleanField(_("a reason is required to enter it"), default=False)
    next_stages = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="previous_stages", verbose_name=_("allowed next stages")
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["is_exit", "order", "id"]

    def __str__(self) -> str:
        return str(self.display_name())

    def clean(self):
        names = self.name_translations
        codes = {code for code, _name in settings.LANGUAGES}
        if not isinstance(names, dict) or not all(
            isinstance(k, str) and k in codes and isinstance(v, str) for k, v in names.items()
        ):
            raise ValidationError(
                {"name_translations": _('Give an object of language code to name, e.g. {"en": "Idea", "nl": "Idee"}.')}
            )

    def display_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "fr")[:2]
        if language == "fr":
            return self.name
        names = self.name_translations if isinstance(self.name_translations, dict) else {}
        return names.get(language) or self.name


class ProgrammeQuerySet(models.QuerySet):
    def funded_by(self, user):
        return self.filter(funders=user)


class Programme(models.Model):
    """A funded programme (Region, ESF+, a foundation) that projects belong to."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    funders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="funded_programmes", verbose_name=_("funders")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="cohorts", verbose_name=_("programme")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


PHONE_TYPED = re.compile(r"^\+?[\d\s()./-]+$")
PHONE_DIGITS_MIN = 4  # fewer typed digits match too many numbers to mean anything


def phone_lookup(query: str) -> tuple[str, str] | None:
    """What a typed phone number (whole or its beginning) matches in the E.164 copy: (lookup, value), or None when
    the query is not a phone number. People type "0470 06 12 34" or "0470/06.12" for "+32 470 06 12 34".

    A whole number is compared whole; a beginning with its national 0 or its country (+32, 0032) is a prefix of
    the E.164 form; a run of digits without either is looked for anywhere in the number.
    """
    query = (query or "").strip()
    if not PHONE_TYPED.match(query):
        return None
    digits = re.sub(r"\D", "", query)
    if len(digits) < PHONE_DIGITS_MIN:
        return None
    whole = normalise_phone(query)
    if whole:
        return ("exact", whole)
    if query.startswith("+"):
        return ("startswith", "+" + digits)
    if digits.startswith("00"):
        return ("startswith", "+" + digits[2:])
    if digits.startswith("0"):
        country = phonenumbers.country_code_for_region(settings.SMS_DEFAULT_REGION)
        return ("startswith", f"+{country}{digits[1:]}")
    return ("contains", digits)


class EntrepreneurQuerySet(models.QuerySet):
    def active(self):
        return self.filter(erased_at__isnull=True)

    def search(self, query: str):
        """People whose name, e-mail, phone or one of whose project titles match what is typed.

        Each word must be found in the person's details or in the title of one of their projects ("amina
        boulangerie"); a phone number is also matched on its normalised copy, however it is written.
        """
        condition = models.Q()
        for term in normalise(query).split():
            titles = Project.objects.filter(entrepreneur=models.OuterRef("pk"), search_text__contains=term)
            condition &= models.Q(search_text__contains=term) | models.Exists(titles)
        phone = phone_lookup(query)
        if phone is not None:
            lookup, value = phone
            condition |= models.Q(**{f"phone_e164__{lookup}": value})
        return self.filter(condition)

    def speaking(self, code: str):
        return self.filter(spoken_languages__code=code)


class Entrepreneur(models.Model):
    """A person the incubator accompanies. Sensitive data lives apart, in SensitiveProfile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entrepreneur",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # A new address waiting to be confirmed from its own mailbox: until then `email` stays the old one.
    email_pending = models.EmailField(_("new e-mail, waiting for confirmation"), blank=True, editable=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The phone in E.164 (+32470061234), written on save: search finds the number however it was typed.
    # Empty when `phone` is not a number the phone plan knows.
    phone_e164 = models.CharField(
        max_length=16, blank=True, editable=False, db_index=True, verbose_name=_("phone in international format")
    )
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    arrival_year = models.PositiveSmallIntegerField(
        _("year of arrival in Belgium"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1930), MaxValueValidator(2100)],
    )
    skills = models.TextField(_("skills"), blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    gender = models.CharField(_("gender (self-described)"), max_length=60, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("possible duplicate of"),
    )
    search_text = models.CharField(
        max_length=400, blank=True, editable=False, db_index=True, verbose_name=_("search words")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    objects = EntrepreneurQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrepreneur")
        verbose_name_plural = _("entrepreneurs")
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(
                fields=["erased_at"], name="entrepreneur_erased_idx", condition=models.Q(erased_at__isnull=False)
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first_name="") | models.Q(erased_at__isnull=False),
                name="entrepreneur_first_name_required",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = normalise(f"{self.first_name} {self.last_name} {self.email} {self.phone}")[:400]
        self.phone_e164 = normalise_phone(self.phone) or ""
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "phone_e164"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("crm:entrepreneur", args=[self.pk])

    def needs_display(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(key, key)) for key in self.needs or []]

    @property
    def full_name(self) -> str:
        if self.erased_at:
            return str(_("(erased)"))
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self):
        unknown = [n for n in self.needs or [] if n not in Need.values]
        if unknown:
            raise ValidationError({"needs": _("Unknown needs: %(needs)s") % {"needs": ", ".join(map(str, unknown))}})


class SpokenLanguage(models.Model):
    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="spoken_languages", verbose_name=_("entrepreneur")
    )
    code = models.CharField(_("language"), max_length=2, validators=[ISO_639_1])
    level = models.CharField(_("level"), max_length=8, choices=LanguageLevel.choices, blank=True)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["entrepreneur", "code"], name="spoken_language_once")]
        indexes = [models.Index(fields=["code", "entrepreneur"])]

    def __str__(self) -> str:
        return f"{self.code} {self.level}".strip()


class SensitiveProfile(models.Model):
    """Residence situation and origin (GDPR art. 9/10 territory).

    Kept apart so that no ordinary query, serializer or export touches them by accident: they are only
    read through crm.services.sensitive_profile_read, which checks the role and writes a SensitiveRead.
    """

    entrepreneur = models.OneToOneField(
        Entrepreneur, on_delete=models.CASCADE, related_name="sensitive", verbose_name=_("entrepreneur")
    )
    country_of_origin = models.CharField(_("country of origin"), max_length=80, blank=True)
    residence_situation = models.CharField(
        _("residence situation"), max_length=20, choices=ResidenceSituation.choices, blank=True
    )
    residence_valid_until = models.DateField(_("residence document valid until"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sensitive profile")
        verbose_name_plural = _("sensitive profiles")

    def __str__(self) -> str:
        return f"sensitive profile #{self.entrepreneur_id}"


def validate_enterprise_number(value: str) -> None:
    """BCE/KBO number: 10 digits, starting 0 or 1, the last two a mod-97 check of the first eight."""
    digits = re.sub(r"[\s.]", "", value or "")
    if not re.fullmatch(r"[01]\d{9}", digits) or 97 - int(digits[:8]) % 97 != int(digits[8:]):
        raise ValidationError(_("%(value)s is not a valid enterprise number (BCE/KBO)."), params={"value": value})


class ProjectQuerySet(models.QuerySet):
    def active(self):
        # NOT IN (the few erased people) rather than a join on every entrepreneur row: the board's count per
        # stage then runs on the (stage, entrepreneur) index alone (143 ms → 9 ms with 100,000 projects).
        return self.exclude(entrepreneur__in=Entrepreneur.objects.filter(erased_at__isnull=False).values("pk"))

    def in_stage(self, stage):
        return self.filter(stage=stage)

    def search(self, query: str):
        """Projects whose title, or whose person's name, e-mail or phone, match what is typed (see
        EntrepreneurQuerySet.search): each word in the title or the person's details."""
        condition = models.Q()
        for term in normalise(query).split():
            condition &= models.Q(search_text__contains=term) | models.Q(entrepreneur__search_text__contains=term)
        phone = phone_lookup(query)
        if phone is not None:
            lookup, value = phone
            condition |= models.Q(**{f"entrepreneur__phone_e164__{lookup}": value})
        return self.filter(condition)

    def stalled(self, stages, now=None):
        """Projects past their stage's stalled threshold; one OR-ed condition per stage, one query."""
        now = now or timezone.now()
        condition = models.Q(pk__in=[])
        for stage in stages:
            if stage.stalled_after_days:
                cutoff = now - timezone.timedelta(days=stage.stalled_after_days)
                condition |= models.Q(stage=stage, stage_entered_at__lt=cutoff)
        return self.filter(condition)


class Project(models.Model):
    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="projects", verbose_name=_("entrepreneur")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sector = models.CharField(_("sector"), max_length=120, blank=True, db_index=True)
    nace_code = models.CharField(_("NACE-BEL code"), max_length=7, blank=True, validators=[NACE_BEL])
    legal_form = models.CharField(
        _("target legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.UNDECIDED
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coached_projects",
        verbose_name=_("coach"),
    )
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects", verbose_name=_("cohort")
    )
    programme = models.ForeignKey(
        Programme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("programme"),
    )
    enterprise_number = models.CharField(
        _("enterprise number (BCE)"), max_length=14, blank=True, validators=[validate_enterprise_number]
    )
    # The current stage and when it was entered are a cache of the last StageTransition, written only by
    # crm.services.project_move, so that the board reads one row per card instead of replaying events.
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="projects", verbose_name=_("stage"))
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The title normalised (case, accents, script) for search, written on save.
    search_text = models.CharField(max_length=400, blank=True, editable=False, verbose_name=_("search words"))

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["stage", "stage_entered_at"], name="project_board_idx"),
            models.Index(fields=["stage", "entrepreneur"], name="project_stage_person_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalise(self.title)[:400]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.entrepreneur.get_absolute_url()

    @property
    def next_stage(self) -> "Stage | None":
        """The next ordinary stage allowed from here (the step ahead on the entrepreneur's path)."""
        ahead = [s for s in self.stage.next_stages.all() if not s.is_exit and s.order > self.stage.order]
        return min(ahead, key=lambda s: s.order) if ahead else None


class IntakeRotaQuerySet(models.QuerySet):
    def taking(self):
        """The rota's coaches who take new applicants now (an active coach or admin login)."""
        return self.filter(
            takes_applicants=True, coach__is_active=True, coach__role__in=[Role.COACH, Role.ADMIN]
        ).select_related("coach")


class IntakeRota(models.Model):
    """Who receives the applications of the public site: editable by an admin (CMS admin, Pipeline).

    A new applicant goes to a coach on the rota who speaks one of their languages or covers their commune;
    else to the rota's next coach in turn (the one served longest ago). An empty rota leaves them unassigned.
    """

    coach = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_rota", verbose_name=_("coach")
    )
    takes_applicants = models.BooleanField(_("takes new applicants"), default=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_('Two-letter codes, e.g. ["ar", "en"].')
    )
    communes = models.JSONField(_("communes"), default=list, blank=True, help_text=_('e.g. ["Liège", "Seraing"].'))
    last_assigned_at = models.DateTimeField(_("last applicant received"), null=True, blank=True)

    objects = IntakeRotaQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake rota entry")
        verbose_name_plural = _("intake rota")
        ordering = ["coach__username"]

    def __str__(self) -> str:
        return str(self.coach)


class StageTransition(models.Model):
    """One move of a project between stages: the event the board, history and impact derive from."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["project", "at"])]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_stage_id} → {self.to_stage_id}"


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    CALL = "call", _("call")
    WORKSHOP = "workshop", _("workshop")
    MESSAGE = "message", _("message")
    NOTE = "note", _("note")


class Interaction(models.Model):
    """A meeting, call, workshop or message with its note. Private notes are never shown to the person."""

    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="interactions", verbose_name=_("entrepreneur")
    )
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices, default=InteractionKind.MEETING)
    occurred_at = models.DateTimeField(_("date"), default=timezone.now)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    note = models.TextField(_("note"), blank=True)
    is_private = models.BooleanField(_("private note (coaches only)"), default=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logged by"),
    )

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Task(models.Model):
    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("entrepreneur")
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks", verbose_name=_("project")
    )
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tasks",
        verbose_name=_("assignee"),
    )
    for_entrepreneur = models.BooleanField(
        _("to be done by the entrepreneur"), default=False, help_text=_("Shown in the entrepreneur's space.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due_date", "id"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_date"])]

    def __str__(self) -> str:
        return self.title


class PartnerCategory(models.TextChoices):
    FINANCING = "financing", _("financing")
    SUPPORT = "support", _("business support")
    ADMIN = "admin", _("administrative procedures")
    TRAINING = "training", _("training and employment")
    INTEGRATION = "integration", _("integration and language")
    NETWORK = "network", _("network and community")


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=PartnerCategory.choices)
    description = models.TextField(_("what they do"), blank=True)
    description_translations = models.JSONField(
        _("what they do, in other languages"),
        default=dict,
        blank=True,
        help_text=_('e.g. {"en": "Professional microcredit and support."}'),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    needs = models.JSONField(_("needs they answer"), default=list, blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="partner_organisations", verbose_name=_("partner accounts")
    )

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def display_description(self, language: str | None = None) -> str:
        """What they do in the reader's language; the French when it has no translation."""
        return in_language(self.description, self.description_translations, language) if self.description else ""


class ReferralQuerySet(models.QuerySet):
    def for_partner_user(self, user):
        """Referrals sent to an organisation the user answers for (never those the partner sent to us)."""
        return self.filter(
            partner__in=Partner.objects.filter(users=user),
            direction=ReferralDirection.OUT,
            entrepreneur__erased_at__isnull=True,
        )

    def open(self):
        return self.filter(outcome__in=[ReferralOutcome.PENDING, ReferralOutcome.ACCEPTED])


class Referral(models.Model):
    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("entrepreneur")
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner"))
    direction = models.CharField(
        _("direction"), max_length=3, choices=ReferralDirection.choices, default=ReferralDirection.OUT
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ReferralOutcome.choices, default=ReferralOutcome.PENDING
    )
    referred_on = models.DateField(_("date"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("referred by"),
    )
    # The partner organisation's answer (crm.services.referral_answer): the coach sees it on the person's timeline.
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    outcome_on = models.DateField(_("date of the outcome"), null=True, blank=True)
    answer_note = models.TextField(_("note from the partner"), blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.partner} — {self.purpose}"


class DocumentRequest(models.Model):
    """A document the coach asks the entrepreneur for; fulfilled when a Document is uploaded against it."""

    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="document_requests", verbose_name=_("entrepreneur")
    )
    title = models.CharField(_("document"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # The document asked for shows the residence situation (a residence permit, a foreigner's card): what answers
    # it is read-logged and cleared with the residence situation, like a dossier's residence annex.
    residence_document = models.BooleanField(
        _("residence document"),
        default=False,
        help_text=_(
            "A residence permit or a foreigner's card: its downloads are logged and it is deleted with the "
            "residence situation."
        ),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return self.title


def private_storage():
    # A proxy rather than the instance: it follows STORAGES when that changes (tests, local disk or S3).
    return storage.private_storage


def private_document_path(instance: "Document", filename: str) -> str:
    # The stored name never carries the person's name or the original filename.
    return f"documents/{instance.entrepreneur_id}/{instance.sha256}{instance.extension}"


class Document(models.Model):
    """A private upload (PDF, JPEG, PNG), stored outside any public URL and served by an authorised view."""

    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.CASCADE, related_name="documents", verbose_name=_("entrepreneur")
    )
    request = models.ForeignKey(
        DocumentRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        storage=private_storage, upload_to=private_document_path, max_length=300, verbose_name=_("file")
    )
    original_name = models.CharField(max_length=255, blank=True, verbose_name=_("original file name"))
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    is_shared = models.BooleanField(_("visible to the entrepreneur"), default=True)
    # A residence permit reveals the residence situation: its downloads are logged like SensitiveProfile's reads,
    # and the retention schedule deletes it with the residence situation.
    residence_document = models.BooleanField(_("residence document"), default=False, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(self.content_type, "")


class ImportBatch(models.Model):
    """A CSV/XLSX import held for preview: nothing reaches the pipeline until a coach confirms it."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("preview")
        CONFIRMED = "confirmed", _("imported")
        CANCELLED = "cancelled", _("cancelled")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("imported by")
    )
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255, verbose_name=_("file name"))
    rows = models.JSONField(default=list, verbose_name=_("rows of the spreadsheet"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREVIEW)
    result = models.JSONField(default=dict, blank=True, verbose_name=_("import result"))

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
