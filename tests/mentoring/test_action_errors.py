"""A refused action of a pair or of a meeting is a message on the page it came from, never a 500."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from interlab.core.models import Role
from interlab.mentoring import meetings, services
from interlab.mentoring.models import Meeting
from tests.factories import UserFactory

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db
BACK = "/app/mentoring/inbox/?tab=pairs"  # the mentor's page
MINE = "/app/mentoring/mine/?from=meetings"  # the mentee's page


@pytest.fixture
def pair(coach, entrepreneur_user):
    """A running pair whose two members read InterLab in English."""
    entrepreneur_user.preferred_language = "en"
    entrepreneur_user.save(update_fields=["preferred_language"])
    mentee = make_mentee(user=entrepreneur_user, first_name="Amina")
    mentor = make_mentor(user=UserFactory(role=Role.MENTOR, first_name="Pierre", preferred_language="en"))
    return services.match_accept(match=make_offer(mentee, mentor, coach), by=mentor.user)


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def errors_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def test_a_conflict_on_a_pair_is_an_error_message_back_on_the_page_it_came_from(pair):
    response = client_for(pair.mentor.user).post(f"/app/mentoring/pairs/{pair.pk}/accept/", {"next": BACK}, follow=True)
    assert response.redirect_chain == [(BACK, 302)]
    assert errors_of(response) == ["This offer is no longer open."]


def test_invalid_input_for_a_pair_is_an_error_message_and_writes_nothing(pair):
    mentor = client_for(pair.mentor.user)
    response = mentor.post(f"/app/mentoring/pairs/{pair.pk}/meeting/", {"next": BACK}, follow=True)
    assert response.redirect_chain == [(BACK, 302)]
    assert errors_of(response) and not Meeting.objects.filter(match=pair).exists()


def test_a_conflict_on_a_meeting_is_an_error_message_back_on_the_page_it_came_from(pair):
    start = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    meeting = meetings.meeting_propose(match=pair, by=pair.mentor.user, starts=[start], mode="phone")
    meetings.meeting_decline(meeting=meeting, by=pair.mentee.user)
    mentee = client_for(pair.mentee.user)
    response = mentee.post(f"/app/mentoring/meetings/{meeting.pk}/decline/", {"next": MINE}, follow=True)
    assert response.redirect_chain == [(MINE, 302)]
    assert errors_of(response) == ["This proposal was already declined."]
