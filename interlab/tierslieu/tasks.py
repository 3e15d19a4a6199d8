"""django-q2 entry points of the tiers-lieu. Thin: they call services."""

from . import services


def release_no_shows() -> str:
    """Every few minutes: release no-shows, expire unanswered waiting-list holds, record the run."""
    run = services.release_no_shows()
    return f"{run.released} released, {run.expired_holds} holds expired"
