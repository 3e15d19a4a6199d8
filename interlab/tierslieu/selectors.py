"""Read-side queries of the tiers-lieu app."""


def ical_url_for_user(user, request=None) -> str | None:
    """The caller's personal booking feed (shown by GET /api/v1/me)."""
    return None
