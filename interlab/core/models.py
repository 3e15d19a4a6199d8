"""Users and their roles, API tokens, login failures, invitations, consent records, the sensitive-read log,
retention and notifications."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("administrator")
    COACH = "coach", _("coach")
    ENTREPRENEUR = "entrepreneur", _("entrepreneur")
    MENTOR = "mentor", _("mentor")
    FUNDER = "funder", _("funder")
    PARTNER = "partner", _("partner organisation")


STAFF_ROLES = frozenset({Role.ADMIN, Role.COACH})


class InterLabUserManager(UserManager):
    def coaches(self):
        return self.filter(role__in=[Role.COACH, Role.ADMIN], is_active=True)


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ENTREPRENEUR)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )

    objects = InterLabUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        # The admin role is the incubator's administrator: it needs the Django and Wagtail admins too.
        if self.role == Role.ADMIN:
            self.is_staff = self.is_superuser = True
        super().save(*args, **kwargs)

    @property
    def is_staff_role(self) -> bool:
        """Coaches and admins are the incubator's staff: they follow every entrepreneur."""
        return self.is_active and (self.role in STAFF_ROLES or self.is_superuser)

    @property
    def is_admin_role(self) -> bool:
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens that still open the API: not revoked, not expired, of an active login."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)


def api_token_expiry():
    return timezone.now() + timezone.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored: a database leak gives no usable token.

    A token lives API_TOKEN_LIFETIME_DAYS, and is revoked by its owner, or for all of the owner's tokens at once
    when their password changes.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interlab_tokens", verbose_name=_("account")
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), default=api_token_expiry)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user) -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, key_hash=cls.hash(raw)), raw


class LoginFailure(models.Model):
    """One failed login; counted per username in a window to lock out guessing, across processes."""

    username = models.CharField(max_length=150, db_index=True, verbose_name=_("user name tried"))
    ip_address = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("IP address"))
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.username} at {self.at:%Y-%m-%d %H:%M}"


class InvitationKind(models.TextChoices):
    INVITE = "invite", _("invitation")
    RESET = "reset", _("new password")


class InvitationQuerySet(models.QuerySet):
    def live(self):
        """Codes that still open the way: not used, not revoked, not expired."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())

    def finished(self, before):
        """Codes used, revoked or expired before `before` (the retention schedule deletes them)."""
        return self.filter(
            models.Q(used_at__lt=before) | models.Q(revoked_at__lt=before) | models.Q(expires_at__lt=before)
        )


class Invitation(models.Model):
    """A one-time code that lets a person set a password: for a new login (an invitation) or for the login they
    have (a new password a coach hands over to someone without e-mail).

    The code travels by e-mail, or on paper and by SMS for people without an address; only a keyed hash of it is
    stored. What the new login is for (a pipeline file, later a mentor profile) is named by content type and id:
    core never imports the app, the app hears `core.signals.invitation_accepted`.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=InvitationKind.choices, default=InvitationKind.INVITE)
    code_hash = models.CharField(max_length=64, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    # Where the code was mailed; empty when it was handed over on paper or by SMS.
    email = models.EmailField(_("sent to"), blank=True)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    # A reset: whose password; an invitation: the login it made, once used.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("account"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="invitation_target_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.created_at:%Y-%m-%d})"

    @property
    def state(self) -> str:
        """ "used", "revoked", "expired" or "pending"."""
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_live(self) -> bool:
        return self.state == "pending"


class ConsentText(models.Model):
    """The exact wording a person agrees to. Never edited once used: a change is a new version."""

    key = models.SlugField(_("key"), max_length=50)
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fr")
    body = models.TextField(_("text"))
    purposes = models.JSONField(_("purposes"), default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [
            models.UniqueConstraint(fields=["key", "version", "language"], name="consent_text_unique_version")
        ]
        ordering = ["key", "-version"]

    def __str__(self) -> str:
        return f"{self.key} v{self.version} ({self.language})"


class Consent(models.Model):
    """A person's agreement to one consent text version, for the purposes listed, at a given time."""

    entrepreneur = models.ForeignKey(
        "crm.Entrepreneur", on_delete=models.CASCADE, related_name="consents", verbose_name=_("entrepreneur")
    )
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="consents")
    purposes = models.JSONField(_("purposes"), default=list)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.entrepreneur_id} — {self.text}"


