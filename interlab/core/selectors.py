"""Reads of the core app: the sensitive-read log for its admin pages, scoped to who asks; a person's API tokens;
the invitation a person's session holds."""

from datetime import date, datetime, time

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import interfaces
from .models import ApiToken, Invitation, Notification, SensitiveRead, User

# Where reads happen, in words; an unknown context is shown as written.
# Each app names the places where it logs reads (`personal_data.READ_CONTEXTS`); core's own are here.
CONTEXT_LABELS = {
    "me:export": _("the person's own data export"),
}


def sensitive_field_labels() -> dict[str, str]:
    """The names of the fields the log mentions, from their models (never their values).

    Each app names the fields whose reads it logs in its interface (`personal_data.READ_LOGGED`, as
    "app_label.Model.field").
    """
    labels: dict[str, str] = {}
    for _config, module in interfaces.app_modules("personal_data"):
        for key in getattr(module, "READ_LOGGED", []):
            label, model, name = key.split(".")
            labels.setdefault(name, apps.get_model(label, model)._meta.get_field(name).verbose_name)
    return labels


def context_label(context: str) -> str:
    labels = dict(CONTEXT_LABELS)
    for _config, module in interfaces.app_modules("personal_data"):
        labels.update(getattr(module, "READ_CONTEXTS", {}))
    return str(labels.get(context, context))


def read_log_readers(user: User) -> QuerySet:
    """The people who appear as readers in the log, for the filter."""
    if not user.is_admin_role:
        return User.objects.none()
    return User.objects.filter(pk__in=SensitiveRead.objects.values("user")).order_by("last_name", "first_name", "pk")


def read_log(
    user: User,
    *,
    person: int | None = None,
    reader: User | None = None,
    field: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet:
    """The sensitive-read log for an admin, newest first; nothing for anyone else.

    Reading the log is not itself a sensitive read: it says who read which field of whom, never the value.
    """
    if not user.is_admin_role:
        return SensitiveRead.objects.none()
    rows = SensitiveRead.objects.select_related("user", "entrepreneur").order_by("-at", "-id")
    if person is not None:
        rows = rows.filter(entrepreneur_id=person)
    if reader is not None:
        rows = rows.filter(user=reader)
    if field:
        # The field list is JSON: match the quoted name, which works the same on SQLite and PostgreSQL.
        rows = rows.filter(fields__icontains=f'"{field}"')
    zone = timezone.get_current_timezone()
    if since:
        rows = rows.filter(at__gte=timezone.make_aware(datetime.combine(since, time.min), zone))
    if until:
        rows = rows.filter(at__lte=timezone.make_aware(datetime.combine(until, time.max), zone))
    return rows


def api_tokens_live(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens that still open the API, newest first (their owner's account page lists them)."""
    return ApiToken.objects.active().filter(user=user).order_by("-created_at")


def notifications_for(user: User) -> QuerySet[Notification]:
    """The person's own notifications, newest first; nobody sees another's."""
    return Notification.objects.for_user(user).order_by("-created_at", "-id")


def notifications_unread_count(user: User) -> int:
    return Notification.objects.for_user(user).unread().count()


def invitation_held(held) -> Invitation | None:
    """The live invitation whose code this browser opened (the session keeps its id and the code's hash)."""
    if not isinstance(held, dict) or not isinstance(held.get("id"), int) or not isinstance(held.get("hash"), str):
        return None
    invitation = Invitation.objects.filter(pk=held["id"], code_hash=held["hash"]).first()
    return invitation if invitation is not None and invitation.is_live else None
