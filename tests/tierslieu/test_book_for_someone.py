"""The team books on someone's behalf from the booking page; the waiting list keeps a series' "repeat"."""

import pytest
from django.test import Client
from django.urls import reverse

from interlab.core.models import Role
from interlab.tierslieu import services
from interlab.tierslieu.models import Booking, WaitlistEntry
from tests.factories import UserFactory

from .conftest import at, day

pytestmark = pytest.mark.usefixtures("frozen")

FORM = {"date": "2026-11-24", "start_time": "10:00", "end_time": "11:00", "title": "Rendez-vous", "seats": 1}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coach(db):
    return UserFactory(username="coach.tl", role=Role.COACH)


def test_the_team_sees_whom_to_book_for_and_members_do_not(coach, member, room):
    url = reverse("tierslieu:book", args=[room.pk])
    assert 'name="for_user"' in logged_in(coach).get(url).content.decode()
    assert 'name="for_user"' not in logged_in(member).get(url).content.decode()


def test_a_coach_books_for_a_member_from_the_page(coach, member, room):
    response = logged_in(coach).post(reverse("tierslieu:book", args=[room.pk]), {**FORM, "for_user": member.pk})
    assert response.status_code == 302 and response["Location"] == reverse("tierslieu:reception")
    booking = Booking.objects.get()
    assert (booking.user, booking.created_by) == (member, coach)


def test_without_a_choice_the_coach_books_for_themselves(coach, room):
    logged_in(coach).post(reverse("tierslieu:book", args=[room.pk]), {**FORM, "for_user": ""})
    assert Booking.objects.get().user == coach


def test_a_member_cannot_book_for_someone_else_by_adding_the_field(member, other_member, room):
    logged_in(member).post(reverse("tierslieu:book", args=[room.pk]), {**FORM, "for_user": other_member.pk})
    assert Booking.objects.get().user == member


def test_a_series_with_taken_dates_offers_the_waiting_list_for_those_dates(member, other_member, room):
    services.book(by=other_member, space=room, start=at(day(8), 10), end=at(day(8), 11), title="Pris")
    client = logged_in(member)
    series = {**FORM, "repeat": "weekly", "count": 3}
    html = client.post(reverse("tierslieu:book", args=[room.pk]), series).content.decode()
    assert 'data-testid="waitlist-series"' in html and 'name="repeat" value="weekly"' in html
    client.post(reverse("tierslieu:waitlist_join", args=[room.pk]), series)
    entry = WaitlistEntry.objects.get()
    assert (entry.user, entry.start) == (member, at(day(8), 10))


def test_a_series_without_a_taken_date_is_not_queued(member, room):
    client = logged_in(member)
    client.post(reverse("tierslieu:waitlist_join", args=[room.pk]), {**FORM, "repeat": "weekly", "count": 2})
    assert WaitlistEntry.objects.count() == 0
