"""The django-q2 schedules this app needs, created after every migrate so a fresh install has them."""

from django.db import DEFAULT_DB_ALIAS


def ensure_schedules(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    from django.utils import timezone
    from django_q.models import Schedule

    tomorrow_7 = (timezone.localtime() + timezone.timedelta(days=1)).replace(hour=7, minute=0, second=0, microsecond=0)
    Schedule.objects.using(using).get_or_create(
        name="crm.daily_digest",
        defaults={
            "func": "interlab.crm.tasks.send_daily_digests",
            "schedule_type": Schedule.DAILY,
            "next_run": tomorrow_7,
            "repeats": -1,
        },
    )
