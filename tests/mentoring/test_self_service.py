"""A mentor's own page: their profile as matching knows it, and the pause they set themselves."""

import pytest

from interlab.mentoring.models import MentorProfile

from .factories import make_mentor

pytestmark = pytest.mark.django_db

PROFILE = "/app/mentoring/profile/"
PAUSE = "/app/mentoring/profile/pause/"
EDIT = {
    "languages": ["fr", "nl"],
    "other_languages": "",
    "expertise": "marketing, vente",
    "capacity": "3",
    "hours_per_month": "8",
    "commune": "Seraing",
    "mode": "online",
}


def test_the_page_shows_what_matching_knows(client):
    mentor = make_mentor(languages=("fr", "wo"), expertise=("financing",))
    client.force_login(mentor.user)
    form = client.get(PROFILE).context["form"]
    assert (form.initial["languages"], form.initial["other_languages"]) == (["fr"], "wolof")  # its name, not its code


def test_a_mentor_edits_their_own_profile(client):
    mentor = make_mentor()
    client.force_login(mentor.user)
    client.post(PROFILE, EDIT)
    mentor.refresh_from_db()
    assert (mentor.language_codes, mentor.expertise, mentor.capacity, mentor.hours_per_month, mentor.mode) == (
        ["fr", "nl"],
        ["marketing", "vente"],
        3,
        8,
        "online",
    )


def test_bad_input_gets_a_message_and_422(client):
    mentor = make_mentor()
    client.force_login(mentor.user)
    response = client.post(PROFILE, {**EDIT, "capacity": "0"})
    assert response.status_code == 422 and "capacity" in response.context["form"].errors


def test_no_language_at_all_is_refused(client):
    mentor = make_mentor()
    client.force_login(mentor.user)
    response = client.post(PROFILE, {**EDIT, "languages": []})
    assert response.status_code == 422


def test_a_mentor_pauses_themselves(client):
    mentor = make_mentor()
    client.force_login(mentor.user)
    client.post(PAUSE, {"paused": "1"})
    assert not MentorProfile.objects.available().filter(pk=mentor.pk).exists()


def test_a_paused_mentor_comes_back(client):
    mentor = make_mentor(paused=True)
    client.force_login(mentor.user)
    client.post(PAUSE, {"paused": "0"})
    mentor.refresh_from_db()
    assert mentor.paused is False


def test_a_mentor_login_without_a_profile_is_refused(client):
    from interlab.core.models import Role
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.MENTOR))
    assert client.get(PROFILE).status_code == 403
