"""The django-q2 schedule of the impact app, created after every migrate."""

from datetime import datetime, time, timedelta

from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone


def _next_night() -> datetime:
    """Half past three tonight, local time: the nightly work runs when nobody books or moves a card."""
    today = timezone.localdate()
    moment = timezone.make_aware(datetime.combine(today, time(3, 30)))
    return (
        moment
        if moment > timezone.now()
        else timezone.make_aware(datetime.combine(today + timedelta(days=1), time(3, 30)))
    )


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
    Schedule.objects.using(using).get_or_create(
        name="impact.refresh_participants",
        defaults={
            "func": "interlab.impact.tasks.refresh_participants",
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": _next_night(),
        },
    )
