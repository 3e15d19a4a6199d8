"""What the impact figures need beyond the pipeline: follow-ups, financing, education, baselines, stage spells.

Nothing here is shown per person to a funder: the dashboards read these tables only through the aggregates
of impact.selectors.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FollowUpMilestone(models.IntegerChoices):
    """InBIA-style follow-up of launched businesses at fixed milestones, up to five years."""

    M6 = 6, _("6 months after launch")
    M12 = 12, _("12 months after launch")
    M24 = 24, _("24 months after launch")
    M36 = 36, _("36 months after launch")
    M48 = 48, _("48 months after launch")
    M60 = 60, _("60 months after launch")


class FollowUp(models.Model):
    """Where a launched business stands at a milestone: still operating, jobs created (full- and part-time)."""

    project = models.ForeignKey(
        "crm.Project", on_delete=models.CASCADE, related_name="impact_follow_ups", verbose_name=_("project")
    )
    months_after_launch = models.PositiveSmallIntegerField(_("milestone"), choices=FollowUpMilestone.choices)
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)
    operating = models.BooleanField(_("business still operating"), default=True)
    jobs_full_time = models.PositiveIntegerField(
        _("full-time jobs"), default=0, validators=[MaxValueValidator(10_000)], help_text=_("Including the founder.")
    )
    jobs_part_time = models.PositiveIntegerField(_("part-time jobs"), default=0, validators=[MaxValueValidator(10_000)])
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["project", "months_after_launch"]
        constraints = [
            models.UniqueConstraint(fields=["project", "months_after_launch"], name="impact_follow_up_once"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} @ {self.months_after_launch} months"


class FinancingSource(models.TextChoices):
    MICROCREDIT = "microcredit", _("microcredit")
    LOAN = "loan", _("bank loan")
    GRANT = "grant", _("grant or subsidy")
    OWN_FUNDS = "own_funds", _("own funds")
    OTHER = "other", _("other")


class Financing(models.Model):
    """Money a project obtained, by source (microStart and Crédal loans are microcredit)."""

    project = models.ForeignKey(
        "crm.Project", on_delete=models.CASCADE, related_name="impact_financings", verbose_name=_("project")
    )
    source = models.CharField(_("source"), max_length=20, choices=FinancingSource.choices)
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100_000_000)],
    )
    obtained_on = models.DateField(_("obtained on"), default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("financing")
        verbose_name_plural = _("financings")
        ordering = ["-obtained_on", "-id"]
        indexes = [models.Index(fields=["obtained_on", "source"], name="impact_financing_period_idx")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.source} {self.amount}"


class EducationLevel(models.TextChoices):
    """ESF+ education bands (ISCED 2011)."""

    ISCED_0_2 = "isced_0_2", _("lower secondary or less (ISCED 0–2)")
    ISCED_3_4 = "isced_3_4", _("upper secondary or post-secondary (ISCED 3–4)")
    ISCED_5_8 = "isced_5_8", _("tertiary (ISCED 5–8)")


class GenderCategory(models.TextChoices):
    WOMAN = "w", _("women")
    MAN = "m", _("men")
    NON_BINARY = "x", _("non-binary")
    OTHER = "o", _("other or not stated")


class AgeBand(models.TextChoices):
    """ESF+ age at entry."""

    UNDER_30 = "under_30", _("under 30")
    FROM_30_TO_54 = "30_54", _("30 to 54")
    FROM_55 = "55_plus", _("55 and over")


class ThirdCountry(models.TextChoices):
    YES = "yes", _("third-country national")
    NO = "no", _("Belgian or EU/EEA national")


class Participant(models.Model):
    """The ESF+ participant record of a person: categories at entry, for the counts of the dashboards.

    The education band is entered by the coach. The other categories are derived from the CRM file by
    impact.participants (gender as a category, age band at entry, third-country national or not) and frozen
    when the file is erased: the person is gone, the anonymous counts stay as they were. No date, name or
    free text is kept here, and nothing in this table is shown per person.
    """

    entrepreneur = models.OneToOneField(
        "crm.Entrepreneur", on_delete=models.CASCADE, related_name="impact_participant", verbose_name=_("entrepreneur")
    )
    education_level = models.CharField(_("education level"), max_length=12, choices=EducationLevel.choices, blank=True)
    gender_category = models.CharField(
        _("gender category"), max_length=1, choices=GenderCategory.choices, default=GenderCategory.OTHER
    )
    age_band = models.CharField(_("age band at entry"), max_length=8, choices=AgeBand.choices, blank=True)
    third_country = models.CharField(
        _("third-country national at entry"), max_length=3, choices=ThirdCountry.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant data")
        verbose_name_plural = _("participant data")
        # The dashboard counts the categories of every accompanied person inside this index.
        indexes = [
            models.Index(
                fields=["entrepreneur", "gender_category", "age_band", "education_level", "third_country"],
                name="impact_participant_facts_idx",
            )
        ]

    def __str__(self) -> str:
        return f"participant #{self.entrepreneur_id}"


class SurvivalBaseline(models.Model):
    """A published survival rate to compare with (Statbel for Wallonia). Data, editable by admins."""

    region = models.CharField(_("region"), max_length=80, default="Wallonie")
    months = models.PositiveSmallIntegerField(_("after (months)"), validators=[MinValueValidator(1)])
    rate = models.DecimalField(
        _("survival rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    reference = models.CharField(_("what it measures"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("survival baseline")
        verbose_name_plural = _("survival baselines")
        ordering = ["region", "months"]
        constraints = [models.UniqueConstraint(fields=["region", "months"], name="impact_baseline_once")]

    def __str__(self) -> str:
        return f"{self.region} {self.months} m: {self.rate} %"


class StageSpell(models.Model):
    """A stay of a project in one stage, from the event that entered it to the next one.

    Derived from crm StageTransition by impact.spells.spells_refresh (incrementally, by event id), so that
    time in stage is a range scan on an index instead of a window over every event at each page view.
    """

    transition = models.OneToOneField("crm.StageTransition", on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey("crm.Project", on_delete=models.CASCADE, related_name="+")
    stage = models.ForeignKey("crm.Stage", on_delete=models.CASCADE, related_name="+")
    entered_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    days = models.IntegerField(null=True, blank=True)
    # The first time the project entered this stage / any launch stage: funnel and launches without DISTINCT.
    first_entry = models.BooleanField(default=False)
    first_launch = models.BooleanField(default=False)
    # Copies of the project's programme and cohort, so that a funder's scope is a column test inside the
    # index; spells_sync_scope() brings them back in step when a project changes programme or cohort.
    programme_id = models.IntegerField(null=True, blank=True)
    cohort_id = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("stage spell")
        verbose_name_plural = _("stage spells")
        indexes = [
            models.Index(
                fields=["stage", "entered_at", "programme_id", "cohort_id"],
                name="impact_spell_first_idx",
                condition=models.Q(first_entry=True),
            ),
            # Stays that ended in the period: a range on left_at, the days grouped after (cheaper than reading
            # every stay of the stage in the order of days).
            models.Index(
                fields=["stage", "left_at", "programme_id", "cohort_id", "days"], name="impact_spell_left_idx"
            ),
            models.Index(
                fields=["entered_at", "programme_id", "cohort_id", "project"],
                name="impact_spell_launch_idx",
                condition=models.Q(first_launch=True),
            ),
            models.Index(fields=["project", "stage"], name="impact_spell_project_idx"),
            models.Index(fields=["project", "left_at"], name="impact_spell_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} in {self.stage_id} from {self.entered_at:%Y-%m-%d}"


class Release(models.Model):
    """The protected figures of one closed reporting period for one published group, as first released.

    Statistical offices release a period once it has closed and never recompute it: a person who joins, leaves
    or is corrected afterwards changes nothing already released, so that polling a period shows no one. The
    document holds only published (protected) figures, in no language: its labels are put in the reader's
    language when it is shown (impact.services.relabel).
    """

    class Kind(models.TextChoices):
        SUMMARY = "summary", _("impact figures")
        NEEDS = "needs", _("needs report")

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=10)
    group = models.TextField(_("group"), help_text=_("Programme, cohort or a funder's programmes."))
    document = models.JSONField()
    released_at = models.DateTimeField(_("released at"), default=timezone.now)

    class Meta:
        verbose_name = _("released figures")
        verbose_name_plural = _("released figures")
        ordering = ["-released_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} {self.group}"
