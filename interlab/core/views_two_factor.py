"""Two-factor for staff: the second step after the password (a code or a passkey), the setup page where staff add,
see and remove their authenticators, and the recovery codes.

Thin: allauth.mfa's forms and flows do the checking and the writing (so its signals and notifications follow);
interlab.core.two_factor adds the lockout and the admins' rule.
"""

import base64

from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.forms import GenerateRecoveryCodesForm
from allauth.mfa.recovery_codes.internal import flows as recovery_codes_flows
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal import flows as totp_flows
from allauth.mfa.webauthn.forms import AuthenticateWebAuthnForm
from allauth.mfa.webauthn.internal import auth as webauthn_auth
from allauth.mfa.webauthn.internal import flows as webauthn_flows
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import services, two_factor
from .decorators import staff_required
from .forms import locked_out_message
from .forms_two_factor import AddPasskeyForm, ConfirmIdentityForm
from .http import safe_next


def _has_passkey(user) -> bool:
    return get_adapter().is_mfa_enabled(user, types=[Authenticator.Type.WEBAUTHN])


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def authenticate(request):
    """The second step of a login: a passkey, the code of the authenticator app, or one of the recovery codes."""
    target = safe_next(request, reverse("core:home"))
    if two_factor.is_verified(request) or not two_factor.has_authenticator(request.user):
        return redirect(target)
    data = request.POST or None
    with_passkey = request.method == "POST" and "credential" in request.POST
    code_form = AuthenticateForm(user=request.user, data=None if with_passkey else data)
    passkey_form = AuthenticateWebAuthnForm(user=request.user, data=data if with_passkey else None)
    status = 200
    if request.method == "POST":
        form = passkey_form if with_passkey else code_form
        try:
            if two_factor.code_check(request, form):
                return redirect(target)
        except services.LockedOut as locked:
            form.add_error(None, locked_out_message(locked))
        status = 422
    context = {
        "form": code_form,
        "passkey_form": passkey_form,
        "has_totp": get_adapter().is_mfa_enabled(request.user, types=[Authenticator.Type.TOTP]),
        "next": target,
    }
    if _has_passkey(request.user):
        # A new challenge for each page shown (allauth keeps it in the session until a passkey answers it).
        context["passkey_options"] = {"request_options": webauthn_auth.begin_authentication(request.user)}
    return render(request, "core/two_factor_authenticate.html", context, status=status)


def _setup_page(request, *, totp_form=None, passkey_form=None, status=200):
    """The setup page: the account's authenticators, an app to set up if it has none, a passkey to add."""
    user = request.user
    has_totp = get_adapter().is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
    context = {
        "authenticators": two_factor.authenticators(user),
        "active": two_factor.has_authenticator(user),
        "required": two_factor.setup_required(user),
        "passkey_form": passkey_form or AddPasskeyForm(user=user),
        "passkey_options": {"creation_options": webauthn_auth.begin_registration(user, passwordless=False)},
        "next": safe_next(request, reverse("core:home")),
    }
    if not has_totp:
        totp_form = totp_form or ActivateTOTPForm(user=user)
        adapter = get_adapter()
        svg = adapter.build_totp_svg(adapter.build_totp_url(user, totp_form.secret))
        context.update(
            form=totp_form,
            secret=totp_form.secret,
            qr_code="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
        )
    return render(request, "core/two_factor_setup.html", context, status=status)


def _after_adding(request, created_codes: bool):
    """The first authenticator made recovery codes: shown now, once. Otherwise, back to the setup page."""
    setup = f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': safe_next(request, reverse('core:home'))})}"
    if created_codes:
        return redirect(f"{reverse('accounts:two_factor_recovery_codes')}?{urlencode({'next': setup})}")
    return redirect(setup)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """A coach's or an admin's authenticators: an app (a QR code, then a code to confirm), passkeys, and removal."""
    if request.method == "GET":
        return _setup_page(request)
    if get_adapter().is_mfa_enabled(request.user, types=[Authenticator.Type.TOTP]):
        return redirect(request.get_full_path())  # one app per account: a second confirmation has nothing to do
    form = ActivateTOTPForm(user=request.user, data=request.POST)
    if not form.is_valid():
        return _setup_page(request, totp_form=form, status=422)
    _totp, codes = totp_flows.activate_totp(request, form)
    two_factor.mark_verified(request)
    return _after_adding(request, created_codes=codes is not None)


