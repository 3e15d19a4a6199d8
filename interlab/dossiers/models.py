"""Professional-card dossiers: checklist rules and exemptions (editable data), the dossier, its items and builds."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interlab.core import storage
from interlab.core.languages import in_language
from interlab.crm.choices import ResidenceSituation


class Requirement(models.TextChoices):
    REQUIRED = "required", _("required")
    OPTIONAL = "optional", _("optional")
    UNCERTAIN = "uncertain", _("uncertain")


class Evidence(models.TextChoices):
    UPLOAD = "upload", _("a document is attached")
    FACT_ONLY = "fact_only", _("only the fact and its date are kept")


class TranslatedLabel(models.Model):
    """A French label with optional translations, like the pipeline stages."""

    label = models.CharField(_("label (French)"), max_length=200)
    label_translations = models.JSONField(
        _("labels in other languages"), default=dict, blank=True, help_text=_('e.g. {"en": "Passport copy"}')
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_label()

    def display_label(self, language: str | None = None) -> str:
        return in_language(self.label, self.label_translations, language)


class ChecklistRule(TranslatedLabel):
    """One document of the application. Admins edit these: what Wallonia asks is partly uncertain."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    help_text = models.TextField(_("explanation"), blank=True)
    help_translations = models.JSONField(
        _("explanations in other languages"),
        default=dict,
        blank=True,
        help_text=_('e.g. {"en": "Required in Brussels and Flanders."}'),
    )
    requirement = models.CharField(
        _("requirement"), max_length=10, choices=Requirement.choices, default=Requirement.REQUIRED
    )
    counts_for_readiness = models.BooleanField(
        _("needed for the dossier to be ready"),
        default=True,
        help_text=_("Uncertain items are on by default; switch off once the administration confirms it is not asked."),
    )
    regulated_only = models.BooleanField(
        _("only for regulated activities"), default=False, help_text=_("Food, construction, hairdressing…")
    )
    max_age_days = models.PositiveSmallIntegerField(
        _("valid for (days)"), null=True, blank=True, help_text=_("Empty: no freshness limit.")
    )
    evidence = models.CharField(_("evidence kept"), max_length=10, choices=Evidence.choices, default=Evidence.UPLOAD)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("checklist rule")
        verbose_name_plural = _("checklist rules")
        ordering = ["order", "id"]

    def display_help(self, language: str | None = None) -> str:
        """The explanation in the reader's language (French when it has no translation, and in the PDF)."""
        return in_language(self.help_text, self.help_translations, language) if self.help_text else ""

    @property
    def needed(self) -> bool:
        """Counts for readiness: required items always, uncertain ones while they are switched on."""
        if self.requirement == Requirement.REQUIRED:
            return True
        return self.requirement == Requirement.UNCERTAIN and self.counts_for_readiness


# The checklist items whose document is a residence permit: it reveals the residence situation, so it is stored as
# a residence document of the person's file (downloads logged, deleted with the residence situation).
RESIDENCE_RULES = frozenset({"residence"})


class ExemptionOutcome(models.TextChoices):
    EXEMPT = "exempt", _("exempt")
    UNSURE = "unsure", _("unsure: ask your coach")


