from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
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


def code_locked_message(locked: services.LockedOut) -> str:
    """Too many wrong codes (for this code, or from this connection): wait, or ask the coach."""
    return ngettext(
        "Too many wrong codes were tried. For safety, codes are refused for %(minutes)d minute; "
        "try again later or ask your coach.",
        "Too many wrong codes were tried. For safety, codes are refused for %(minutes)d minutes; "
        "try again later or ask your coach.",
        locked.minutes,
    ) % {"minutes": locked.minutes}


def reset_locked_message(locked: services.LockedOut) -> str:
    return ngettext(
        "Too many requests in a short time. Please wait %(minutes)d minute and try again.",
        "Too many requests in a short time. Please wait %(minutes)d minutes and try again.",
        locked.minutes,
    ) % {"minutes": locked.minutes}


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        help_text=_("8 letters and digits, as written on your paper or in your message, for example K7QM-4XPA."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )


class NewPasswordForm(forms.Form):
    """A password or a passphrase, twice; the password validators run in the service that sets it."""

    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hints = " ".join(str(text) for text in password_validation.password_validators_help_texts())
        self.fields["password1"].help_text = _("A few words you will remember make a good password.") + " " + hints

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return data


class QuickSelect(forms.Select):
    """A <select> that writes its options in place (core/widgets/select.html): the same HTML as Django's, without
    two template includes per option, for the long filter bars of the board and the dashboard."""

    template_name = "core/widgets/select.html"
