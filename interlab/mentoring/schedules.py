"""The django-q2 schedules of mentoring, created after every migrate so a fresh install has them."""

from django.db import DEFAULT_DB_ALIAS

SCHEDULES = [
    ("mentoring.pending_offers", "interlab.mentoring.tasks.remind_pending_offers", "HOURLY", 0),
    ("mentoring.unlogged_sessions", "interlab.mentoring.tasks.remind_unlogged_sessions", "DAILY", 9),
    ("mentoring.checkins", "interlab.mentoring.tasks.remind_checkins", "DAILY", 9),
]


def ensure_schedules(sender=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    from django.utils import timezone
    from django_q.models import Schedule

    now = timezone.localtime()
    for name, func, kind, hour in SCHEDULES:
        if kind == "HOURLY":
            first = (now + timezone.timedelta(hours=1)).replace(minute=5, second=0, microsecond=0)
        else:
            first = (now + timezone.timedelta(days=1)).replace(hour=hour, minute=0, second=0, microsecond=0)
        Schedule.objects.using(using).get_or_create(
            name=name,
            defaults={"func": func, "schedule_type": getattr(Schedule, kind), "next_run": first, "repeats": -1},
        )
