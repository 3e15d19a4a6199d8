"""The django-q2 schedule of the impact app, created after every migrate."""

from django.db import DEFAULT_DB_ALIAS


def ensure_schedules(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    from django_q.models import Schedule

    Schedule.objects.using(using).get_or_create(
        name="impact.refresh_stage_spells",
        defaults={
            "func": "interlab.impact.tasks.refresh_stage_spells",
            "schedule_type": Schedule.MINUTES,
            "minutes": 10,
            "repeats": -1,
        },
    )
    Schedule.objects.using(using).get_or_create(
        name="impact.sync_spell_scope",
        defaults={
            "func": "interlab.impact.tasks.sync_spell_scope",
            "schedule_type": Schedule.MINUTES,
            "minutes": 10,
            "repeats": -1,
        },
    )
