"""Stage spells derived from the pipeline's events, kept up to date incrementally by event id.

A spell is one stay of a project in a stage: entered by a StageTransition, left at the project's next one.
Events are appended in time order by crm.services.project_move, so the spells of new events and the end of
the spell each project was in are all that a refresh has to write: its cost follows the new events, never
the whole history.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Max

from interlab.crm import selectors as crm_selectors

from .freshness import figures_changed
from .models import StageSpell


def days_between(later: str, earlier: str) -> str:
    """SQL for the whole days between two timestamp columns, on SQLite and PostgreSQL."""
    if connection.vendor == "postgresql":
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400) AS INTEGER)"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def spells_stale() -> bool:
    last_event = crm_selectors.stage_transitions_all().aggregate(m=Max("id"))["m"] or 0
    last_spell = StageSpell.objects.aggregate(m=Max("transition_id"))["m"] or 0
    return last_event > last_spell


def spells_refresh() -> int:
    """Add the spells of events not seen yet and close the spells they end. Returns the spells added."""
    spell = StageSpell._meta.db_table
    event = crm_selectors.tables()["stage_transition"]
    project = crm_selectors.tables()["project"]
    launch_ids = list(crm_selectors.stages_all().filter(is_launch=True).values_list("pk", flat=True)) or [0]
    launch = ", ".join(str(int(pk)) for pk in launch_ids)
    try:
        with transaction.atomic():
            seen = StageSpell.objects.aggregate(m=Max("transition_id"))["m"] or 0
            with connection.cursor() as cursor:
                # New spells; a first entry is the first among the new events and has no earlier spell.
                cursor.execute(
                    f"""
                    INSERT INTO {spell} (transition_id, project_id, stage_id, entered_at, left_at, days,
                                         first_entry, first_launch, programme_id, cohort_id)
                    SELECT fresh.id, fresh.project_id, fresh.to_stage_id, fresh.at, fresh.next_at,
                           {days_between("fresh.next_at", "fresh.at")},
                           CASE WHEN fresh.stage_rank = 1 AND NOT EXISTS (
                               SELECT 1 FROM {spell} s WHERE s.project_id = fresh.project_id
                                                        AND s.stage_id = fresh.to_stage_id) THEN 1 ELSE 0 END = 1,
                           CASE WHEN fresh.is_launch = 1 AND fresh.launch_rank = 1 AND NOT EXISTS (
                               SELECT 1 FROM {spell} s WHERE s.project_id = fresh.project_id
                                                        AND s.stage_id IN ({launch})) THEN 1 ELSE 0 END = 1,
                           p.programme_id, p.cohort_id
                    FROM (
                        SELECT id, project_id, to_stage_id, at, is_launch,
                               LEAD(at) OVER (PARTITION BY project_id ORDER BY at, id) AS next_at,
                               ROW_NUMBER() OVER (PARTITION BY project_id, to_stage_id ORDER BY at, id) AS stage_rank,
                               ROW_NUMBER() OVER (PARTITION BY project_id, is_launch ORDER BY at, id) AS launch_rank
                        FROM (
                            SELECT id, project_id, to_stage_id, at,
                                   CASE WHEN to_stage_id IN ({launch}) THEN 1 ELSE 0 END AS is_launch
                            FROM {event} WHERE id > %s
                        ) AS events
                    ) AS fresh
                    JOIN {project} p ON p.id = fresh.project_id
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
    if added > 0:
        figures_changed()
    return max(added, 0)


def spells_sync_scope() -> int:
    """Copy each project's current programme and cohort onto its spells where they differ (scheduled)."""
    spell = StageSpell._meta.db_table
    project = crm_selectors.tables()["project"]
    differs = f"""
        SELECT p.id FROM {project} p WHERE EXISTS (
            SELECT 1 FROM {spell} s WHERE s.project_id = p.id
              AND (s.programme_id IS DISTINCT FROM p.programme_id OR s.cohort_id IS DISTINCT FROM p.cohort_id))
    """
    if connection.vendor == "sqlite":
        differs = differs.replace("IS DISTINCT FROM", "IS NOT")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {spell} SET
                programme_id = (SELECT p.programme_id FROM {project} p WHERE p.id = {spell}.project_id),
                cohort_id = (SELECT p.cohort_id FROM {project} p WHERE p.id = {spell}.project_id)
            WHERE project_id IN ({differs})
            """
        )
        changed = max(cursor.rowcount, 0)
    if changed:
        figures_changed()
    return changed


def spells_refresh_if_stale() -> int:
    return spells_refresh() if spells_stale() else 0
