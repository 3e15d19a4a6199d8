"""The core app's data-protection interface (interlab.core.interfaces): the accounts, consents and logs it holds."""

from datetime import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .accounts import invitations_for, reset_attempt_key
from .api import me_payload
from .interfaces import Person, PersonRefs
from .inventory import (
    ADMIN_ONLY,
    KEPT_AS_AUTHOR,
    KEPT_WITH_ACCOUNT,
    PURPOSE_ACCOUNT,
    PURPOSE_AUDIT,
    PURPOSE_AUTHOR,
    PURPOSE_SECURITY,
    SELF,
    STAFF,
    personal,
)
from .models import (
    ApiToken,
    Consent,
    Invitation,
    LoginFailure,
    Notification,
    RetentionAction,
    RetentionUnit,
    Role,
    SensitiveRead,
    User,
)
from .retention_actions import ActionSpec, bulk_rule

# The model of a person: a link to it is personal data wherever it stands (the inventory's check).
PERSON_MODEL = "core.User"

PERSONAL_DATA = [
    personal(
        "core.User",
        "username first_name last_name email",
        purpose=PURPOSE_ACCOUNT,
        seen_by=(*STAFF, SELF),
        retention=KEPT_WITH_ACCOUNT,
    ),
    personal(
        "core.User",
        "preferred_language",
        purpose=_("speak to the person in their language"),
        seen_by=(Role.ADMIN, SELF),
        retention=KEPT_WITH_ACCOUNT,
    ),
    personal("core.ApiToken", "user", purpose=PURPOSE_ACCOUNT, seen_by=ADMIN_ONLY, retention=KEPT_WITH_ACCOUNT),
    personal(
        "core.Invitation",
        "first_name last_name email user",
        purpose=_("invite the person to InterLab, or let them choose a new password"),
        seen_by=(*STAFF, SELF),
        retention=RetentionAction.INVITATIONS,
    ),
    personal("core.Invitation", "created_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "core.LoginFailure",
        "username ip_address",
        purpose=PURPOSE_SECURITY,
        seen_by=ADMIN_ONLY,
        retention=RetentionAction.LOGIN_FAILURES,
    ),
    personal(
        "core.Consent",
        "entrepreneur purposes",
        purpose=_("prove what the person agreed to, and when"),
        seen_by=(*STAFF, SELF),
        retention=RetentionAction.ENTREPRENEUR_INACTIVE,
    ),
    personal("core.Consent", "recorded_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "core.SensitiveRead",
        "user entrepreneur fields",
        purpose=PURPOSE_AUDIT,
        seen_by=ADMIN_ONLY,
        retention=RetentionAction.SENSITIVE_READS,
    ),
    personal(
        "core.Notification",
        "user subject body url about",
        purpose=_("tell the person what concerns them, in the app, by e-mail or by SMS"),
        seen_by=(SELF,),
        retention=RetentionAction.NOTIFICATIONS_READ,
    ),
    # allauth's tables (interlab/core/two_factor.py): the second factor of a login, and allauth's copy of its e-mail
    # (InterLab does not use allauth's sign-up, so it stays empty unless allauth writes one for a login).
    personal(
        "mfa.Authenticator",
        "user data",
        purpose=_(
            "ask a staff member's second factor at login (the authenticator app's key, each passkey's public key and name, the recovery codes)"
        ),
        seen_by=ADMIN_ONLY,
        retention=KEPT_WITH_ACCOUNT,
    ),
    personal(
        "account.EmailAddress", "user email", purpose=PURPOSE_ACCOUNT, seen_by=ADMIN_ONLY, retention=KEPT_WITH_ACCOUNT
    ),
    personal(
        "core.RetentionRun",
        "triggered_by report",
        purpose=_("show what the retention schedule did (row numbers only, never names)"),
        seen_by=ADMIN_ONLY,
        retention=KEPT_AS_AUTHOR,
    ),
]

# Words on the inventory page: the heading of this app's tables (its name, "core", says nothing to a reader), and
# allauth's tables (its authenticator has no translated names, and "user" says less than what the row is).
LABELS = {
    "core": _("accounts, consents and logs"),
    "mfa.Authenticator": _("second factor"),
    "mfa.Authenticator.user": _("account"),
    "mfa.Authenticator.data": _("keys and recovery codes"),
    "account.EmailAddress.user": _("account"),
}

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "core.ConsentText": "the wording shown to people, the same for everyone",
    "core.RetentionRule": "the retention schedule itself",
    "core.User.password": "a one-way hash, never readable",
    "core.ApiToken.key_hash": "a one-way hash, never readable",
    "core.Invitation.code_hash": "a keyed one-way hash of the code, never readable",
    "core.Invitation.target_id": "the id of the record the invitation is for (the file), erased with it",
    "core.SensitiveRead.context": "the page or report where the read happened",
    "core.Notification.kind": "the kind of news (an offer, a booking…), the same for everyone",
    "core.Notification.channels": "how the news went out: app, e-mail, SMS",
    "core.Notification.emailed_at": "when the e-mail left, for sending it once",
    "core.Notification.texted_at": "when the text message left, for sending it once",
    "mfa.Authenticator.type": "the kind of second factor (an app, a passkey, recovery codes), the same for everyone",
}


