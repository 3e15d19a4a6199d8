"""The django-q2 schedule of the core app (the nightly retention run), created after every migrate."""

from django.db import DEFAULT_DB_ALIAS

RETENTION_SCHEDULE = "core.retention_nightly"


def ensure_schedules(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    from django.utils import timezone
    from django_q.models import Schedule

    # At night, when nobody is working on the files it may erase.
    tonight = (timezone.localtime() + timezone.timedelta(days=1)).replace(hour=2, minute=30, second=0, microsecond=0)
    Schedule.objects.using(using).get_or_create(
        name=RETENTION_SCHEDULE,
        defaults={
            "func": "interlab.core.tasks.retention_nightly",
            "schedule_type": Schedule.DAILY,
            "next_run": tonight,
            "repeats": -1,
        },
    )
