"""New applicants are never lost: the intake rota gives them a coach, who is told; the rest stand out."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from interlab.core.models import Notification
from interlab.crm import services, tasks
from interlab.crm.models import IntakeRota
from tests.factories import EntrepreneurFactory, UserFactory, make_project

pytestmark = pytest.mark.django_db


def applicant(**fields):
    languages = fields.pop("languages", [])
    person = EntrepreneurFactory(**fields)
    for code in languages:
        person.spoken_languages.create(code=code)
    return make_project(entrepreneur=person, coach=None, title="Atelier vélo")


def test_applicants_go_round_the_rota_in_turn(coach, other_coach):
    IntakeRota.objects.create(coach=coach)
    IntakeRota.objects.create(coach=other_coach)
    first, second, third = (services.applicant_assign(project=applicant()) for _ in range(3))
    assert [first, second, third] == [coach, other_coach, coach]


def test_a_coach_who_speaks_the_applicants_language_comes_first(coach, other_coach):
    IntakeRota.objects.create(coach=coach, last_assigned_at=timezone.now() - timezone.timedelta(days=9))
    IntakeRota.objects.create(coach=other_coach, languages=["ar"], last_assigned_at=timezone.now())
    assert services.applicant_assign(project=applicant(languages=["ar"])) == other_coach


def test_a_coach_who_covers_the_applicants_commune_comes_first(coach, other_coach):
    IntakeRota.objects.create(coach=coach)
    IntakeRota.objects.create(coach=other_coach, communes=["Seraing"], last_assigned_at=timezone.now())
    assert services.applicant_assign(project=applicant(commune="seraing")) == other_coach


def test_a_coach_who_paused_or_left_receives_nobody(coach, other_coach):
    IntakeRota.objects.create(coach=coach, takes_applicants=False)
    other_coach.is_active = False
    other_coach.save()
    IntakeRota.objects.create(coach=other_coach)
    project = applicant()
    assert services.applicant_assign(project=project) is None
    project.refresh_from_db()
    assert project.coach is None


def test_the_assigned_coach_is_told_with_a_link_to_the_file(coach):
    IntakeRota.objects.create(coach=coach)
    project = applicant(first_name="Amina", last_name="Haddad")
    services.applicant_assign(project=project)
    project.refresh_from_db()
    note = Notification.objects.get(user=coach, kind="crm.applicant_assigned")
    assert project.coach == coach
    assert "Amina Haddad" in note.subject and note.url == project.entrepreneur.get_absolute_url()


def test_an_unassigned_project_stands_out_on_the_board(client, coach):
    make_project(coach=None, title="Sans coach")
    client.force_login(coach)
    response = client.get(reverse("crm:board"))
    assert response.context["unassigned"] == 1
    assert b"data-unassigned>" in response.content


def test_every_coach_hears_of_unassigned_projects_in_the_digest(coach, other_coach):
    make_project(coach=None, title="Sans coach")
    assert tasks.send_daily_digests() == 2
    assert all("Sans coach" in message.body for message in mail.outbox)


def test_a_coach_with_nothing_to_hear_of_gets_no_digest(coach):
    make_project(coach=UserFactory(role="coach"), title="Suivi")
    assert tasks.send_daily_digest(coach.pk) is False
