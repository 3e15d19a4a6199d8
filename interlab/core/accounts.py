"""Ways in: invitations and one-time codes that let a person set a password, and the password reset by e-mail.

A code is 8 characters from an alphabet nothing can be mistaken in when read aloud or copied from paper
("K7QM-4XPA"); it travels by e-mail, on paper or by SMS, and only a keyed hash of it is stored. Wrong codes are
counted like failed logins (interlab.core.services.login_attempt_reserve): per client address, and per the
code's first characters, so that guessing one person's code stops long before it could succeed.
The rows are made here; the app the login is for links it when it hears `signals.invitation_accepted`.
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import mail, services
from .models import Invitation, InvitationKind, LoginFailure, User
from .signals import invitation_accepted

logger = logging.getLogger(__name__)

# No I, L, O, U, 0 or 1: nothing to confuse on paper, over the phone or in an SMS.
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 8
# Wrong codes are counted per their first characters: the count of one person's code, whoever types it.
ATTEMPT_PREFIX = 3
_HASH_SALT = "interlab.core.accounts.code"


# --- codes ------------------------------------------------------------------------------------------------------


def code_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH))


def code_normalise(typed: str) -> str:
    """The code as stored, from what a person typed: case, spaces and dashes do not matter. "" if it cannot be one."""
    code = "".join(ch for ch in (typed or "").upper() if not ch.isspace() and ch not in "-–_.")
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return ""
    return code


def code_display(code: str) -> str:
    """Two groups of four, as printed and mailed: K7QM-4XPA."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def code_hash(code: str) -> str:
    """Keyed with the SECRET_KEY: a copy of the database alone does not let anyone try codes offline."""
    return salted_hmac(_HASH_SALT, code, algorithm="sha256").hexdigest()


def code_url(code: str) -> str:
    return settings.SITE_URL + reverse("accounts:code_open", args=[code_display(code)])


def code_page_url() -> str:
    return settings.SITE_URL + reverse("accounts:code_enter")


# --- sending ----------------------------------------------------------------------------------------------------


def mail_send(*, to: str, template: str, context: dict, language: str | None = None) -> None:
    """The one place the accounts' e-mails leave from: `template` names `<template>_subject.txt` and
    `<template>.txt`, rendered in `language`. Sent once the transaction commits; a failure is logged, never
    raised (the coach can send again)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE

    def send():
        try:
            mail.send_templated(template, context, [to], language=language)
        except Exception:  # noqa: BLE001 - the invitation stays; sending again makes a new code
            logger.exception("an accounts e-mail could not be sent")

    transaction.on_commit(send)


# --- invitations and one-time codes -----------------------------------------------------------------------------


class CodeRefused(Exception):
    """A code that opens nothing: `reason` is "invalid" (wrong, or never issued), "used", "revoked" or "expired"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _target(obj) -> dict:
    if obj is None:
        return {"target_type": None, "target_id": None}
    return {"target_type": ContentType.objects.get_for_model(obj), "target_id": obj.pk}


def invitations_for(obj):
    """The invitations made for a record (a pipeline file…), newest first."""
    return Invitation.objects.filter(**_target(obj)).select_related("created_by")


def invitations_for_all(objects):
    """The invitations made for any of these records (all of one model)."""
    objects = list(objects)
    if not objects:
        return Invitation.objects.none()
    kind = ContentType.objects.get_for_model(objects[0])
    return Invitation.objects.filter(target_type=kind, target_id__in=[obj.pk for obj in objects])


@transaction.atomic
def invitation_issue(
    *,
    by: User | None,
    role: str,
    first_name: str,
    last_name: str = "",
    email: str = "",
    target=None,
    language: str | None = None,
) -> tuple[Invitation, str]:
    """A new invitation for a person who has no login yet, and its code (shown once: only its hash is kept).

    `target` is the record the login will be for (a pipeline file); any code still live for it dies, so that
    re-sending leaves one way in. With `email`, the code is mailed there; without, the coach hands it over.
    """
    where = _target(target)
    now = timezone.now()
    if target is not None:
        Invitation.objects.live().filter(kind=InvitationKind.INVITE, **where).update(revoked_at=now)
    code = code_new()
    invitation = Invitation.objects.create(
        kind=InvitationKind.INVITE,
        code_hash=code_hash(code),
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        created_by=by,
        expires_at=now + timedelta(days=settings.INVITATION_LIFETIME_DAYS),
        **where,
    )
    if email:
        mail_send(
            to=email,
            template="core/email/invitation",
            context={
                "first_name": first_name,
                "by": by,
                "code": code_display(code),
                "url": code_url(code),
                "code_page": code_page_url(),
                "expires_at": invitation.expires_at,
            },
            language=language,
        )
    return invitation, code


