"""Writes of the core app: login lockout, API tokens and the sensitive-read audit."""

import re

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from . import signals
from .errors import Conflict
from .models import ApiToken, Consent, ConsentText, LoginFailure, Notification, SensitiveRead, User
from .net import client_ip


class LockedOut(Exception):
    """Too many failed logins, for the account (`reason="account"`) or from the address (`reason="address"`)."""

    def __init__(self, reason: str, minutes: int):
        super().__init__(reason)
        self.reason = reason
        self.minutes = minutes


def _lockout_since():
    return timezone.now() - timezone.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def login_locked(username: str, ip_address: str | None = None) -> str | None:
    """Why logins are refused right now ("account" or "address"), or None when they are not.

    Per account: guessing one person's password stops after LOGIN_LOCKOUT_FAILURES, even a right password is
    refused until the window passes. Per address: one connection trying many usernames (a password spray)
    stops after LOGIN_LOCKOUT_ADDRESS_FAILURES, whichever accounts it tries.
    """
    since = _lockout_since()
    recent = LoginFailure.objects.filter(at__gte=since)
    if recent.filter(username__iexact=username).count() >= settings.LOGIN_LOCKOUT_FAILURES:
        return "account"
    if ip_address and recent.filter(ip_address=ip_address).count() >= settings.LOGIN_LOCKOUT_ADDRESS_FAILURES:
        return "address"
    return None


def login_failures_clear(*, username: str) -> None:
    """A successful login forgives the account's failures; the address's count of other accounts stays."""
    LoginFailure.objects.filter(username__iexact=username[:150]).delete()


# Advisory-lock namespaces (PostgreSQL): one lock per account name, one per client address.
_ACCOUNT_LOCK, _ADDRESS_LOCK = 4701, 4702


def _login_serialise(username: str, ip_address: str | None) -> None:
    """Makes the count-then-record of `login_attempt_reserve` one step per account and per address.

    PostgreSQL: transaction-level advisory locks, always the account's first, so two attempts never wait on
    each other crosswise. SQLite: the project's IMMEDIATE transactions already hold the database's write lock
    from BEGIN, so attempts are serialised there without more.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s::int, hashtext(%s))", [_ACCOUNT_LOCK, username.lower()])
        if ip_address:
            cursor.execute("SELECT pg_advisory_xact_lock(%s::int, hashtext(%s))", [_ADDRESS_LOCK, ip_address])


@transaction.atomic
def login_attempt_reserve(*, username: str, ip_address: str | None) -> LoginFailure:
    """Counts an attempt as a failure before its password is checked, or refuses it (LockedOut) past the limits.

    Recording first, under a lock, is what keeps simultaneous attempts to the limit: each one sees the ones
    before it, and the password of an attempt beyond the limit is never checked. A right password then clears
    the account's failures, this one included.
    """
    username = username[:150]  # as stored: a longer name must not escape its own count
    _login_serialise(username, ip_address)
    reason = login_locked(username, ip_address)
    if reason:
        raise LockedOut(reason, settings.LOGIN_LOCKOUT_MINUTES)
    return LoginFailure.objects.create(username=username, ip_address=ip_address)


def credentials_check(*, request, username: str, password: str) -> User | None:
    """Authenticate with lockout: None on a wrong password, LockedOut after too many failures.

    The web login and the API's token endpoint both call this, so they share one counter.
    """
    login_attempt_reserve(username=username, ip_address=client_ip(request))
    user = authenticate(request, username=username, password=password)
    if user is None:
        return None  # the attempt stays recorded as a failure
    login_failures_clear(username=username)
    return user


class TokenRefused(Exception):
    """A bearer token InterLab issued that no longer opens the API: `reason` is "expired" or "revoked"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# A token's last use is written at most this often: a client calling the API in a loop costs no write per call.
API_TOKEN_USE_PRECISION = timezone.timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, user: User) -> tuple[ApiToken, str]:
    """A new token for the user, and its secret: shown once, only its hash is kept."""
    return ApiToken.issue(user)


