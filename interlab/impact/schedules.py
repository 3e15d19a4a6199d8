"""The django-q2 schedules of the impact app, created after every migrate."""

from django.db import DEFAULT_DB_ALIAS

# (name, task, kind, every so many minutes or the hour of the night)
SCHEDULES = [
    ("impact.refresh_stage_spells", "interlab.impact.tasks.refresh_stage_spells", "MINUTES", 10),
    ("impact.sync_spell_scope", "interlab.impact.tasks.sync_spell_scope", "MINUTES", 10),
    # At night, when nobody moves a card: the ESF+ categories derived again (repairs bulk loads).
    ("impact.refresh_participants", "interlab.impact.tasks.refresh_participants", "DAILY", 3),
]


def ensure_schedules(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    from django.utils import timezone
    from django_q.models import Schedule

    tomorrow = timezone.localtime() + timezone.timedelta(days=1)
    for name, func, kind, every in SCHEDULES:
        defaults = {"func": func, "schedule_type": getattr(Schedule, kind), "repeats": -1}
        if kind == "MINUTES":
            defaults["minutes"] = every
        else:
            defaults["next_run"] = tomorrow.replace(hour=every, minute=30, second=0, microsecond=0)
        Schedule.objects.using(using).get_or_create(name=name, defaults=defaults)
