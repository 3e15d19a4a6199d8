"""Read-side queries of the mentoring app."""


def mentor_id_for_user(user) -> int | None:
    """The mentor profile linked to this login, if any (shown by GET /api/v1/me)."""
    return None
