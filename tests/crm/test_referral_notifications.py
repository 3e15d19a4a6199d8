"""A referral answered reaches whoever made it, through core's notifications."""

import pytest

from interlab.core.models import Notification
from interlab.crm import services
from tests.factories import EntrepreneurFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(coach):
    person = EntrepreneurFactory(first_name="Amina", last_name="Diallo")
    partner = PartnerFactory(name="Fonds des tests")
    return services.referral_create(entrepreneur=person, partner=partner, by=coach, purpose="Microcrédit")


def test_an_answer_recorded_by_someone_else_reaches_the_coach_who_referred(referral, coach, other_coach):
    coach.preferred_language = "en"
    coach.save()
    services.referral_set_outcome(referral=referral, outcome="accepted", by=other_coach)
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.subject) == (
        coach,
        "crm.referral_answered",
        "Fonds des tests answered a referral: taken up",
    )
    assert notification.body == "The referral of Amina Diallo to Fonds des tests (Microcrédit) is now: taken up."
    assert notification.url == referral.entrepreneur.get_absolute_url()


def test_nobody_is_told_of_their_own_answer(referral, coach):
    services.referral_set_outcome(referral=referral, outcome="declined", by=coach)
    assert not Notification.objects.exists()


def test_the_partner_portal_can_tell_the_coach_directly(referral, coach, partner_user):
    referral.outcome = "completed"
    (notification,) = services.referral_answered_notify(referral=referral, by=partner_user)
    assert notification.user == coach
