"""Writes of the core app: login lockout, API tokens and the sensitive-read audit."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, LoginFailure, SensitiveRead, User


def login_locked(username: str) -> bool:
    """Too many failures for this username in the window: refuse even a right password until it passes."""
    since = timezone.now() - timezone.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return (
        LoginFailure.objects.filter(username__iexact=username, at__gte=since).count() >= settings.LOGIN_LOCKOUT_FAILURES
    )


def login_failure_record(*, username: str, ip_address: str | None) -> None:
    LoginFailure.objects.create(username=username[:150], ip_address=ip_address)


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username__iexact=username).delete()


class LockedOut(Exception):
    pass


def credentials_check(*, request, username: str, password: str) -> User | None:
    """Authenticate with lockout: None on a wrong password, LockedOut after too many failures."""
    if login_locked(username):
        raise LockedOut
    user = authenticate(request, username=username, password=password)
    if user is None:
        login_failure_record(username=username, ip_address=request.META.get("REMOTE_ADDR") if request else None)
        return None
    login_failures_clear(username=username)
    return user


@transaction.atomic
def api_token_issue(*, user: User) -> str:
    _token, raw = ApiToken.issue(user)
    return raw


def api_token_user(raw: str) -> User | None:
    token = ApiToken.objects.active().select_related("user").filter(key_hash=ApiToken.hash(raw)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timezone.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def sensitive_read_log(*, user: User, entrepreneur_id: int, fields: list[str], context: str) -> None:
    SensitiveRead.objects.create(user=user, entrepreneur_id=entrepreneur_id, fields=fields, context=context[:120])
