"""Every role against every endpoint of the tiers-lieu, the API, the pages (/app/spaces/) and the iCal feeds.

Any login books and sees the spaces; a booking or a waiting-list entry is its owner's (and the team's for
bookings); iCal feeds need no login, their token is the secret, a revoked token is 404.
"""

import pytest

from tests import roles
from tests.roles import assert_matrix

pytestmark = pytest.mark.django_db
world = roles.world

BOOKING = '{"space": {space}, "start": "{day}T14:00:00+01:00", "end": "{day}T15:00:00+01:00", "title": "Atelier"}'
MOVE = '{"start": "{day}T16:00:00", "end": "{day}T17:00:00"}'

# (method, path, body, statuses: anonymous admin coach owner other_entrepreneur mentor funder partner)
API_ROWS = [
    ("get", "/api/v1/spaces", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/spaces/{space}", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/spaces/{space}/availability?date={day}", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/slots?start={day}&end={day}&duration=60", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/bookings", None, "401 200 200 200 200 200 200 200"),
    ("post", "/api/v1/bookings", BOOKING, "401 201 201 201 201 201 201 201"),
    ("get", "/api/v1/bookings/{booking}", None, "401 200 200 200 404 404 404 404"),
    ("delete", "/api/v1/bookings/{booking}", None, "401 200 200 200 404 404 404 404"),
    ("post", "/api/v1/bookings/{booking}/move", MOVE, "401 200 200 200 404 404 404 404"),
    # Check-in opens shortly before the start: too early is a conflict for whoever may check in.
    ("post", "/api/v1/bookings/{booking}/checkin", None, "401 409 409 409 404 404 404 404"),
    ("get", "/api/v1/bookings/{booking}/ics", None, "401 200 200 200 404 404 404 404"),
]

PAGE_ROWS = [
    ("get", "/app/spaces/", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/spaces/grid/", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/spaces/{space}/", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/spaces/{space}/week/", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/spaces/{space}/book/", None, "302 200 200 200 200 200 200 200"),
    ("post", "/app/spaces/{space}/waitlist/", None, "302 302 302 302 302 302 302 302"),
    ("post", "/app/spaces/{space}/feed/renew/", None, "302 302 302 403 403 403 403 403"),
    ("get", "/app/spaces/my/", None, "302 200 200 200 200 200 200 200"),
    ("post", "/app/spaces/my/feed/renew/", None, "302 302 302 302 302 302 302 302"),
    ("post", "/app/spaces/bookings/{booking}/cancel/", None, "302 302 302 302 404 404 404 404"),
    ("get", "/app/spaces/bookings/{booking}/move/", None, "302 200 200 200 404 404 404 404"),
    # Without a new time the form answers with its errors.
    ("post", "/app/spaces/bookings/{booking}/move/", None, "302 200 200 200 404 404 404 404"),
    ("post", "/app/spaces/bookings/{booking}/checkin/", None, "302 302 302 302 404 404 404 404"),
    ("post", "/app/spaces/bookings/{booking}/confirm/", None, "302 302 302 302 404 404 404 404"),
    ("post", "/app/spaces/bookings/{booking}/approve/", None, "302 302 302 403 403 403 403 403"),
    ("get", "/app/spaces/bookings/{booking}.ics", None, "302 200 200 200 404 404 404 404"),
    # A waiting-list entry is its owner's alone, the team included.
    ("post", "/app/spaces/waitlist/{waitlist}/leave/", None, "302 404 404 302 404 404 404 404"),
    ("get", "/app/spaces/card/", None, "302 200 200 200 200 200 200 200"),
    ("get", "/app/spaces/card.pdf", None, "302 200 200 200 200 200 200 200"),
    ("post", "/app/spaces/card/renew/", None, "302 302 302 302 302 302 302 302"),
    ("get", "/app/spaces/reception/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/spaces/occupancy/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/ical/{feed}.ics", None, "200 200 200 200 200 200 200 200"),
    ("get", "/ical/{space_feed}.ics", None, "200 200 200 200 200 200 200 200"),
    ("get", "/ical/{revoked_feed}.ics", None, "404 404 404 404 404 404 404 404"),
]


def test_api_rows(world):
    assert_matrix(world, API_ROWS, api=True)


def test_page_rows(world):
    assert_matrix(world, PAGE_ROWS, api=False)
