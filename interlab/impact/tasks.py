"""django-q2 entry points of the impact app."""

from .participants import participants_refresh
from .spells import spells_refresh, spells_sync_scope


def refresh_stage_spells() -> int:
    """Keep the stage spells in step with the pipeline's events, so that no page view has many to add."""
    return spells_refresh()


def sync_spell_scope() -> int:
    """Projects moved to another programme or cohort: their spells follow (the dashboards filter on them)."""
    return spells_sync_scope()


def refresh_participants() -> int:
    """Derive the ESF+ categories of every file again: repairs what bulk loads wrote without signals."""
    return participants_refresh()
