"""Mentoring tells people through core's notifications: an offer to the mentor, the mentor's answers."""

import pytest
from django.core import mail

from interlab.core.models import Notification
from interlab.mentoring import services, tasks
from interlab.mentoring.models import DeclineReason

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


def test_an_offer_is_in_the_mentors_list_in_their_language_and_leads_to_the_inbox(coach):
    mentor = make_mentor()
    mentor.user.preferred_language = "en"
    mentor.user.save()
    match = make_offer(make_mentee(first_name="Fatou"), mentor, coach)
    assert tasks.send_offer_mail(match.pk)
    notification = Notification.objects.get(user=mentor.user)
    assert (notification.kind, notification.subject, notification.url) == (
        "mentoring.offer",
        "A mentee for you: Fatou",
        "/app/mentoring/inbox/",
    )
    assert notification.about == match.mentee


def test_the_mentors_yes_reaches_the_mentee(coach, entrepreneur_user):
    mentor = make_mentor()
    match = make_offer(make_mentee(user=entrepreneur_user), mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    assert tasks.send_accepted_mail(match.pk)
    assert Notification.objects.get(user=entrepreneur_user).kind == "mentoring.accepted"


def test_the_mentors_no_reaches_the_coach_of_the_project(coach, django_capture_on_commit_callbacks):
    mentor = make_mentor()
    match = make_offer(make_mentee(first_name="Fatou"), mentor, coach)
    services.match_decline(match=match, by=mentor.user, reason=DeclineReason.values[0], note="personnel")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_declined_mail(match.pk) == 1
    notification = Notification.objects.get(user=coach)
    assert notification.kind == "mentoring.declined" and "Fatou" in notification.subject
    assert "personnel" not in notification.body  # the mentor's own note stays with the coach's review page
    assert [m.to for m in mail.outbox] == [[coach.email]]
