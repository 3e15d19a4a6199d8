"""Personal data held by the core app, for the data inventory (interlab.core.inventory)."""

from django.utils.translation import gettext_lazy as _

from .inventory import (
    ADMIN_ONLY,
    KEPT_AS_AUTHOR,
    KEPT_WITH_ACCOUNT,
    PURPOSE_ACCOUNT,
    PURPOSE_AUDIT,
    PURPOSE_AUTHOR,
    PURPOSE_SECURITY,
    SELF,
    STAFF,
    personal,
)
from .models import RetentionAction, Role

PERSONAL_DATA = [
    personal(
        "core.User",
        "username first_name last_name email",
        purpose=PURPOSE_ACCOUNT,
        seen_by=(*STAFF, SELF),
        retention=KEPT_WITH_ACCOUNT,
    ),
    personal(
        "core.User",
        "preferred_language",
        purpose=_("speak to the person in their language"),
        seen_by=(Role.ADMIN, SELF),
        retention=KEPT_WITH_ACCOUNT,
    ),
    personal("core.ApiToken", "user", purpose=PURPOSE_ACCOUNT, seen_by=ADMIN_ONLY, retention=KEPT_WITH_ACCOUNT),
    personal(
        "core.LoginFailure",
        "username ip_address",
        purpose=PURPOSE_SECURITY,
        seen_by=ADMIN_ONLY,
        retention=RetentionAction.LOGIN_FAILURES,
    ),
    personal(
        "core.Consent",
        "entrepreneur purposes",
        purpose=_("prove what the person agreed to, and when"),
        seen_by=(*STAFF, SELF),
        retention=RetentionAction.ENTREPRENEUR_INACTIVE,
    ),
    personal("core.Consent", "recorded_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "core.SensitiveRead",
        "user entrepreneur fields",
        purpose=PURPOSE_AUDIT,
        seen_by=ADMIN_ONLY,
        retention=RetentionAction.SENSITIVE_READS,
    ),
    personal(
        "core.RetentionRun",
        "triggered_by report",
        purpose=_("show what the retention schedule did (row numbers only, never names)"),
        seen_by=ADMIN_ONLY,
        retention=KEPT_AS_AUTHOR,
    ),
]

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "core.ConsentText": "the wording shown to people, the same for everyone",
    "core.RetentionRule": "the retention schedule itself",
    "core.User.password": "a one-way hash, never readable",
    "core.ApiToken.key_hash": "a one-way hash, never readable",
    "core.SensitiveRead.context": "the page or report where the read happened",
}