@transaction.atomic
def reset_code_issue(*, by: User | None, user: User) -> tuple[Invitation, str]:
    """A one-time code for a new password, for a person a coach hands it to (no e-mail to send a reset link to).

    Any code still live for the same login dies.
    """
    now = timezone.now()
    Invitation.objects.live().filter(kind=InvitationKind.RESET, user=user).update(revoked_at=now)
    code = code_new()
    invitation = Invitation.objects.create(
        kind=InvitationKind.RESET,
        code_hash=code_hash(code),
        role=user.role,
        first_name=user.first_name,
        last_name=user.last_name,
        user=user,
        created_by=by,
        expires_at=now + timedelta(days=settings.INVITATION_LIFETIME_DAYS),
    )
    return invitation, code


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User | None = None) -> bool:
    """The code stops working at once. False when it already did (used, revoked or expired)."""
    return bool(Invitation.objects.live().filter(pk=invitation.pk).update(revoked_at=timezone.now()))


def invitation_check(*, code: str, ip_address: str | None) -> Invitation:
    """The live invitation a typed or linked code opens.

    CodeRefused when it opens none, services.LockedOut after too many wrong codes (for codes starting like this
    one, or from this address: the same counters as failed logins).
    """
    normalised = code_normalise(code)
    if not normalised:
        raise CodeRefused("invalid")  # not even the shape of a code: nothing is guessed with it
    attempt = services.login_attempt_reserve(username=f"code:{normalised[:ATTEMPT_PREFIX]}", ip_address=ip_address)
    invitation = Invitation.objects.filter(code_hash=code_hash(normalised)).first()
    if invitation is None:
        raise CodeRefused("invalid")  # the attempt stays counted
    if not invitation.is_live:
        raise CodeRefused(invitation.state)
    LoginFailure.objects.filter(pk=attempt.pk).delete()  # the right code is not a failure
    return invitation


def _validate_password(invitation: Invitation, password: str) -> None:
    someone = invitation.user or User(
        username="", first_name=invitation.first_name, last_name=invitation.last_name, email=invitation.email
    )
    password_validation.validate_password(password, someone)


@transaction.atomic
def invitation_redeem(*, invitation_id: int, hashed: str, password: str) -> User:
    """The person sets their password with a code checked earlier (`hashed`: its hash, as kept in their session).

    An invitation makes the login (core.services.login_create) and tells the app it was for, which links it;
    a reset sets the new password of the login it was for. Either way the code is used up, at once and for good.
    ValidationError for a password the validators refuse (the code stays live), CodeRefused when the code no
    longer opens anything.
    """
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id).first()
    if invitation is None or not constant_time_compare(invitation.code_hash, hashed or ""):
        raise CodeRefused("invalid")
    if not invitation.is_live:
        raise CodeRefused(invitation.state)
    _validate_password(invitation, password)
    if invitation.kind == InvitationKind.RESET:
        user = invitation.user
        if user is None or not user.is_active:
            raise CodeRefused("invalid")
        user.set_password(password)
        user.save()
        services.login_failures_clear(username=user.username)
    else:
        user = services.login_create(
            role=invitation.role,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
            email=invitation.email,
        )
        user.set_password(password)
        user.save()
        invitation.user = user
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["user", "used_at"])
    # Whatever other code was still live for this login is dead now: one way in, used.
    Invitation.objects.live().filter(user=user).exclude(pk=invitation.pk).update(revoked_at=invitation.used_at)
    invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return user


# --- password reset by e-mail -----------------------------------------------------------------------------------


def password_reset_mail(*, user: User, language: str | None = None) -> None:
    """Mails the reset link (Django's token: single use, it dies with the password it was made for)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    mail_send(
        to=user.email,
        template="core/email/password_reset",
        context={
            "user": user,
            "url": settings.SITE_URL + reverse("accounts:reset_confirm", args=[uid, token]),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
        language=language or user.preferred_language,
    )


def reset_attempt_key(email: str) -> str:
    """The counter of reset requests for an address: a keyed hash, the failed-logins table holds no address."""
    return "reset:" + salted_hmac(_HASH_SALT, email.strip().lower(), algorithm="sha256").hexdigest()[:40]


def password_reset_request(*, email: str, ip_address: str | None, language: str | None = None) -> None:
    """Queues a reset link for each active login with this address; nothing else happens otherwise.

    Counted whatever the address (per address typed and per connection, with the failed logins' counters), so
    that the limit says nothing about whether an account exists: services.LockedOut past it. The mail is made
    and sent by the worker, so the page answers as fast for an unknown address as for a known one.
    """
    services.login_attempt_reserve(username=reset_attempt_key(email), ip_address=ip_address)
    users = User.objects.filter(email__iexact=email.strip(), is_active=True)
    ids = [user.pk for user in users if user.has_usable_password()]

    def enqueue():
        from django_q.tasks import async_task

        # Read at call time (not django-q's import-time copy), so tests can run the task at once.
        sync = bool(settings.Q_CLUSTER.get("sync", False))
        for pk in ids:
            async_task("interlab.core.tasks.password_reset_mail", pk, language, sync=sync)

    if ids:
        transaction.on_commit(enqueue)