class Exemption(TranslatedLabel):
    """A situation of the Walloon exemption list (or an uncertain one) offered by the eligibility wizard."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=ExemptionOutcome.choices)
    residence_situation = models.CharField(
        _("implied by the residence situation"),
        max_length=20,
        choices=ResidenceSituation.choices,
        blank=True,
        help_text=_(
            "When the person's file records this residence situation, the coach opening the eligibility step is "
            "offered this exemption to confirm."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["residence_situation"],
                condition=~models.Q(residence_situation=""),
                name="exemption_situation_once",
                violation_error_message=_("Another exemption is already implied by this residence situation."),
            )
        ]


class RegulatedActivity(TranslatedLabel):
    """An activity that needs proof of professional competence; recognised by its NACE-BEL code prefixes."""

    nace_prefixes = models.JSONField(
        _("NACE-BEL code prefixes"), default=list, blank=True, help_text=_('e.g. ["56", "10.71"]')
    )

    class Meta:
        verbose_name = _("regulated activity")
        verbose_name_plural = _("regulated activities")
        ordering = ["label"]

    def matches(self, nace_code: str) -> bool:
        code = (nace_code or "").strip()
        return bool(code) and any(code.startswith(str(prefix)) for prefix in self.nace_prefixes or [])


class Eligibility(models.TextChoices):
    UNKNOWN = "unknown", _("not assessed yet")
    NEEDED = "needed", _("a card is needed")
    EXEMPT = "exempt", _("exempt")
    UNSURE = "unsure", _("unsure: ask your coach")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    READY = "ready", _("ready")
    SUBMITTED = "submitted", _("submitted")
    FORWARDED = "forwarded", _("forwarded to the Region")
    INFO_REQUESTED = "info_requested", _("additional information requested")
    INADMISSIBLE = "inadmissible", _("inadmissible")
    GRANTED = "granted", _("granted")
    REFUSED = "refused", _("refused")
    CLOSED = "closed", _("closed without follow-up")


# The procedure itself (draft → … → decision); the administration's steps are law, not editable data.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.READY,),
    Status.READY: (Status.DRAFT, Status.SUBMITTED),
    Status.SUBMITTED: (Status.FORWARDED, Status.INFO_REQUESTED, Status.INADMISSIBLE, Status.CLOSED),
    Status.FORWARDED: (Status.INFO_REQUESTED, Status.INADMISSIBLE, Status.GRANTED, Status.REFUSED, Status.CLOSED),
    Status.INFO_REQUESTED: (Status.FORWARDED, Status.INADMISSIBLE, Status.GRANTED, Status.REFUSED, Status.CLOSED),
    Status.INADMISSIBLE: (Status.DRAFT,),
    Status.REFUSED: (Status.DRAFT,),
    Status.GRANTED: (),
    Status.CLOSED: (Status.DRAFT,),
}
OPEN_STATUSES = (Status.DRAFT, Status.READY, Status.SUBMITTED, Status.FORWARDED, Status.INFO_REQUESTED)


class DossierQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


def empty_finance() -> dict:
    return {"uses": [], "sources": [], "forecast": []}


class Dossier(models.Model):
    """One application for a professional card, for one project, assembled by the entrepreneur and a coach."""

    project = models.ForeignKey(
        "crm.Project", on_delete=models.CASCADE, related_name="dossiers", verbose_name=_("project")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    eligibility = models.CharField(
        _("eligibility"), max_length=10, choices=Eligibility.choices, default=Eligibility.UNKNOWN
    )
    exemption = models.ForeignKey(
        Exemption, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("exemption")
    )
    eligibility_flagged = models.BooleanField(_("flagged to the coach"), default=False)
    # When a coach set aside the exemption proposed from the residence situation: not proposed again until the
    # person's sensitive profile changes. A time, not the situation: the dossier keeps no copy of it.
    exemption_proposal_dismissed_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("exemption proposal set aside")
    )
    regulated = models.BooleanField(_("regulated activity"), default=False)
    # Content of the application.
    # The applicant's identity block of the application, as the form asks it. The nationality is sensitive: read
    # by the owner and the coaches only, each read logged (services.applicant_nationality_read), never counted.
    applicant_nationality = models.CharField(
        _("nationality"), max_length=2, blank=True, help_text=_("Two-letter country code (ISO 3166).")
    )
    applicant_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    applicant_address = models.TextField(_("address"), blank=True, max_length=300)
    project_summary = models.TextField(_("the project"), blank=True)
    market = models.TextField(_("market and customers"), blank=True)
    business_plan = models.TextField(_("business plan summary"), blank=True)
    interest = models.JSONField(_("interest for the Region"), default=dict, blank=True)
    jobs_planned = models.PositiveSmallIntegerField(_("jobs planned within 3 years"), null=True, blank=True)
    finance = models.JSONField(_("financial plan"), default=empty_finance, blank=True)
    # The procedure.
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    guichet = models.CharField(_("guichet d'entreprises"), max_length=120, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    info_requested = models.TextField(_("information requested"), blank=True)
    inadmissible_reason = models.TextField(_("reason for inadmissibility"), blank=True)
    card_number = models.CharField(_("card number"), max_length=40, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    appeal_deadline = models.DateField(_("appeal deadline"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    renewal_reminded_for = models.DateField(null=True, blank=True, editable=False)
    residence_reminded_for = models.DateField(
        null=True, blank=True, editable=False, verbose_name=_("residence end date reminded")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("professional-card dossier")
        verbose_name_plural = _("professional-card dossiers")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "valid_until"], name="dossier_status_valid_idx")]

    def __str__(self) -> str:
        return f"{self.project} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("dossiers:detail", args=[self.pk])


class ItemState(models.TextChoices):
    MISSING = "missing", _("missing")
    PROVIDED = "provided", _("provided")
    VERIFIED = "verified", _("verified by the coach")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class DossierItem(models.Model):
    """The state of one checklist rule in one dossier; a rule without a row is missing."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="items")
    rule = models.ForeignKey(ChecklistRule, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=ItemState.choices, default=ItemState.MISSING)
    document_date = models.DateField(
        _("date of the document"), null=True, blank=True, help_text=_("Issue date, for documents valid a limited time.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [models.UniqueConstraint(fields=["dossier", "rule"], name="dossier_item_once")]

    def __str__(self) -> str:
        return f"{self.rule.key}: {self.state}"


class DossierAnnex(models.Model):
    """An uploaded document (a crm Document, stored privately) attached to the dossier as an annex."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="annexes")
    rule = models.ForeignKey(
        ChecklistRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("for")
    )
    document = models.ForeignKey("crm.Document", on_delete=models.CASCADE, related_name="dossier_annexes")
    title = models.CharField(_("title"), max_length=200)
    pages = models.PositiveSmallIntegerField(default=1)
    order = models.PositiveSmallIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


def private_storage():
    # A proxy rather than the instance: it follows STORAGES when that changes (tests, local disk or S3).
    return storage.private_storage


def build_path(instance: "DossierBuild", filename: str) -> str:
    return f"dossiers/{instance.dossier_id}/{instance.sha256}.pdf"


class BuildState(models.TextChoices):
    QUEUED = "queued", _("waiting for its turn")
    RUNNING = "running", _("being built")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class DossierBuild(models.Model):
    """One PDF build: its progress, then the file, its checksum and a snapshot of what it was made from."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="builds")
    state = models.CharField(max_length=10, choices=BuildState.choices, default=BuildState.QUEUED)
    step = models.CharField(max_length=60, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(
        storage=private_storage, upload_to=build_path, max_length=300, blank=True, verbose_name=_("PDF file")
    )
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    snapshot = models.JSONField(default=dict, blank=True, verbose_name=_("content printed"))
    error = models.TextField(blank=True, verbose_name=_("error"))

    class Meta:
        verbose_name = _("PDF build")
        verbose_name_plural = _("PDF builds")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["dossier", "state"])]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.state} {self.requested_at:%Y-%m-%d %H:%M}"

    @property
    def in_progress(self) -> bool:
        return self.state in (BuildState.QUEUED, BuildState.RUNNING)
