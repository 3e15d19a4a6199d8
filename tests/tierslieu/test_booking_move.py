"""Moving a booking is one step, under the same rules and locks as booking: never a double booking."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from interlab.core.errors import Conflict, Forbidden
from interlab.tierslieu import services
from interlab.tierslieu.models import Booking, BookingStatus, Series, WaitlistEntry, WaitlistStatus

from .conftest import at, day, make_space

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def booking(member, room):
    return services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Banque").first


def test_a_booking_moves_to_a_free_time_keeping_its_identity(booking, member):
    uid = booking.uid
    moved = services.booking_move(booking=booking, by=member, start=at(day(1), 14), end=at(day(1), 15))
    assert (moved.pk, moved.uid, moved.start, moved.status) == (booking.pk, uid, at(day(1), 14), "confirmed")
    assert Booking.objects.count() == 1


def test_a_booking_moves_onto_part_of_its_own_time(booking, member):
    moved = services.booking_move(booking=booking, by=member, start=at(day(1), 10, 30), end=at(day(1), 11, 30))
    assert moved.start == at(day(1), 10, 30)


def test_a_move_onto_another_booking_is_refused_with_alternatives(booking, member, other_member, room):
    services.book(by=other_member, space=room, start=at(day(1), 14), end=at(day(1), 15), title="Cours")
    with pytest.raises(Conflict) as refused:
        services.booking_move(booking=booking, by=member, start=at(day(1), 14), end=at(day(1), 15))
    assert refused.value.code == "overlap"
    assert refused.value.extra["alternatives"], "free times are proposed"
    booking.refresh_from_db()
    assert booking.start == at(day(1), 10)  # nothing changed


def test_a_move_to_another_space_checks_that_space(booking, member, other_member):
    other_room = make_space("Salle Ourthe", hours=range(5))
    services.book(by=other_member, space=other_room, start=at(day(1), 10), end=at(day(1), 11), title="Pris")
    with pytest.raises(Conflict):
        services.booking_move(booking=booking, by=member, start=at(day(1), 10), end=at(day(1), 11), space=other_room)
    moved = services.booking_move(
        booking=booking, by=member, start=at(day(1), 12), end=at(day(1), 13), space=other_room
    )
    assert moved.space == other_room


def test_the_old_time_is_offered_to_the_waiting_list(booking, member, other_member, room):
    entry = services.waitlist_join(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="Ici")
    services.booking_move(booking=booking, by=member, start=at(day(1), 15), end=at(day(1), 16))
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.OFFERED and entry.offered_booking.start == at(day(1), 10)


def test_a_moved_date_of_a_series_leaves_the_series_and_its_old_date_is_skipped(member, room):
    dates = services.book(
        by=member,
        space=room,
        start=at(day(1), 10),
        end=at(day(1), 11),
        title="Cours",
        recurrence={"frequency": "weekly", "count": 3},
    ).bookings
    moved = services.booking_move(booking=dates[1], by=member, start=at(day(8), 15), end=at(day(8), 16))
    assert moved.series is None
    assert at(day(8), 10).isoformat() in Series.objects.get().skipped


def test_a_cancelled_booking_cannot_be_moved(booking, member):
    services.cancel(booking=booking, by=member)
    with pytest.raises(Conflict) as refused:
        services.booking_move(booking=booking, by=member, start=at(day(1), 14), end=at(day(1), 15))
    assert refused.value.code == "not_active"


def test_someone_else_cannot_move_my_booking(booking, other_member):
    with pytest.raises(Forbidden):
        services.booking_move(booking=booking, by=other_member, start=at(day(1), 14), end=at(day(1), 15))


def test_a_time_off_the_grid_is_invalid_input(booking, member):
    with pytest.raises(ValidationError):
        services.booking_move(booking=booking, by=member, start=at(day(1), 14, 7), end=at(day(1), 15))


def test_the_quota_does_not_count_the_moved_booking_twice(member, room):
    # 8 hours of a 12-hour weekly quota: counted twice, the move would be refused.
    long = services.book(by=member, space=room, start=at(day(1), 9), end=at(day(1), 17), title="Journée").first
    moved = services.booking_move(booking=long, by=member, start=at(day(2), 9), end=at(day(2), 17))
    assert moved.start == at(day(2), 9) and moved.end == at(day(2), 17)


def test_the_move_page_moves_and_lists_the_booking(client, member, booking):
    client.force_login(member)
    url = reverse("tierslieu:booking_move", args=[booking.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"date": "2026-11-24", "start_time": "15:00", "end_time": "16:00", "space": booking.space_id}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.start == at(day(1), 15)


def test_the_move_page_shows_free_alternatives_on_a_clash(client, member, other_member, booking, room):
    services.book(by=other_member, space=room, start=at(day(1), 15), end=at(day(1), 16), title="Pris")
    client.force_login(member)
    url = reverse("tierslieu:booking_move", args=[booking.pk])
    html = client.post(
        url, {"date": "2026-11-24", "start_time": "15:00", "end_time": "16:00", "space": room.pk}
    ).content.decode()
    assert 'data-testid="alternatives"' in html
    assert 'data-start="2026-11-24T14:45:00+01:00"' not in html  # its end would meet the 15:00 booking
    assert 'data-start="2026-11-24T16:00:00+01:00"' in html


def test_the_api_moves_a_booking_and_answers_409_with_alternatives(member, other_member, booking, room):
    services.book(by=other_member, space=room, start=at(day(1), 15), end=at(day(1), 16), title="Pris")
    api = Client()
    api.force_login(member)
    url = f"/api/v1/bookings/{booking.pk}/move"
    clash = api.post(
        url, {"start": "2026-11-24T15:00:00", "end": "2026-11-24T16:00:00"}, content_type="application/json"
    )
    assert clash.status_code == 409
    body = clash.json()
    assert body["code"] == "overlap" and {"space", "space_name", "start", "end"} <= set(body["alternatives"][0])
    ok = api.post(url, {"start": "2026-11-24T16:00:00", "end": "2026-11-24T17:00:00"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["start"] == "2026-11-24T16:00:00+01:00"
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED
    bad = api.post(url, json.dumps({"start": "nonsense", "end": "x"}), content_type="application/json")
    assert bad.status_code == 422
    assert WaitlistEntry.objects.count() == 0
