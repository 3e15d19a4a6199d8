from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from . import services


class LockoutAuthenticationForm(AuthenticationForm):
    """Django's login form, counting failures per username and refusing logins while locked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _(
            "Too many failed attempts. For your safety this account is locked for a while; try again later."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password:
            try:
                self.user_cache = services.credentials_check(request=self.request, username=username, password=password)
            except services.LockedOut:
                raise forms.ValidationError(self.error_messages["locked_out"], code="locked_out") from None
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