class SensitiveRead(models.Model):
    """Every read of a sensitive field (residence situation, origin…): who, whose, which, when, where."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("read by")
    )
    entrepreneur = models.ForeignKey(
        "crm.Entrepreneur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="sensitive_reads",
        verbose_name=_("entrepreneur"),
    )
    fields = models.JSONField(default=list, verbose_name=_("fields read"))
    context = models.CharField(max_length=120)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("sensitive data read")
        verbose_name_plural = _("sensitive data reads")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.fields} of {self.entrepreneur_id} at {self.at:%Y-%m-%d %H:%M}"


class RetentionAction(models.TextChoices):
    """What the built-in retention rules do. The app holding the data carries each out (its personal_data.RETENTION,
    see interlab.core.retention_actions); admins set when. An app may add rules of its own: they register their
    names below when the apps are ready."""

    ENTREPRENEUR_INACTIVE = "entrepreneur_inactive", _("erase entrepreneur files without activity")
    SENSITIVE_PROFILE_INACTIVE = "sensitive_profile_inactive", _("clear residence and origin without activity")
    EVENT_REGISTRATIONS = "event_registrations", _("blank registrations to past events")
    IMPORT_BATCHES = "import_batches", _("delete import previews")
    LOGIN_FAILURES = "login_failures", _("delete failed logins")
    SENSITIVE_READS = "sensitive_reads", _("delete the sensitive-read log")
    INVITATIONS = "invitations", _("delete finished invitations")
    NOTIFICATIONS_READ = "notifications_read", _("delete read notifications")
    MENTOR_APPLICATIONS = "mentor_applications", _("delete answered mentor applications")


# Every retention rule's name, by action: the built-in ones, and those the apps register (register_retention_action).
_RETENTION_ACTIONS: dict[str, object] = dict(RetentionAction.choices)


def register_retention_action(action: str, label) -> None:
    _RETENTION_ACTIONS.setdefault(action, label)


def retention_action_choices() -> list[tuple[str, object]]:
    return list(_RETENTION_ACTIONS.items())


class RetentionUnit(models.TextChoices):
    DAYS = "days", _("days")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class RetentionRule(models.Model):
    """One line of the retention schedule: after how long, and whether it runs. Edited by admins."""

    action = models.CharField(_("what it does"), max_length=40, choices=retention_action_choices, unique=True)
    after = models.PositiveSmallIntegerField(_("after"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("unit"), max_length=10, choices=RetentionUnit.choices, default=RetentionUnit.YEARS)
    enabled = models.BooleanField(_("enabled"), default=True)
    note = models.TextField(_("why this period"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_action_display())

    @property
    def label(self) -> str:
        return str(self.get_action_display())

    def clean(self):
        from .retention import period_error

        error = period_error(self)
        if error:
            raise ValidationError({"after": error})

    MAX_YEARS = 100

    def cutoff(self, now=None):
        """The instant before which data falls under the rule (never further back than a century)."""
        from dateutil.relativedelta import relativedelta

        now = now or timezone.now()
        oldest = now - relativedelta(years=self.MAX_YEARS)
        if self.unit not in RetentionUnit.values or self.approximate_days() > self.MAX_YEARS * 366:
            return oldest
        return max(now - relativedelta(**{self.unit: self.after or 0}), oldest)

    def approximate_days(self) -> int:
        per_unit = {RetentionUnit.DAYS: 1, RetentionUnit.MONTHS: 31, RetentionUnit.YEARS: 366}
        return (self.after or 0) * per_unit.get(self.unit, 366)


class RetentionRun(models.Model):
    """One pass of the retention schedule, real or dry: what each rule found and did (ids only, no names)."""

    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    dry_run = models.BooleanField(_("dry run"), default=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"retention run #{self.pk} ({'dry' if self.dry_run else 'real'})"

    @property
    def rules(self) -> list[dict]:
        return list((self.report or {}).get("rules", []))

    @property
    def total(self) -> int:
        return sum(rule.get("count", 0) for rule in self.rules)

    @property
    def failures(self) -> int:
        # "failed" counts them all; the list holds only the first ones (older reports: the list is all of them).
        return sum(rule.get("failed", len(rule.get("failures", []))) for rule in self.rules)


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing a person was told (interlab.core.notifications.notify), in their language at the time.

    Always listed in the app; `channels` says how else they were told, the `*_at` fields when it went out.
    `about` is the file the news concerns, so that an erasure of that file removes it from everyone's list.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=60)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    about = models.ForeignKey(
        "crm.Entrepreneur", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("about")
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sent by e-mail"), null=True, blank=True)
    texted_at = models.DateTimeField(_("sent by SMS"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id} at {self.created_at:%Y-%m-%d %H:%M}"
