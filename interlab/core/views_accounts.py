"""The public ways in: a code from an invitation (or a new password a coach handed over), and the password reset by
e-mail. Thin: parse, call interlab.core.accounts, render."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import accounts, selectors, services
from .errors import DomainError
from .forms import CodeForm, NewPasswordForm, code_locked_message, reset_locked_message
from .models import InvitationKind
from .net import client_ip

SESSION_KEY = "interlab_code"
BACKEND = "interlab.core.auth.InterLabModelBackend"


def refused_message(reason: str) -> str:
    if reason == "used":
        return _("This code was already used. If you set your password with it, log in; if not, ask your coach.")
    if reason == "revoked":
        return _("This code was cancelled or replaced by a newer one. Ask your coach for the new one.")
    if reason == "expired":
        return _("This code has expired. Ask your coach for a new one.")
    return _("This code does not open anything. Check it, or ask your coach.")


def _open(request, form: CodeForm, code: str):
    """Checks the code and keeps the invitation in the session (the code leaves the address bar), or says why not."""
    try:
        invitation = accounts.invitation_check(code=code, ip_address=client_ip(request))
    except accounts.CodeRefused as refused:
        form.add_error("code", refused_message(refused.reason))
    except services.LockedOut as locked:
        form.add_error("code", code_locked_message(locked))
    else:
        request.session[SESSION_KEY] = {"id": invitation.pk, "hash": invitation.code_hash}
        return redirect("accounts:code_password")
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def code_enter(request):
    """ "I have a code": for the person who got it on paper or by SMS."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opened = _open(request, form, form.cleaned_data["code"])
        if opened:
            return opened
    status = 422 if request.method == "POST" else 200
    return render(request, "core/code_enter.html", {"form": form}, status=status)


@never_cache
@require_GET
def code_open(request, code: str):
    """The link printed, mailed or texted with the code in it."""
    form = CodeForm({"code": code[:20]})
    opened = _open(request, form, code) if form.is_valid() else None
    return opened or render(request, "core/code_enter.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def code_password(request):
    """The person chooses their password; then they are logged in and land on their own page."""
    invitation = selectors.invitation_held(request.session.get(SESSION_KEY))
    if invitation is None:  # no code opened in this browser (or it was used meanwhile): ask for one
        request.session.pop(SESSION_KEY, None)
        return render(request, "core/code_enter.html", {"form": CodeForm()})
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.invitation_redeem(
                invitation_id=invitation.pk, hashed=invitation.code_hash, password=form.cleaned_data["password1"]
            )
        except ValidationError as invalid:
            form.add_error("password1", invalid)
        except DomainError as refused:  # the record the login was for refused it (a file erased meanwhile)
            form.add_error(None, refused.message)
        except accounts.CodeRefused as refused:
            request.session.pop(SESSION_KEY, None)
            messages.error(request, refused_message(refused.reason))
            return redirect("accounts:code_enter")
        else:
            request.session.pop(SESSION_KEY, None)
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                _("Your password is set. To log in next time, your user name is %(username)s.")
                % {"username": user.username},
            )
            return redirect("core:home")
    context = {"form": form, "invitation": invitation, "is_reset": invitation.kind == InvitationKind.RESET}
    return render(request, "core/code_password.html", context, status=422 if request.method == "POST" else 200)


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether an account uses the address or not; requests are counted like failed logins."""

    template_name = "core/password_reset.html"
    success_url = reverse_lazy("accounts:reset_sent")
    title = gettext_lazy("Forgot your password?")

    def form_valid(self, form):
        try:
            accounts.password_reset_request(
                email=form.cleaned_data["email"], ip_address=client_ip(self.request), language=get_language()
            )
        except services.LockedOut as locked:
            form.add_error(None, reset_locked_message(locked))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_sent.html"
    title = gettext_lazy("Check your e-mail")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link from the e-mail: a new password, then straight to the person's own page, logged in."""

    template_name = "core/password_reset_confirm.html"
    post_reset_login = True
    post_reset_login_backend = BACKEND
    success_url = reverse_lazy("core:home")
    title = gettext_lazy("Choose a new password")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_failures_clear(username=form.user.username)
        messages.success(self.request, _("Your new password is set."))
        return response