def export(user: User, request: HttpRequest | None = None) -> dict:
    """The account itself: what /api/v1/me shows, and when it was made, used and given API tokens."""
    return {
        "user": me_payload(user, request),
        "account": {
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "api_tokens": list(
                user.interlab_tokens.order_by("created_at").values(
                    "created_at", "expires_at", "last_used_at", "revoked_at"
                )
            ),
            # The ways in made for the person; never the code (only its hash is kept, and that stays out too).
            # The second factors set up, and when they were used; never their keys.
            "authenticators": list(
                Authenticator.objects.filter(user=user)
                .order_by("created_at", "id")
                .values("type", "created_at", "last_used_at")
            ),
            "invitations": list(
                Invitation.objects.filter(user=user)
                .order_by("created_at", "id")
                .values("kind", "email", "created_at", "expires_at", "used_at", "revoked_at")
            ),
        },
        "notifications": list(
            Notification.objects.for_user(user)
            .order_by("created_at", "id")
            .values("kind", "subject", "body", "url", "channels", "created_at", "read_at", "emailed_at", "texted_at")
        ),
    }


def erase(person: Person) -> None:
    """The consents and invitations go, and the login is closed: anonymised, unusable, its tokens and failed attempts
    deleted, its second factors too. The person's notifications go, and those telling anyone else about the file."""
    Consent.objects.filter(entrepreneur_id=person.entrepreneur_id).delete()
    Notification.objects.filter(about_id=person.entrepreneur_id).delete()
    if person.entrepreneur is not None:
        invitations_for(person.entrepreneur).delete()
    emails = {email for email in (person.email, person.user.email if person.user else "") if email}
    LoginFailure.objects.filter(username__in=[reset_attempt_key(email) for email in emails]).delete()
    user = person.user
    if user is None:
        return
    Invitation.objects.filter(user=user).delete()
    LoginFailure.objects.filter(username__iexact=user.username).delete()
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.interlab_tokens.all().delete()
    user.notifications.all().delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()


def activity(cutoff: datetime, refs: PersonRefs) -> list[QuerySet]:
    """A consent given or withdrawn, a use of the person's API token, a password set with a code."""
    return [
        Consent.objects.filter(Q(given_at__gte=cutoff) | Q(withdrawn_at__gte=cutoff), entrepreneur=refs.entrepreneur),
        ApiToken.objects.filter(user=refs.user, last_used_at__gte=cutoff),
        Invitation.objects.filter(user=refs.user, used_at__gte=cutoff),
    ]


_login_candidates, _login_count, _login_delete = bulk_rule(
    lambda cutoff: LoginFailure.objects.filter(at__lt=cutoff), erased_with="username"
)
_reads_candidates, _reads_count, _reads_delete = bulk_rule(lambda cutoff: SensitiveRead.objects.filter(at__lt=cutoff))
_invitations_candidates, _invitations_count, _invitations_delete = bulk_rule(
    lambda cutoff: Invitation.objects.finished(cutoff)
)
_notifications_candidates, _notifications_count, _notifications_delete = bulk_rule(
    lambda cutoff: Notification.objects.filter(read_at__lt=cutoff),
    erased_with="user__username",
    without_claimed=lambda rows, claimed: rows.exclude(about_id__in=claimed.ids),
)

RETENTION = [
    ActionSpec(
        RetentionAction.LOGIN_FAILURES,
        90,
        RetentionUnit.DAYS,
        1,
        _("Failed logins (user name tried, address, time) older than this are deleted."),
        ngettext_lazy("%(count)s failed login", "%(count)s failed logins", "count"),
        _login_candidates,
        apply_bulk=_login_delete,
        count_bulk=_login_count,
    ),
    ActionSpec(
        RetentionAction.SENSITIVE_READS,
        2,
        RetentionUnit.YEARS,
        180,
        _("Lines of the sensitive-read log older than this are deleted."),
        ngettext_lazy("%(count)s log line", "%(count)s log lines", "count"),
        _reads_candidates,
        apply_bulk=_reads_delete,
        count_bulk=_reads_count,
    ),
    ActionSpec(
        RetentionAction.INVITATIONS,
        90,
        RetentionUnit.DAYS,
        7,
        _("Invitations and new-password codes used, cancelled or expired longer ago than this are deleted."),
        ngettext_lazy("%(count)s invitation", "%(count)s invitations", "count"),
        _invitations_candidates,
        apply_bulk=_invitations_delete,
        count_bulk=_invitations_count,
    ),
    ActionSpec(
        RetentionAction.NOTIFICATIONS_READ,
        6,
        RetentionUnit.MONTHS,
        30,
        _("Notifications read longer ago than this are deleted from the person's list."),
        ngettext_lazy("%(count)s notification", "%(count)s notifications", "count"),
        _notifications_candidates,
        apply_bulk=_notifications_delete,
        count_bulk=_notifications_count,
    ),
]
