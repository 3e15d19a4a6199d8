"""A refused booking proposes the nearest free alternatives: other times of the space, similar spaces."""

import pytest
from django.test import Client
from django.urls import reverse

from interlab.core.errors import Conflict
from interlab.tierslieu import selectors, services

from .conftest import at, day, make_space

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def taken(room, other_member):
    return services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Pris").first


@pytest.fixture
def similar():
    return make_space("Salle Ourthe", hours=range(5), capacity=6)


def test_the_same_room_at_the_nearest_free_times_comes_first(member, room, taken):
    found = selectors.alternatives(member, space=room, start=at(day(1), 10), end=at(day(1), 11))
    same = [slot.start for slot in found if slot.space == room]
    assert same == [at(day(1), 11), at(day(1), 9), at(day(1), 11, 15)]


def test_a_similar_room_is_proposed_at_the_same_time(member, room, taken, similar):
    found = selectors.alternatives(member, space=room, start=at(day(1), 10), end=at(day(1), 11))
    others = [(slot.space, slot.start) for slot in found if slot.space != room]
    assert others == [(similar, at(day(1), 10))]


def test_a_room_too_small_or_of_another_kind_is_not_similar(member, room, taken, desks):
    make_space("Cabine", hours=range(5), capacity=2)
    found = selectors.alternatives(member, space=room, start=at(day(1), 10), end=at(day(1), 11), seats=4)
    assert {slot.space.name for slot in found} == {"Salle Meuse"}


def test_a_refused_booking_carries_its_alternatives(member, room, taken, similar):
    with pytest.raises(Conflict) as refused:
        services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque")
    alternatives = refused.value.extra["alternatives"]
    assert alternatives[0] == {
        "space": room.pk,
        "space_name": "Salle Meuse",
        "start": "2026-11-24T11:00:00+01:00",
        "end": "2026-11-24T12:00:00+01:00",
    }
    assert any(alt["space"] == similar.pk for alt in alternatives)


def test_the_api_answers_409_with_alternatives(member, room, taken):
    api = Client()
    api.force_login(member)
    response = api.post(
        "/api/v1/bookings",
        {"space": room.pk, "start": "2026-11-24T10:00:00", "end": "2026-11-24T11:00:00", "title": "Banque"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["alternatives"][0]["start"] == "2026-11-24T11:00:00+01:00"


def test_the_booking_page_links_the_alternatives_with_what_was_typed(member, room, taken, similar):
    client = Client()
    client.force_login(member)
    html = client.post(
        reverse("tierslieu:book", args=[room.pk]),
        {"date": "2026-11-24", "start_time": "10:00", "end_time": "11:00", "title": "Rendez-vous banque", "seats": 2},
    ).content.decode()
    assert 'data-testid="alternatives"' in html
    assert f'data-alternative="{similar.pk}" data-start="2026-11-24T10:00:00+01:00"' in html
    assert "title=Rendez-vous+banque&amp;seats=2" in html
