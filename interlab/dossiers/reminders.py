"""E-mail reminders: a card to renew 3 months before it expires, a residence document nearing its end.

Each reminder goes once per date (the date reminded for is kept on the dossier), to the entrepreneur and
the coach, each in their preferred language.
"""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from interlab.core import mail
from interlab.core.models import User

from .models import OPEN_STATUSES, Dossier, Status
from .services import residence_valid_until_read

RENEWAL_MONTHS = 3
RESIDENCE_NOTICE_DAYS = 90
RENEWAL_SUBJECT = gettext_noop("Professional card to renew: “%(title)s”")
RESIDENCE_SUBJECT = gettext_noop("Residence document ending soon: “%(title)s”")


def months_before(day: date, months: int) -> date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _recipients(dossier: Dossier) -> list[tuple[str, str, str]]:
    """(e-mail, name, language) of the entrepreneur and the coach."""
    person = dossier.project.entrepreneur
    out = []
    owner: User | None = person.user
    email = (owner.email if owner and owner.email else "") or person.email
    if email and not person.erased_at:
        out.append((email, person.first_name, (owner.preferred_language if owner else "") or settings.LANGUAGE_CODE))
    coach = dossier.project.coach
    if coach and coach.is_active and coach.email and coach.email != email:
        out.append(
            (coach.email, coach.first_name or coach.username, coach.preferred_language or settings.LANGUAGE_CODE)
        )
    return out


def _send(dossier: Dossier, template: str, subject: str, until: date) -> int:
    sent = 0
    for email, name, language in _recipients(dossier):
        with translation.override(language):
            context = {
                "dossier": dossier,
                "name": name,
                "until": until,
                "url": f"{settings.SITE_URL}{dossier.get_absolute_url()}",
            }
            body = render_to_string(template, context)
            title = _(subject) % {"title": dossier.project.title}
            mail.send(title, body, [email], html=mail.html_from_text(title, body))
        sent += 1
    return sent


def renewal_due(today: date | None = None):
    today = today or timezone.localdate()
    horizon = today + timedelta(days=100)
    for dossier in Dossier.objects.filter(
        status=Status.GRANTED, valid_until__gte=today, valid_until__lte=horizon
    ).select_related("project__entrepreneur__user", "project__coach"):
        if (
            months_before(dossier.valid_until, RENEWAL_MONTHS) <= today
            and dossier.renewal_reminded_for != dossier.valid_until
        ):
            yield dossier


def send_renewals(today: date | None = None) -> int:
    count = 0
    for dossier in renewal_due(today):
        if _send(dossier, "dossiers/email/renewal.txt", RENEWAL_SUBJECT, dossier.valid_until):
            count += 1
        Dossier.objects.filter(pk=dossier.pk).update(renewal_reminded_for=dossier.valid_until)
    return count


def send_residence(today: date | None = None) -> int:
    """Dossiers whose holder's residence document ends soon. The date is read (and logged) for the recipient."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=RESIDENCE_NOTICE_DAYS)
    candidates = Dossier.objects.filter(
        status__in=[*OPEN_STATUSES, Status.GRANTED],
        project__entrepreneur__erased_at__isnull=True,
        project__entrepreneur__sensitive__residence_valid_until__gte=today,
        project__entrepreneur__sensitive__residence_valid_until__lte=horizon,
    ).select_related("project__entrepreneur__user", "project__coach")
    count = 0
    for dossier in candidates:
        reader = dossier.project.coach or dossier.project.entrepreneur.user
        if reader is None:
            continue
        until = residence_valid_until_read(user=reader, dossier=dossier, context="dossiers.residence_reminder")
        if until is None or until == dossier.residence_reminded_for:
            continue
        if _send(dossier, "dossiers/email/residence.txt", RESIDENCE_SUBJECT, until):
            count += 1
        Dossier.objects.filter(pk=dossier.pk).update(residence_reminded_for=until)
    return count


def send_all(today: date | None = None) -> dict:
    return {"renewals": send_renewals(today), "residence": send_residence(today)}
