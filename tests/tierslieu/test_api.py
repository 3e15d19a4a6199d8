"""The tiers-lieu API: the contract's rows, status codes, and bad input (422 / 409 / 404, never 500)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from interlab.tierslieu.models import Booking, Series

from .conftest import at, day

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def as_member(client, member):
    client.force_login(member)
    return client


def post(client, payload):
    return client.post("/api/v1/bookings", payload, content_type="application/json")


def slot(offset=1, start=(10, 0), end=(11, 0)):
    return at(day(offset), *start).isoformat(), at(day(offset), *end).isoformat()


def test_spaces_are_listed_for_anyone_logged_in(as_member, room, desks, workshop):
    response = as_member.get("/api/v1/spaces")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    kinds = {item["name"]: item["kind"] for item in data["items"]}
    assert kinds == {"Salle Meuse": "room", "Plateau coworking": "desks", "Atelier partagé": "workshop"}
    meuse = next(i for i in data["items"] if i["name"] == "Salle Meuse")
    assert meuse["capacity"] == 8 and meuse["equipment"] == ["projector", "wifi"]
    assert as_member.get("/api/v1/spaces?kind=desks").json()["count"] == 1


def test_the_api_needs_a_login(client, room):
    assert client.get("/api/v1/spaces").status_code == 401
    assert client.get(f"/api/v1/spaces/{room.pk}/availability?date=2026-11-24").status_code == 401


def test_availability_lists_free_intervals_around_bookings(as_member, room, other_member):
    from interlab.tierslieu import services

    services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="x")
    response = as_member.get(f"/api/v1/spaces/{room.pk}/availability?date=2026-11-24")
    assert response.status_code == 200
    data = response.json()
    assert data["space"] == room.pk and data["date"] == "2026-11-24"
    # `free`: where a booking of the minimum length (30 min) can start; `periods`: the free time itself.
    assert data["free"] == [
        {"start": "2026-11-24T08:00:00+01:00", "end": "2026-11-24T09:30:00+01:00"},
        {"start": "2026-11-24T11:00:00+01:00", "end": "2026-11-24T19:30:00+01:00"},
    ]
    assert data["periods"] == [
        {"start": "2026-11-24T08:00:00+01:00", "end": "2026-11-24T10:00:00+01:00"},
        {"start": "2026-11-24T11:00:00+01:00", "end": "2026-11-24T20:00:00+01:00"},
    ]
    # Every advertised start can really be booked, the last one included.
    latest = data["free"][0]["end"]
    end = (at(day(1), 9, 30) + timedelta(minutes=30)).isoformat()
    assert post(as_member, {"space": room.pk, "start": latest, "end": end, "title": "Juste avant"}).status_code == 201


def test_availability_today_starts_after_the_notice_and_a_closed_day_is_empty(as_member, room):
    today = as_member.get(f"/api/v1/spaces/{room.pk}/availability?date=2026-11-23").json()
    assert today["free"][0]["start"] == "2026-11-23T09:00:00+01:00"  # 08:00 now + 60 min notice
    saturday = as_member.get(f"/api/v1/spaces/{room.pk}/availability?date=2026-11-28").json()
    assert saturday["free"] == [] and saturday["closed_because"]


@pytest.mark.parametrize(
    "query", ["date=tomorrow", "date=2026-13-01", "", "date=" + "9" * 50, "date=9999-12-31", "date=0001-01-01"]
)
def test_availability_with_a_bad_date_is_422(as_member, room, query):
    response = as_member.get(f"/api/v1/spaces/{room.pk}/availability?{query}")
    assert response.status_code == 422
    assert response.json()["code"]


def test_availability_of_an_unknown_space_is_404(as_member, db):
    assert as_member.get("/api/v1/spaces/999999/availability?date=2026-11-24").status_code == 404


def test_slots_rank_the_snuggest_space_first_among_equally_early(as_member, room, workshop):
    from .conftest import make_space

    make_space("Petite salle", "room", 2, hours=range(5), equipment=["projector"])
    response = as_member.get(
        "/api/v1/slots?start=2026-11-24&end=2026-11-24&duration=120&capacity=2&equipment=projector"
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0]["start"] == "2026-11-24T08:00:00+01:00"
    assert items[0]["space_name"] == "Petite salle"  # two people: the small room before the big one
    assert items[1]["space_name"] == "Salle Meuse" and items[1]["start"] == items[0]["start"]
    assert all(i["space_name"] != "Atelier partagé" for i in items)  # no projector there... it has a kitchen


def test_slots_honour_capacity_equipment_and_bookings(as_member, room, desks, other_member):
    from interlab.tierslieu import services

    services.book(by=other_member, space=room, start=at(day(1), 8), end=at(day(1), 10), title="Matin")
    services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 18), title="Journée")
    items = as_member.get("/api/v1/slots?start=2026-11-24&end=2026-11-24&duration=60&capacity=6").json()["items"]
    assert {i["space_name"] for i in items} == {"Salle Meuse"}
    assert items[0]["start"] == "2026-11-24T18:00:00+01:00"
    none = as_member.get("/api/v1/slots?start=2026-11-24&end=2026-11-30&duration=60&capacity=50").json()
    assert none == {"count": 0, "items": []}


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-11-30&end=2026-11-24",
        "start=2026-11-24&end=2027-06-01",
        "start=2026-11-24&end=2026-11-25&duration=0",
        "start=2026-11-24&end=2026-11-25&capacity=-3",
        "start=x&end=y",
        "start=9999-12-25&end=9999-12-31",
        "start=0001-01-01&end=0001-01-02",
    ],
)
def test_slot_search_bad_input_is_422(as_member, room, query):
    assert as_member.get(f"/api/v1/slots?{query}").status_code == 422


def test_booking_through_the_api(as_member, room, member):
    start, end = slot()
    response = post(as_member, {"space": room.pk, "start": start, "end": end, "title": "Banque"})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["space"] == room.pk and data["status"] == "confirmed" and data["series"] is None
    assert data["start"] == start and data["end"] == end and data["title"] == "Banque"
    assert as_member.get(f"/api/v1/bookings/{data['id']}").json()["id"] == data["id"]
    assert as_member.get("/api/v1/bookings").json()["count"] == 1


def test_an_overlap_answers_409_with_the_conflicting_interval(as_member, room, other_member):
    from interlab.tierslieu import services

    services.book(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="x")
    start, end = slot(start=(10, 30), end=(11, 30))
    response = post(as_member, {"space": room.pk, "start": start, "end": end, "title": "Banque"})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "overlap" and body["rule"] == "overlap"
    assert body["conflicts"] == [{"start": "2026-11-24T10:00:00+01:00", "end": "2026-11-24T11:00:00+01:00"}]
    assert body["detail"]


@pytest.mark.parametrize(
    ("start", "end", "rule"),
    [
        (at(day(5), 10), at(day(5), 11), "closure"),
        (at(day(0), 8, 30), at(day(0), 9), "notice"),
        (at(day(45), 10), at(day(45), 11), "window"),
        (at(day(1), 19, 30), at(day(1), 20, 30), "opening_hours"),
    ],
)
def test_rules_answer_409_naming_the_rule(as_member, room, start, end, rule):
    response = post(as_member, {"space": room.pk, "start": start.isoformat(), "end": end.isoformat(), "title": "x"})
    assert response.status_code == 409
    assert response.json()["rule"] == rule
    assert not Booking.objects.exists()


def test_quota_and_capacity_answer_409(as_member, desks, member, other_member, coach):
    from interlab.tierslieu import services

    for user in (other_member, coach, member):
        services.book(by=user, space=desks, start=at(day(1), 9), end=at(day(1), 10), title="x")
    start, end = slot(start=(9, 0), end=(10, 0))
    response = post(as_member, {"space": desks.pk, "start": start, "end": end, "title": "x"})
    assert response.status_code == 409 and response.json()["rule"] == "capacity"
    start, end = slot(offset=2, start=(8, 0), end=(20, 0))
    desks.max_minutes = 720
    desks.save()
    response = post(as_member, {"space": desks.pk, "start": start, "end": end, "title": "x"})
    assert response.status_code == 409 and response.json()["rule"] == "quota"


@pytest.mark.parametrize(
    "payload",
    [
        {"start": "2026-11-24T11:00:00+01:00", "end": "2026-11-24T10:00:00+01:00"},  # end before start
        {"start": "2026-11-24T10:00:00+01:00", "end": "2026-11-24T10:00:00+01:00"},  # zero length
        {"start": "2026-11-24T10:05:00+01:00", "end": "2026-11-24T11:00:00+01:00"},  # off the grid
        {"start": "2026-11-20T10:00:00+01:00", "end": "2026-11-20T11:00:00+01:00"},  # in the past
        {"start": "not a date", "end": "2026-11-24T11:00:00+01:00"},
        {"end": None},  # no end
        {"title": ""},
        {"title": "x" * 121},
        {"space": 999999},
        {"space": "abc"},
        {"seats": 0},
        {"seats": 9},
        {"recurrence": {"frequency": "weekly", "count": 10000}},
        {"recurrence": {"frequency": "daily", "count": 3}},
        {"recurrence": {"frequency": "weekly"}},
        {"recurrence": "weekly"},
        {"on_conflict": "ignore"},
        {"start": "9999-12-31T10:00:00+01:00", "end": "9999-12-31T11:00:00+01:00"},
        {"start": "0001-01-01T10:00:00+01:00", "end": "0001-01-01T11:00:00+01:00"},
        {"recurrence": {"frequency": "weekly", "count": True}},
        {"recurrence": {"frequency": "weekly", "until": "9999-12-31"}},
    ],
)
def test_bad_booking_input_is_a_clear_error_and_writes_nothing(as_member, room, payload):
    base = {"space": room.pk, "start": slot()[0], "end": slot()[1], "title": "Banque"}
    response = post(as_member, {key: value for key, value in {**base, **payload}.items() if value is not None})
    assert response.status_code in (409, 422), response.content
    body = response.json()
    assert body["detail"] and body["code"]
    assert not Booking.objects.exists() and not Series.objects.exists()


def test_malformed_json_is_422(as_member, room):
    response = as_member.post("/api/v1/bookings", "{not json", content_type="application/json")
    assert response.status_code == 422


def test_a_series_through_the_api_and_its_clash_report(as_member, room, other_member):
    from interlab.tierslieu import services

    services.book(by=other_member, space=room, start=at(day(8), 10), end=at(day(8), 11), title="x")
    start, end = slot()
    payload = {
        "space": room.pk,
        "start": start,
        "end": end,
        "title": "Atelier",
        "recurrence": {"frequency": "weekly", "count": 3},
    }
    refused = post(as_member, payload)
    assert refused.status_code == 409
    body = refused.json()
    assert body["rule"] == "series_conflict"
    assert [o["start"][:10] for o in body["occurrences"]] == ["2026-12-01"]
    assert body["conflicts"][0]["start"] == "2026-12-01T10:00:00+01:00"
    created = post(as_member, {**payload, "on_conflict": "skip"})
    assert created.status_code == 201
    data = created.json()
    assert len(data["occurrences"]) == 2 and data["series"]
    assert [s["start"][:10] for s in data["skipped"]] == ["2026-12-01"]


def test_others_bookings_are_404_and_the_team_sees_all(client, room, member, other_member, coach):
    from interlab.tierslieu import services

    booking = services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="x").first
    client.force_login(other_member)
    assert client.get(f"/api/v1/bookings/{booking.pk}").status_code == 404
    assert client.delete(f"/api/v1/bookings/{booking.pk}").status_code == 404
    assert client.get("/api/v1/bookings").json()["count"] == 0
    client.force_login(coach)
    assert client.get(f"/api/v1/bookings/{booking.pk}").status_code == 200
    assert client.get("/api/v1/bookings").json()["count"] == 1


def test_cancel_through_the_api(as_member, room, member):
    start, end = slot()
    booking_id = post(as_member, {"space": room.pk, "start": start, "end": end, "title": "x"}).json()["id"]
    response = as_member.delete(f"/api/v1/bookings/{booking_id}")
    assert response.status_code == 200
    assert response.json()["items"][0]["status"] == "cancelled"
    again = as_member.delete(f"/api/v1/bookings/{booking_id}")
    assert again.status_code == 409 and again.json()["code"] == "not_active"
    assert as_member.delete("/api/v1/bookings/999999").status_code == 404


def test_me_gives_the_personal_feed_url(as_member, member):
    data = as_member.get("/api/v1/me").json()
    assert data["ical_url"].startswith("http://testserver/ical/") and data["ical_url"].endswith(".ics")
    assert as_member.get(data["ical_url"].removeprefix("http://testserver")).status_code == 200


def test_times_without_offset_are_brussels_time(as_member, room):
    response = post(as_member, {"space": room.pk, "start": "2026-11-24T10:00", "end": "2026-11-24T11:00", "title": "x"})
    assert response.status_code == 201
    assert Booking.objects.get().start == at(day(1), 10)
    assert timezone.is_aware(Booking.objects.get().start)


@pytest.mark.parametrize("query", ["to=9999-12-31", "from=0001-01-01"])
def test_booking_list_with_far_dates_is_422(as_member, query):
    assert as_member.get(f"/api/v1/bookings?{query}").status_code == 422


def test_slots_leave_out_spaces_whose_grid_the_duration_misses(as_member, room):
    assert as_member.get("/api/v1/slots?start=2026-11-24&end=2026-11-24&duration=37").json()["count"] == 0
    assert as_member.get("/api/v1/slots?start=2026-11-24&end=2026-11-24&duration=45").json()["count"] > 0


def test_availability_and_slots_respect_the_weekly_quota(as_member, room, desks, member):
    from interlab.tierslieu import services
    from interlab.tierslieu.models import MemberGroup

    group = next(g for g in MemberGroup.objects.all() if "entrepreneur" in g.roles)
    group.weekly_quota_hours = 2
    group.save()
    services.book(by=member, space=desks, start=at(day(1), 9), end=at(day(1), 10, 30), title="x")
    thirty_left = as_member.get(f"/api/v1/spaces/{room.pk}/availability?date=2026-11-25").json()
    assert thirty_left["free"]  # 30 minutes left: the room's 30-minute minimum still fits
    assert as_member.get("/api/v1/slots?start=2026-11-25&end=2026-11-25&duration=60").json()["count"] == 0
    services.book(by=member, space=room, start=at(day(2), 9), end=at(day(2), 9, 30), title="y")
    assert as_member.get(f"/api/v1/spaces/{room.pk}/availability?date=2026-11-25").json()["free"] == []
    next_week = as_member.get(f"/api/v1/spaces/{room.pk}/availability?date=2026-12-01").json()
    assert next_week["free"]


def test_the_space_feed_address_is_given_to_the_team_only_once_issued(client, room, member, coach):
    from interlab.tierslieu import services

    client.force_login(coach)
    assert client.get(f"/api/v1/spaces/{room.pk}").json()["ical_url"] is None
    feed = services.feed_for(space=room)
    assert client.get(f"/api/v1/spaces/{room.pk}").json()["ical_url"].endswith(f"/ical/{feed.token}.ics")
    client.force_login(member)
    assert client.get(f"/api/v1/spaces/{room.pk}").json()["ical_url"] is None
