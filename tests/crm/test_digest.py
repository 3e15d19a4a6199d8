"""The coach's morning digest: overdue tasks and stalled projects, and nothing when there is nothing."""

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from interlab.crm import services, tasks
from interlab.crm.models import Project
from tests.factories import UserFactory, make_project
from tests.mailcheck import html_part

pytestmark = pytest.mark.django_db


def test_it_mails_overdue_tasks_and_stalled_projects_to_each_coach(coach, other_coach):
    project = make_project(coach=coach, title="Atelier couture")
    Project.objects.filter(pk=project.pk).update(stage_entered_at=timezone.now() - timezone.timedelta(days=40))
    services.task_create(
        entrepreneur=project.entrepreneur,
        by=coach,
        title="Relancer microStart",
        assignee=coach,
        due_date=timezone.localdate() - timezone.timedelta(days=2),
    )
    services.task_create(
        entrepreneur=project.entrepreneur,
        by=coach,
        title="Pas encore dû",
        assignee=coach,
        due_date=timezone.localdate() + timezone.timedelta(days=2),
    )
    assert tasks.send_daily_digests() == 1  # other_coach has nothing to hear about
    message = mail.outbox[0]
    assert message.to == [coach.email]
    assert "Relancer microStart" in message.body and "Atelier couture" in message.body
    assert "Pas encore dû" not in message.body
    assert f"/app/entrepreneurs/{project.entrepreneur_id}/" in message.body
    assert f"/app/entrepreneurs/{project.entrepreneur_id}/</a>" in html_part(message)  # a link in the HTML


def test_an_inactive_coach_or_one_without_email_gets_nothing(coach):
    silent = UserFactory(role="coach", email="")
    project = make_project(coach=silent)
    Project.objects.filter(pk=project.pk).update(stage_entered_at=timezone.now() - timezone.timedelta(days=40))
    assert tasks.send_daily_digest(silent.pk) is False
    assert mail.outbox == []


def test_the_daily_schedule_exists_after_migrate():
    schedule = Schedule.objects.get(name="crm.daily_digest")
    assert schedule.func == "interlab.crm.tasks.send_daily_digests"
    assert schedule.schedule_type == Schedule.DAILY
