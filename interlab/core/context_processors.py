"""What every page's navigation bar needs: the person's unread notifications, counted only if the page shows them."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: selectors.notifications_unread_count(user))}
