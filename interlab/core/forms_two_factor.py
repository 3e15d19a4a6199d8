"""Forms of the two-factor pages that allauth.mfa does not have as InterLab needs them: a named passkey, and the
password or a current code asked before an authenticator is removed or the recovery codes are replaced."""

from allauth.core import context
from allauth.mfa.base.forms import ReauthenticateForm
from allauth.mfa.internal.flows.add import validate_can_add_authenticator
from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class AddPasskeyForm(AddWebAuthnForm):
    """allauth's form (the browser's credential, checked against the challenge in the session), with a label."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"] = forms.CharField(
            label=_("Name of the passkey"),
            help_text=_("To tell your passkeys apart, for example “Work laptop” or “Phone”."),
            required=False,
            max_length=60,
        )

    def clean(self) -> dict:
        # What allauth's own "add" view checks first (an account whose e-mail is unverified adds none).
        validate_can_add_authenticator(self.user)
        return super().clean()


class ConfirmIdentityForm(forms.Form):
    """The account's password, or a current code of its authenticator app (or a recovery code)."""

    password = forms.CharField(
        label=_("Your password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Or a code from your authenticator app"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self._code_form = None

    def clean(self) -> dict:
        cleaned = super().clean()
        password, code = cleaned.get("password"), (cleaned.get("code") or "").strip()
        if password:
            request = context.request
            if authenticate(request, username=self.user.get_username(), password=password) != self.user:
                raise forms.ValidationError(_("Wrong password."), code="wrong_password")
        elif code:
            # allauth's own check of an app's or a recovery code (a used recovery code is spent, as at login).
            self._code_form = ReauthenticateForm(user=self.user, data={"code": code})
            if not self._code_form.is_valid():
                raise forms.ValidationError(self._code_form.errors["code"], code="wrong_code")
        else:
            raise forms.ValidationError(_("Type your password, or a code from your authenticator app."), code="empty")
        return cleaned

    def save(self) -> None:
        """Records a code's use with allauth (its "last used", its reauthentication record)."""
        if self._code_form is not None:
            self._code_form.save()
