"""django-q2 entry points of the pipeline. Thin: they call services and selectors."""

from django.conf import settings
from django.utils import translation

from interlab.core import mail
from interlab.core.models import User

from .selectors import coach_digest


def send_daily_digest(coach_id: int) -> bool:
    """Mail one coach their overdue tasks, stalled projects and the projects nobody follows; nothing is sent when there is nothing."""
    coach = User.objects.filter(pk=coach_id, is_active=True).first()
    if coach is None or not coach.email:
        return False
    with translation.override(coach.preferred_language or settings.LANGUAGE_CODE):
        digest = coach_digest(coach)
        if not digest["overdue"] and not digest["stalled"] and not digest["unassigned"]:
            return False
        context = {**digest, "site_url": settings.SITE_URL}
        mail.send_templated("crm/email/digest", context, [coach.email])
    return True


def send_daily_digests() -> int:
    """The scheduled entry: one digest per active coach. Returns how many were sent."""
    return sum(send_daily_digest(pk) for pk in User.objects.coaches().values_list("pk", flat=True))
