"""Stage spells derived from the pipeline's events, kept up to date incrementally by event id.

A spell is one stay of a project in a stage: entered by a StageTransition, left at the project's next one.
Events are appended in time order by crm.services.project_move, so the spells of new events and the end of
the spell each project was in are all that a refresh has to write: its cost follows the new events, never
the whole history.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Max

from interlab.crm.models import StageTransition

from .models import StageSpell


def days_between(later: str, earlier: str) -> str:
    """SQL for the whole days between two timestamp columns, on SQLite and PostgreSQL."""
    if connection.vendor == "postgresql":
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400) AS INTEGER)"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def spells_stale() -> bool:
    last_event = StageTransition.objects.aggregate(m=Max("id"))["m"] or 0
    last_spell = StageSpell.objects.aggregate(m=Max("transition_id"))["m"] or 0
    return last_event > last_spell


def spells_refresh() -> int:
    """Add the spells of events not seen yet and close the spells they end. Returns the spells added."""
    spell = StageSpell._meta.db_table
    event = StageTransition._meta.db_table
    try:
        with transaction.atomic():
            seen = StageSpell.objects.aggregate(m=Max("transition_id"))["m"] or 0
            with connection.cursor() as cursor:
                cursor.execute(
                    f"""
                    INSERT INTO {spell} (transition_id, project_id, stage_id, entered_at, left_at, days)
                    SELECT id, project_id, to_stage_id, at, next_at, {days_between("next_at", "at")}
                    FROM (
                        SELECT id, project_id, to_stage_id, at,
                               LEAD(at) OVER (PARTITION BY project_id ORDER BY at, id) AS next_at
                        FROM {event} WHERE id > %s
                    ) AS fresh
                    """,
                    [seen],
                )
                added = cursor.rowcount
                if seen:
                    first_new = (
                        f"(SELECT MIN(e.at) FROM {event} e WHERE e.project_id = {spell}.project_id AND e.id > %s)"
                    )
                    cursor.execute(
                        f"""
                        UPDATE {spell} SET left_at = {first_new}, days = {days_between(first_new, "entered_at")}
                        WHERE left_at IS NULL AND transition_id <= %s
                          AND project_id IN (SELECT project_id FROM {event} WHERE id > %s)
                        """,
                        [seen, seen, seen, seen],
                    )
    except IntegrityError:
        # Another process refreshed the same events at the same moment: its spells are as good as ours.
        return 0
    return max(added, 0)


def spells_refresh_if_stale() -> int:
    return spells_refresh() if spells_stale() else 0
