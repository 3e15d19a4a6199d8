"""What every page's navigation bar needs: the person's unread notifications, counted only if the page shows them,
and for staff whether they still lack a second factor."""

from django.utils.functional import SimpleLazyObject

from . import selectors
from .two_factor import request_has_authenticator


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: selectors.notifications_unread_count(user))}


def two_factor(request) -> dict:
    """Staff without a second factor see a banner inviting them to set one up (admins are made to, in production)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff_role or request.path.startswith("/account/"):
        return {}
    return {"two_factor_missing": SimpleLazyObject(lambda: not request_has_authenticator(request))}
