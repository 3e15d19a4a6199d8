"""A dossier's status changes reach the other party through core's notifications."""

from django.core import mail

from interlab.core.models import Notification
from interlab.dossiers import services


def test_a_step_the_coach_records_reaches_the_entrepreneur_in_their_language(
    full_dossier, coach, entrepreneur_user, django_capture_on_commit_callbacks
):
    entrepreneur_user.preferred_language = "en"
    entrepreneur_user.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.status_change(dossier=full_dossier, by=coach, to="ready")
    notification = Notification.objects.get(user=entrepreneur_user)
    assert (notification.kind, notification.subject, notification.url) == (
        "dossiers.status",
        "Your professional-card dossier: ready",
        full_dossier.get_absolute_url(),
    )
    assert notification.about == full_dossier.project.entrepreneur
    assert [m.to for m in mail.outbox] == [[entrepreneur_user.email]]


def test_a_dossier_the_entrepreneur_marks_ready_reaches_the_coach(full_dossier, coach, entrepreneur_user):
    services.status_change(dossier=full_dossier, by=entrepreneur_user, to="ready")
    assert list(Notification.objects.values_list("user", "kind")) == [(coach.pk, "dossiers.status")]


def test_nobody_is_told_of_their_own_change(full_dossier, entrepreneur_user):
    services.status_change(dossier=full_dossier, by=entrepreneur_user, to="ready")
    services.status_change(dossier=full_dossier, by=entrepreneur_user, to="draft")
    assert not Notification.objects.filter(user=entrepreneur_user).exists()
