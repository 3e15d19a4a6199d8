"""Reminders by e-mail: card renewal 3 months before expiry, residence document nearing its end; once each."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django_q.models import Schedule

from interlab.core.models import SensitiveRead
from interlab.crm.models import SensitiveProfile
from interlab.dossiers import reminders
from interlab.dossiers.models import Dossier, Status
from tests.mailcheck import html_part

TODAY = date(2027, 1, 10)


def granted(dossier, until):
    Dossier.objects.filter(pk=dossier.pk).update(
        status=Status.GRANTED, valid_from=until - timedelta(days=730), valid_until=until
    )


def test_three_months_before_expiry_the_owner_and_coach_are_reminded_once(dossier, coach, entrepreneur_user):
    granted(dossier, date(2027, 4, 10))
    assert reminders.send_renewals(TODAY) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([entrepreneur_user.email, coach.email])
    assert all(dossier.project.title in html_part(m) for m in mail.outbox)
    assert reminders.send_renewals(TODAY + timedelta(days=1)) == 0
    assert len(mail.outbox) == 2


def test_no_reminder_earlier_than_three_months(dossier):
    granted(dossier, date(2027, 4, 11))
    assert reminders.send_renewals(TODAY) == 0 and not mail.outbox


def test_expired_cards_and_other_statuses_are_left_alone(dossier):
    granted(dossier, date(2027, 1, 9))
    assert reminders.send_renewals(TODAY) == 0
    Dossier.objects.filter(pk=dossier.pk).update(status=Status.DRAFT, valid_until=date(2027, 2, 1))
    assert reminders.send_renewals(TODAY) == 0


def test_each_recipient_reads_it_in_their_language(dossier, coach, entrepreneur_user):
    entrepreneur_user.preferred_language = "en"
    entrepreneur_user.save()
    coach.preferred_language = "fr"
    coach.save()
    granted(dossier, date(2027, 3, 1))
    reminders.send_renewals(TODAY)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "renew" in by_recipient[entrepreneur_user.email].subject
    assert "01/03/2027" in by_recipient[entrepreneur_user.email].body


def test_months_before_handles_short_months():
    assert reminders.months_before(date(2027, 5, 31), 3) == date(2027, 2, 28)
    assert reminders.months_before(date(2027, 2, 15), 3) == date(2026, 11, 15)


def test_a_residence_document_nearing_its_end_is_reminded_and_the_read_logged(dossier, coach):
    SensitiveProfile.objects.create(
        entrepreneur=dossier.project.entrepreneur, residence_valid_until=TODAY + timedelta(days=60)
    )
    assert reminders.send_residence(TODAY) == 1
    assert len(mail.outbox) == 2
    read = SensitiveRead.objects.get()
    assert read.user == coach and read.context == "dossiers.residence_reminder"
    assert reminders.send_residence(TODAY) == 0, "once per end date"


def test_a_residence_document_far_from_its_end_is_not_read(dossier):
    SensitiveProfile.objects.create(
        entrepreneur=dossier.project.entrepreneur, residence_valid_until=TODAY + timedelta(days=200)
    )
    assert reminders.send_residence(TODAY) == 0
    assert not SensitiveRead.objects.exists() and not mail.outbox


def test_the_daily_schedule_exists_after_migrate(db):
    Schedule.objects.filter(name="dossiers.daily_reminders").delete()
    call_command("migrate", verbosity=0)
    schedule = Schedule.objects.get(name="dossiers.daily_reminders")
    assert schedule.func == "interlab.dossiers.tasks.send_reminders" and schedule.schedule_type == Schedule.DAILY


@pytest.mark.parametrize("days", [0, 90])
def test_the_window_edges_are_included(dossier, days):
    SensitiveProfile.objects.create(
        entrepreneur=dossier.project.entrepreneur, residence_valid_until=TODAY + timedelta(days=days)
    )
    assert reminders.send_residence(TODAY) == 1
