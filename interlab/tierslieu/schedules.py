"""The django-q2 schedule this app needs, created after every migrate so a fresh install has it."""

from django.db import DEFAULT_DB_ALIAS

EVERY_MINUTES = 5


def ensure_schedules(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    from django_q.models import Schedule

    Schedule.objects.using(using).get_or_create(
        name="tierslieu.release_no_shows",
        defaults={
            "func": "interlab.tierslieu.tasks.release_no_shows",
            "schedule_type": Schedule.MINUTES,
            "minutes": EVERY_MINUTES,
            "repeats": -1,
        },
    )
