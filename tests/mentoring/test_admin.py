"""Administrators find mentors in the Django admin; pairs are read-only there."""

import pytest

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


def test_admins_list_mentors_and_read_pairs(client, admin_user, coach):
    mentor = make_mentor(commune="Herstal")
    match = make_offer(make_mentee(), mentor, coach)
    client.force_login(admin_user)
    assert client.get("/django-admin/mentoring/mentorprofile/").status_code == 200
    assert client.get(f"/django-admin/mentoring/mentorprofile/{mentor.pk}/change/").status_code == 200
    assert client.get("/django-admin/mentoring/match/").status_code == 200
    assert client.get("/django-admin/mentoring/match/add/").status_code == 403
    response = client.post(f"/django-admin/mentoring/match/{match.pk}/change/", {"status": "active"})
    assert response.status_code in (403, 200)
    match.refresh_from_db()
    assert match.status == "offered"
