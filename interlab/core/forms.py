from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import ngettext

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


class LockoutAuthenticationForm(AuthenticationForm):
    """Django's login form, counting failures per username and per address, refusing logins while locked."""

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
