"""Two-factor for staff, with allauth.mfa's authenticators: the code asked after the password, and the setup rule.

InterLab keeps its own login forms (the lockout, the Django and Wagtail admins' forms). Rather than send each of
them through allauth's login stages, a login is complete only once its session is marked verified: the
middleware below asks the code of any logged-in account with an authenticator whose session is not, whatever path
logged it in (a form, an invitation's code, a password reset), so a new way in cannot forget the second step.
"""

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import services
from .net import client_ip

VERIFIED_SESSION_KEY = "interlab_two_factor_verified"

# Reachable before the second step: leaving, the language, static files and the machines' routes. The step's own
# pages are named in the middleware: the code page always, the setup only for an account with no authenticator
# (the recovery codes, like everything else, only once the code is given).
OPEN_PREFIXES = ("/logout/", "/i18n/", "/jsi18n/", "/static/", "/media/", "/healthz", "/csp-report/")


def has_authenticator(user) -> bool:
    return get_adapter().is_mfa_enabled(user)


def setup_required(user) -> bool:
    """An admin must have a second factor when the setting says so (production)."""
    return bool(settings.MFA_REQUIRED_FOR_ADMINS) and user.is_admin_role and not has_authenticator(user)


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


def recovery_codes(user) -> list[str]:
    """The account's unused recovery codes (allauth derives them from a seed; a used one drops out)."""
    found = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    return found.wrap().get_unused_codes() if found else []


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
        if not is_verified(request) and has_authenticator(user):
            return self._send(request, "accounts:two_factor", _("Give the code of your authenticator app first."))
        if request.path != reverse("accounts:two_factor_setup") and setup_required(user):
            return self._send(request, "accounts:two_factor_setup", _("Set up two-factor authentication first."))
        return self.get_response(request)

    def _send(self, request, name: str, message: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "two_factor_required"}, status=401)
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def code_check(request: HttpRequest, form) -> bool:
    """Checks the code of allauth's AuthenticateForm under the login lockout: a wrong code counts as a failed login.

    LockedOut (from services) when the account or the address is locked; True once the session is verified.
    """
    username = request.user.get_username()
    services.login_attempt_reserve(username=username, ip_address=client_ip(request))
    if not form.is_valid():
        return False  # the attempt stays recorded as a failure
    services.login_failures_clear(username=username)
    form.save()
    mark_verified(request)
    return True
