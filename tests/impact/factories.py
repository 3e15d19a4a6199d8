"""Histories written straight to the tables, at chosen dates: the impact figures are checked by hand on them."""

from datetime import UTC, date, datetime

from interlab.crm.models import Project, Stage, StageTransition


def noon(day: date | str) -> datetime:
    """Noon UTC of a day: the same calendar day in Brussels, whatever the season."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def history(entrepreneur, path: list[tuple[str, str]], **fields) -> Project:
    """A project that went through `path` [(stage key, "YYYY-MM-DD"), ...], one event per step."""
    stages = {s.key: s for s in Stage.objects.all()}
    first_at, last_key, last_at = noon(path[0][1]), path[-1][0], noon(path[-1][1])
    project = Project.objects.create(
        entrepreneur=entrepreneur,
        title=fields.pop("title", "Projet"),
        stage=stages[last_key],
        stage_entered_at=last_at,
        created_at=first_at,
        **fields,
    )
    previous = None
    for key, day in path:
        StageTransition.objects.create(project=project, from_stage=previous, to_stage=stages[key], at=noon(day))
        previous = stages[key]
    return project
