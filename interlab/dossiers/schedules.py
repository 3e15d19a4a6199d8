"""The django-q2 schedule of the dossiers (daily reminders), created after every migrate."""

from django.db import DEFAULT_DB_ALIAS


def ensure_schedules(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    from django.utils import timezone
    from django_q.models import Schedule

    tomorrow_8 = (timezone.localtime() + timezone.timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
    Schedule.objects.using(using).get_or_create(
        name="dossiers.daily_reminders",
        defaults={
            "func": "interlab.dossiers.tasks.send_reminders",
            "schedule_type": Schedule.DAILY,
            "next_run": tomorrow_8,
            "repeats": -1,
        },
    )