@never_cache
@staff_required
@require_POST
def passkey_add(request):
    """A passkey the browser just made (allauth's script on the setup page), checked against the session's challenge."""
    form = AddPasskeyForm(user=request.user, data=request.POST)
    if not form.is_valid():
        return _setup_page(request, passkey_form=form, status=422)
    _passkey, codes = webauthn_flows.add_authenticator(
        request, name=form.cleaned_data["name"], credential=form.cleaned_data["credential"]
    )
    two_factor.mark_verified(request)
    return _after_adding(request, created_codes=codes is not None)


@never_cache
@staff_required
def recovery_codes(request):
    """The codes that open the account once each when the phone or the passkey is lost: shown once, when made."""
    found, can_view = recovery_codes_flows.view_recovery_codes(request)
    if found is None:
        raise Http404
    context = {
        "codes": found.get_unused_codes() if can_view else None,
        "next": safe_next(request, reverse("accounts:two_factor_setup")),
    }
    return render(request, "core/two_factor_recovery_codes.html", context)


def _confirmation(request, *, title: str, explanation: str, action: str, refusal: str = ""):
    """Asks the password or a current code, under the login lockout, before a change that weakens the account.

    None once given (the caller then makes the change); otherwise the page to show, again with 422 after a wrong
    answer, or with the refusal and no form when the change is not allowed.
    """
    form = ConfirmIdentityForm(user=request.user, data=request.POST or None)
    if request.method == "POST" and not refusal:
        try:
            if two_factor.identity_check(request, form):
                form.save()
                return None
        except services.LockedOut as locked:
            form.add_error(None, locked_out_message(locked))
    context = {"form": form, "title": title, "explanation": explanation, "action": action, "refusal": refusal}
    return render(request, "core/two_factor_confirm.html", context, status=422 if request.method == "POST" else 200)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def remove(request, authenticator_id: int):
    """Turns off the authenticator app, or removes a passkey, once the password or a current code is given.

    Only the account's own (anyone else's is a 404); allauth's flows delete it, with the recovery codes when no
    other authenticator is left, and send their signals. An admin who must keep a second factor keeps the last one.
    """
    authenticator = get_object_or_404(
        Authenticator.objects.exclude(type=Authenticator.Type.RECOVERY_CODES),
        pk=authenticator_id,
        user=request.user,
    )
    adapter = get_adapter()
    if authenticator.type == Authenticator.Type.TOTP:
        title = _("Turn off the authenticator app")
        explanation = _("After your password, InterLab will no longer accept this app's codes.")
    else:
        title = _("Remove the passkey “%(name)s”") % {"name": authenticator.wrap().name}
        explanation = _("After your password, InterLab will no longer accept this passkey.")
    if not any(row.pk != authenticator.pk and row.removable for row in two_factor.authenticators(request.user)):
        explanation += " " + _("It is your last one: your recovery codes stop working too.")
    refusal = (
        "" if adapter.can_delete_authenticator(authenticator) else adapter.error_messages["cannot_delete_authenticator"]
    )
    page = _confirmation(request, title=title, explanation=explanation, action=title, refusal=str(refusal))
    if page is not None:
        return page
    if authenticator.type == Authenticator.Type.TOTP:
        totp_flows.deactivate_totp(request, authenticator)
    else:
        webauthn_flows.remove_authenticator(request, authenticator)
    return redirect("accounts:two_factor_setup")


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def recovery_codes_regenerate(request):
    """New recovery codes, once the password or a current code is given: the old ones stop working, the new ones
    are shown once."""
    if not GenerateRecoveryCodesForm(user=request.user, data={}).is_valid():
        raise Http404  # no authenticator, no codes
    page = _confirmation(
        request,
        title=_("New recovery codes"),
        explanation=_("Your current recovery codes will stop working, and new ones will be shown once."),
        action=_("Make new recovery codes"),
    )
    if page is not None:
        return page
    recovery_codes_flows.generate_recovery_codes(request)
    query = urlencode({"next": reverse("accounts:two_factor_setup")})
    return redirect(f"{reverse('accounts:two_factor_recovery_codes')}?{query}")
