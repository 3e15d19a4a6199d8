"""The public ways in (interlab.core.views_accounts), under /account/."""

from django.urls import path

from . import views_accounts as views
from . import views_two_factor

app_name = "accounts"
urlpatterns = [
    path("code/", views.code_enter, name="code_enter"),
    # Before the link's route: "password" is not a code (a code has 8 characters), but the order says it plainly.
    path("code/password/", views.code_password, name="code_password"),
    path("code/<str:code>/", views.code_open, name="code_open"),
    path("password-reset/", views.PasswordResetView.as_view(), name="reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="reset_sent"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="reset_confirm"),
    path("two-factor/", views_two_factor.authenticate, name="two_factor"),
    path("two-factor/setup/", views_two_factor.setup, name="two_factor_setup"),
    path("two-factor/passkeys/add/", views_two_factor.passkey_add, name="two_factor_passkey_add"),
    path("two-factor/<int:authenticator_id>/remove/", views_two_factor.remove, name="two_factor_remove"),
    path("two-factor/recovery-codes/", views_two_factor.recovery_codes, name="two_factor_recovery_codes"),
    path(
        "two-factor/recovery-codes/new/",
        views_two_factor.recovery_codes_regenerate,
        name="two_factor_recovery_codes_regenerate",
    ),
]
