"""Two-factor for staff: the code after the password, the authenticator's setup, the recovery codes.

Thin: allauth.mfa's forms and flows do the checking and the writing; interlab.core.two_factor adds the lockout.
"""

import base64

from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal import flows as totp_flows
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services, two_factor
from .decorators import staff_required
from .forms import locked_out_message
from .http import safe_next


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def authenticate(request):
    """The second step of a login: the code of the authenticator app, or one of the recovery codes."""
    target = safe_next(request, reverse("core:home"))
    if two_factor.is_verified(request) or not two_factor.has_authenticator(request.user):
        return redirect(target)
    form = AuthenticateForm(user=request.user, data=request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if two_factor.code_check(request, form):
                return redirect(target)
        except services.LockedOut as locked:
            form.add_error(None, locked_out_message(locked))
        status = 422
    return render(request, "core/two_factor_authenticate.html", {"form": form, "next": target}, status=status)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """An authenticator app for a coach or an admin: a QR code (or the key typed in), then a code to confirm."""
    target = safe_next(request, reverse("core:home"))
    if two_factor.has_authenticator(request.user):
        return render(request, "core/two_factor_setup.html", {"active": True, "next": target})
    form = ActivateTOTPForm(user=request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp_flows.activate_totp(request, form)
        two_factor.mark_verified(request)
        return redirect(f"{reverse('accounts:two_factor_recovery_codes')}?{urlencode({'next': target})}")
    adapter = get_adapter()
    svg = adapter.build_totp_svg(adapter.build_totp_url(request.user, form.secret))
    context = {
        "form": form,
        "secret": form.secret,
        "qr_code": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
        "required": two_factor.setup_required(request.user),
        "next": target,
    }
    return render(request, "core/two_factor_setup.html", context, status=422 if form.is_bound else 200)


@never_cache
@staff_required
def recovery_codes(request):
    """The codes that open the account once each when the phone is lost: shown to write down or print."""
    codes = two_factor.recovery_codes(request.user)
    if not codes and not two_factor.has_authenticator(request.user):
        raise Http404
    context = {"codes": codes, "next": safe_next(request, reverse("core:home"))}
    return render(request, "core/two_factor_recovery_codes.html", context)
