from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from . import services


def locked_out_message(locked: services.LockedOut) -> str:
    """Says what is locked (the account, or logins from this connection) and for how long."""
    if locked.reason == "address":
        text = ngettext(
            "Too many failed logins from your connection. For safety, logging in from it is blocked for "
            "%(minutes)d minute; try again later.",
            "Too many failed logins from your connection. For safety, logging in from it is blocked for "
            "%(minutes)d minutes; try again later.",
            locked.minutes,
        )
    else:
        text = ngettext(
            "Too many failed attempts on this account. For its safety it is locked for %(minutes)d minute; "
            "try again later, or ask a coach.",
            "Too many failed attempts on this account. For its safety it is locked for %(minutes)d minutes; "
            "try again later, or ask a coach.",
            locked.minutes,
        )
    return text % {"minutes": locked.minutes}


class LockoutMixin:
    """Counts failures per username and per address, and refuses logins while locked (see services)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password:
            try:
                self.user_cache = services.credentials_check(request=self.request, username=username, password=password)
            except services.LockedOut as locked:
                raise forms.ValidationError(locked_out_message(locked), code="locked_out") from None
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LockoutAuthenticationForm(LockoutMixin, AuthenticationForm):
    """The application's login form."""


class LockoutAdminAuthenticationForm(LockoutMixin, AdminAuthenticationForm):
    """The Django admin's login form (staff only), under the same lockout as every other login."""


class LockoutWagtailLoginForm(LockoutMixin, WagtailLoginForm):
    """The Wagtail admin's login form (WAGTAILADMIN_USER_LOGIN_FORM), under the same lockout."""
