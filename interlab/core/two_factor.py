"""Two-factor for staff, with allauth.mfa's authenticators (an app's codes, passkeys, recovery codes): the second step
asked after the password, the setup rule for admins, and which authenticator may be removed.

InterLab keeps its own login forms (the lockout, the Django and Wagtail admins' forms). Rather than send each of
them through allauth's login stages, a login is complete only once its session is marked verified: the
middleware below asks the code of any logged-in account with an authenticator whose session is not, whatever path
logged it in (a form, an invitation's code, a password reset), so a new way in cannot forget the second step.
"""

from dataclasses import dataclass
from datetime import datetime

from allauth.mfa.adapter import DefaultMFAAdapter, get_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .net import client_ip

VERIFIED_SESSION_KEY = "interlab_two_factor_verified"

# Reachable before the second step: leaving, the language, static files and the machines' routes. The step's own
# pages are named in the middleware: the code page always, the setup only for an account with no authenticator
# (the recovery codes, like everything else, only once the code is given).
OPEN_PREFIXES = ("/logout/", "/i18n/", "/jsi18n/", "/static/", "/media/", "/healthz", "/csp-report/")


def has_authenticator(user) -> bool:
    return get_adapter().is_mfa_enabled(user)


def request_has_authenticator(request) -> bool:
    """has_authenticator for the request's user, asked once per request (the middleware, then the navigation's
    banner; the pages that add or remove a factor, under /account/, show no banner)."""
    known = getattr(request, "_interlab_has_authenticator", None)
    if known is None:
        known = request._interlab_has_authenticator = has_authenticator(request.user)
    return known


def setup_required(user) -> bool:
    """An admin must have a second factor when the setting says so (production); a passkey alone is one."""
    return bool(settings.MFA_REQUIRED_FOR_ADMINS) and user.is_admin_role and not has_authenticator(user)


def removal_refused(authenticator: Authenticator) -> bool:
    """An admin who must have a second factor cannot remove the last one (recovery codes go with it, not count)."""
    user = authenticator.user
    if not (settings.MFA_REQUIRED_FOR_ADMINS and user.is_admin_role):
        return False
    others = Authenticator.objects.filter(user_id=user.pk).exclude(pk=authenticator.pk)
    return not others.exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


class InterLabMFAAdapter(DefaultMFAAdapter):
    """allauth's adapter (settings.MFA_ADAPTER): the admins' rule for removals, and InterLab's names."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": gettext_lazy(
            "Administrators must keep a second factor. Add a passkey or an authenticator app first, then remove "
            "this one."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not removal_refused(authenticator)

    def generate_authenticator_name(self, user, type: Authenticator.Type) -> str:
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return _("Passkey %(number)d") % {"number": count + 1}

    def get_public_key_credential_rp_entity(self) -> dict[str, str]:
        # The id stays allauth's (the request's host, as the browser sees it); the name is what its dialog shows.
        return {**super().get_public_key_credential_rp_entity(), "name": settings.MFA_TOTP_ISSUER}


@dataclass(frozen=True)
class AuthenticatorRow:
    """One authenticator as its owner sees it on the setup page."""

    pk: int
    type: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    codes_left: int | None = None

    @property
    def removable(self) -> bool:
        return self.type != Authenticator.Type.RECOVERY_CODES


def authenticators(user) -> list[AuthenticatorRow]:
    """The account's authenticators, the app first, then passkeys by age, then the recovery codes (one query)."""
    order = {Authenticator.Type.TOTP: 0, Authenticator.Type.WEBAUTHN: 1, Authenticator.Type.RECOVERY_CODES: 2}
    rows = []
    for found in sorted(
        Authenticator.objects.filter(user_id=user.pk), key=lambda a: (order.get(a.type, 3), a.created_at, a.pk)
    ):
        wrapped = found.wrap()
        is_codes = found.type == Authenticator.Type.RECOVERY_CODES
        rows.append(
            AuthenticatorRow(
                pk=found.pk,
                type=found.type,
                name=wrapped.name if found.type == Authenticator.Type.WEBAUTHN else "",
                created_at=found.created_at,
                last_used_at=found.last_used_at,
                codes_left=len(wrapped.get_unused_codes()) if is_codes else None,
            )
        )
    return rows


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(VERIFIED_SESSION_KEY))


def mark_verified(request: HttpRequest) -> None:
    """The second step is done: a new session key, as after any change of privilege."""
    request.session.cycle_key()
    request.session[VERIFIED_SESSION_KEY] = True


@receiver(user_logged_in, dispatch_uid="interlab_two_factor_reset")
def _login_is_not_yet_verified(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop(VERIFIED_SESSION_KEY, None)


class TwoFactorMiddleware:
    """Sends a logged-in account to its second step (the code, or the setup an admin owes) before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if request.path == reverse("accounts:two_factor"):
            return self.get_response(request)
        if not is_verified(request) and request_has_authenticator(request):
            return self._send(
                request,
                "accounts:two_factor",
                _("Confirm it is you first: a code of your authenticator app, or your passkey."),
            )
        if request.path not in self._setup_paths() and setup_required(user):
            return self._send(request, "accounts:two_factor_setup", _("Set up two-factor authentication first."))
        return self.get_response(request)

    @staticmethod
    def _setup_paths() -> set[str]:
        """Where an admin who owes a second factor may go: the setup page, and the passkey it adds from there."""
        return {reverse("accounts:two_factor_setup"), reverse("accounts:two_factor_passkey_add")}

    def _send(self, request, name: str, message: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "two_factor_required"}, status=401)
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def code_check(request: HttpRequest, form) -> bool:
    """Checks allauth's AuthenticateForm (a code) or AuthenticateWebAuthnForm (a passkey) under the login lockout: a
    failure counts as a failed login.

    LockedOut (from services) when the account or the address is locked; True once the session is verified.
    """
    if not identity_check(request, form):
        return False
    form.save()
    mark_verified(request)
    return True


def identity_check(request: HttpRequest, form) -> bool:
    """Checks a form that proves who is at the keyboard (a code, a passkey, the password) under the login lockout.

    The attempt is recorded as a failure before the form is checked, so that a stolen session cannot guess the
    password or the codes faster than a login could; a success forgives the account's failures.
    """
    username = request.user.get_username()
    services.login_attempt_reserve(username=username, ip_address=client_ip(request))
    if not form.is_valid():
        return False  # the attempt stays recorded as a failure
    services.login_failures_clear(username=username)
    return True
