"""django-q2 entry points of the impact app."""

from .spells import spells_refresh


def refresh_stage_spells() -> int:
    """Keep the stage spells in step with the pipeline's events, so that no page view has many to add."""
    return spells_refresh()
