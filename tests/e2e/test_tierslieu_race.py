"""The booking race against a live server: many people ask for the same slot at the same instant.

50 requests for one room slot → exactly one 201 and 49 × 409; 50 requests for a desk area of N seats →
exactly N × 201. Run on SQLite (IMMEDIATE transactions) and on PostgreSQL (row lock on the space and the
exclusion constraint) by the CI's two passes.
"""

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime, time, timedelta

import pytest

from interlab.core.models import Role
from interlab.core.services import api_token_issue
from interlab.tierslieu import rules, services
from interlab.tierslieu.models import Booking, OpeningHours, Space
from tests.e2e.conftest import E2E_DB
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, E2E_DB]

CALLERS = 50


@pytest.fixture
def server():
    """A live server whose socket accepts 50 connections at once (Django's test server queues only 10)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class WideServer(ThreadedWSGIServer):
        request_queue_size = 256

    class WideThread(LiveServerThread):
        server_class = WideServer

    thread = WideThread("127.0.0.1", static_handler=StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


def make_space(kind: str, capacity: int) -> Space:
    space = Space.objects.create(
        name=f"Course {kind}", kind=kind, capacity=capacity, closed_on_public_holidays=False, max_minutes=600
    )
    for weekday in range(7):
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(0, 0), closes=time(23, 45))
    return space


def callers() -> list[str]:
    # Team members: no notice, no quota, so that the only thing deciding is the slot itself.
    return [api_token_issue(user=UserFactory(username=f"course{i}", role=Role.COACH)) for i in range(CALLERS)]


def race(base_url: str, tokens: list[str], payload: dict) -> Counter:
    barrier = threading.Barrier(len(tokens))
    statuses: list[int] = []
    lock = threading.Lock()

    def call(token: str) -> None:
        request = urllib.request.Request(
            f"{base_url}/api/v1/bookings",
            data=json.dumps(payload).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            method="POST",
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            body = error.read()
            if status == 409:
                assert json.loads(body)["rule"] in ("overlap", "capacity"), body
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=call, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(statuses)


def slot_payload(space: Space) -> dict:
    day = rules.local(rules.now()).date() + timedelta(days=2)
    start = rules.at(day, time(10, 0))
    return {
        "space": space.pk,
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
        "title": "Course",
    }


def test_fifty_requests_for_one_room_slot_make_exactly_one_booking(server):
    room = make_space("room", 10)
    counts = race(server, callers(), slot_payload(room))
    assert counts == Counter({201: 1, 409: CALLERS - 1})
    assert Booking.objects.active().filter(space=room).count() == 1


def test_fifty_requests_for_a_desk_area_of_n_seats_make_exactly_n(server):
    seats = 7
    desks = make_space("desks", seats)
    counts = race(server, callers(), slot_payload(desks))
    assert counts == Counter({201: seats, 409: CALLERS - seats})
    assert Booking.objects.active().filter(space=desks).count() == seats


def test_the_database_itself_refuses_an_overlap_on_postgresql(db_vendor_is_postgres):
    """Even bypassing the service, PostgreSQL's exclusion constraint refuses two overlapping room bookings."""
    from django.db import IntegrityError, transaction

    room = make_space("room", 10)
    user = UserFactory(username="direct", role=Role.COACH)
    first = services.book(by=user, space=room, **_times(10, 11), title="Premier").first
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            space=room,
            user=user,
            title="Intrus",
            start=first.start + timedelta(minutes=30),
            end=first.end + timedelta(minutes=30),
            blocks_until=first.end + timedelta(minutes=30),
            exclusive=True,
        )
    # Cancelled bookings and desk areas are outside the constraint.
    Booking.objects.create(
        space=room,
        user=user,
        title="Annulée",
        start=first.start,
        end=first.end,
        blocks_until=first.end,
        exclusive=True,
        status="cancelled",
    )


def _times(start_hour: int, end_hour: int) -> dict:
    day = rules.local(rules.now()).date() + timedelta(days=2)
    return {"start": rules.at(day, time(start_hour)), "end": rules.at(day, time(end_hour))}


@pytest.fixture
def db_vendor_is_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only; SQLite relies on IMMEDIATE transactions")


def test_parallel_bookings_of_different_rooms_never_pass_the_weekly_quota(server):
    """The quota spans spaces: eight simultaneous 2-hour bookings of eight rooms, with 2 hours a week → one."""
    from interlab.tierslieu.models import MemberGroup

    MemberGroup.objects.update_or_create(
        name="Entrepreneurs accompagnés",
        defaults={
            "roles": ["entrepreneur"],
            "weekly_quota_hours": 2,
            "min_notice_minutes": 0,
            "booking_window_days": 30,
        },
    )
    rooms = [make_space("room", 4) for _ in range(1)] + [
        Space.objects.create(
            name=f"Salle {i}", kind="room", capacity=4, closed_on_public_holidays=False, max_minutes=600
        )
        for i in range(7)
    ]
    for room in rooms[1:]:
        for weekday in range(7):
            OpeningHours.objects.create(space=room, weekday=weekday, opens=time(0, 0), closes=time(23, 45))
    token = api_token_issue(user=UserFactory(username="pressee", role=Role.ENTREPRENEUR))
    barrier = threading.Barrier(len(rooms))
    statuses: list[int] = []

    def call(room: Space) -> None:
        payload = slot_payload(room)
        payload["end"] = (datetime.fromisoformat(payload["start"]) + timedelta(hours=2)).isoformat()
        request = urllib.request.Request(
            f"{server}/api/v1/bookings",
            data=json.dumps(payload).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            method="POST",
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=call, args=(room,)) for room in rooms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(statuses) == Counter({201: 1, 409: len(rooms) - 1})