def api_token_issue(*, user: User) -> str:
    _token, raw = api_token_create(user=user)
    return raw


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The live token behind a bearer secret, its last use recorded; None for a secret InterLab never issued.

    TokenRefused for one that expired or was revoked, so the caller learns why it no longer works.
    """
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash(raw)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRefused("revoked")
    if token.expires_at <= now:
        raise TokenRefused("expired")
    stale = now - API_TOKEN_USE_PRECISION
    if token.last_used_at is None or token.last_used_at < stale:
        # Conditional, so that simultaneous calls with one token write it once.
        ApiToken.objects.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=stale), pk=token.pk).update(
            last_used_at=now
        )
        token.last_used_at = now
    return token


def api_token_user(raw: str) -> User | None:
    token = api_token_authenticate(raw)
    return token.user if token else None


def api_token_revoke(*, token: ApiToken) -> None:
    """Revokes one token (its owner asked, on their account page or with DELETE /api/v1/auth/token)."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    # What the token could read includes the person's calendar address: it is renewed too.
    signals.credentials_revoked.send(sender=User, user=token.user)


def api_tokens_revoke_all(*, user: User) -> int:
    """Revokes every live token of the user: their password changed, so whatever was issued before stops, and
    the apps renew the other secret addresses they handed out (core.signals.credentials_revoked)."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    signals.credentials_revoked.send(sender=User, user=user)
    return revoked


def sensitive_read_log(*, user: User, entrepreneur_id: int | None, fields: list[str], context: str) -> None:
    SensitiveRead.objects.create(user=user, entrepreneur_id=entrepreneur_id, fields=fields, context=context[:120])


# --- accounts and consents (other apps create them through these) --------------------------------------------


@transaction.atomic
def login_create(*, role: str, first_name: str, last_name: str = "", email: str = "", username: str = "") -> User:
    """A login without a usable password (the person sets one through an invitation or a reset).

    Without `username`, one is made from the address or the name, in the characters a username allows
    ("D'Hondt": dhondt), and made unique.
    """
    base = username or (email.split("@")[0] if email else f"{first_name}.{last_name}").lower()
    base = re.sub(r"[^\w.@+-]", "", base)[:100].strip(".") or role
    candidate = base
    while User.objects.filter(username=candidate).exists():
        candidate = f"{base}-{get_random_string(4).lower()}"
    user = User(username=candidate, first_name=first_name, last_name=last_name, email=email, role=role)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    for _attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: another login may take the name at the same instant
                user.save()
            return user
        except IntegrityError:
            user.pk, user.username = None, f"{base}-{get_random_string(6).lower()}"
    raise Conflict(_("Someone else is being added at the same time: try again."), code="busy")


@transaction.atomic
def login_details_update(*, user: User, **fields) -> User:
    """A login's names and e-mail (first_name, last_name, email)."""
    unknown = set(fields) - {"first_name", "last_name", "email"}
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    for key, value in fields.items():
        setattr(user, key, value or "")
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> bool:
    """Keep the language a person chose on their account: the next login, e-mails and notifications use it.

    An unknown code is ignored (False): the switcher only offers the site's languages.
    """
    if language not in {code for code, _name in settings.LANGUAGES} or not user.is_authenticated:
        return False
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return True


def consent_text_ensure(*, key: str, version: int, language: str, body: str, purposes: list[str]) -> ConsentText:
    """A consent text by key, version and language, created with this wording when it is not there yet."""
    text, _created = ConsentText.objects.get_or_create(
        key=key, version=version, language=language, defaults={"body": body, "purposes": purposes}
    )
    return text


@transaction.atomic
def consent_record(*, entrepreneur, text: ConsentText, purposes: list[str], by: User | None) -> Consent:
    """What the person agreed to, with the exact text version shown (`entrepreneur`: the pipeline's file)."""
    unknown = set(purposes) - set(text.purposes)
    if unknown:
        raise ValidationError({"purposes": _("These purposes are not in the consent text: %s") % ", ".join(unknown)})
    return Consent.objects.create(entrepreneur=entrepreneur, text=text, purposes=purposes, recorded_by=by)


def notification_read(*, notification: Notification, by: User) -> Notification:
    """The person opened one of their notifications; the first reading time is kept."""
    if notification.user_id != by.pk:
        raise ValueError("a notification is read by its own recipient only")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, user: User) -> int:
    """Every unread notification of the person marked read; how many."""
    return Notification.objects.for_user(user).unread().update(read_at=timezone.now())
