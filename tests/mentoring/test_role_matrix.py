"""Every role against every endpoint of mentoring, the API and the pages (/app/mentoring/).

In the world of tests/roles.py the mentor is in an active pair with the owner ({pair}) with a meeting the mentor
proposed ({meeting_proposal}) and one the owner fixed ({meeting}), has an offer waiting for another mentee
({offer}), and a matching run holds a proposal ({proposal}) only staff see; a coach excluded a pair
({exclusion}). A person applied to mentor on the public page ({application}).
"""

import pytest

from tests import roles
from tests.roles import assert_matrix

pytestmark = pytest.mark.django_db
world = roles.world

# (method, path, body, statuses: anonymous admin coach owner other_entrepreneur mentor funder partner)
API_ROWS = [
    ("get", "/api/v1/mentors", None, "401 200 200 200 200 200 200 200"),
    ("post", "/api/v1/mentors", '{"first_name": "Luc", "languages": ["fr"]}', "401 201 201 403 403 403 403 403"),
    ("get", "/api/v1/mentors/{mentor}", None, "401 200 200 404 404 200 404 404"),
    ("patch", "/api/v1/mentors/{mentor}", '{"capacity": 2}', "401 200 200 404 404 200 404 404"),
    ("get", "/api/v1/matches", None, "401 200 200 200 200 200 200 200"),
    ("get", "/api/v1/matches/{pair}", None, "401 200 200 200 404 200 404 404"),
    ("get", "/api/v1/matches/{offer}", None, "401 200 200 404 404 200 404 404"),
    ("get", "/api/v1/matches/{proposal}", None, "401 200 200 404 404 404 404 404"),
    ("post", "/api/v1/matches/{proposal}/publish", None, "401 200 200 404 404 404 404 404"),
    ("post", "/api/v1/matches/{offer}/withdraw", None, "401 200 200 404 404 403 404 404"),
    ("post", "/api/v1/matches/{offer}/accept", None, "401 403 403 404 404 200 404 404"),
    ("post", "/api/v1/matches/{offer}/decline", '{"reason": "no_time"}', "401 403 403 404 404 200 404 404"),
    ("post", "/api/v1/matches/{offer}/ask", '{"question": "Quand ?"}', "401 403 403 404 404 200 404 404"),
    ("post", "/api/v1/matches/{pair}/end", '{"reason": "fini"}', "401 200 200 200 404 200 404 404"),
    ("post", "/api/v1/matches/{pair}/fit", '{"fit": "good"}', "401 403 403 200 404 200 404 404"),
    ("post", "/api/v1/matches/{pair}/feedback", '{"satisfaction": 4}', "401 403 403 201 404 201 404 404"),
    ("post", "/api/v1/matches/{pair}/sessions", '{"minutes": 60}', "401 403 403 201 404 201 404 404"),
    ("get", "/api/v1/matches/{pair}/meetings", None, "401 200 200 200 404 200 404 404"),
    # Coaches see the pair's meetings but do not schedule them: the pair does.
    (
        "post",
        "/api/v1/matches/{pair}/meetings",
        '{"starts": ["{new_meeting_time}"], "mode": "phone"}',
        "401 403 403 201 404 201 404 404",
    ),
    ("get", "/api/v1/meetings/{meeting}", None, "401 200 200 200 404 200 404 404"),
    # The mentor proposed these times: only the owner, the other side, accepts or declines them.
    (
        "post",
        "/api/v1/meetings/{meeting_proposal}/accept",
        '{"start": "{meeting_time}"}',
        "401 403 403 200 404 403 404 404",
    ),
    ("post", "/api/v1/meetings/{meeting_proposal}/decline", "{}", "401 403 403 200 404 403 404 404"),
    ("post", "/api/v1/meetings/{meeting}/cancel", "{}", "401 403 403 200 404 200 404 404"),
    ("post", "/api/v1/matches/{proposal}/pin", None, "401 200 200 404 404 404 404 404"),
    ("post", "/api/v1/matches/{proposal}/exclude", None, "401 204 204 404 404 404 404 404"),
    # Swapping a proposal with itself is a conflict for staff; the others never see the proposal.
    ("post", "/api/v1/matches/{proposal}/swap", '{"other": {proposal}}', "401 409 409 404 404 404 404 404"),
    ("post", "/api/v1/matching/runs", "{}", "401 201 201 403 403 403 403 403"),
    ("get", "/api/v1/matching/runs/{run}", None, "401 200 200 404 404 404 404 404"),
    ("post", "/api/v1/matching/runs/{run}/publish", None, "401 200 200 404 404 404 404 404"),
    ("get", "/api/v1/matching/weights", None, "401 200 200 403 403 403 403 403"),
    ("post", "/api/v1/matching/weights", '{"weights": {}}', "401 200 403 403 403 403 403 403"),
    ("post", "/api/v1/matching/weights/suggest", None, "401 200 200 403 403 403 403 403"),
]

PAGE_ROWS = [
    ("get", "/app/mentoring/", None, "302 302 302 302 302 302 403 403"),
    ("get", "/app/mentoring/runs/", None, "302 200 200 403 403 403 403 403"),
    ("get", "/app/mentoring/runs/{run}/", None, "302 200 200 403 403 403 403 403"),
    ("post", "/app/mentoring/runs/{run}/publish/", None, "302 302 302 403 403 403 403 403"),
    ("post", "/app/mentoring/proposals/{proposal}/pin/", None, "302 302 302 403 403 403 403 403"),
    # Restoring a pair a coach excluded: staff (a second restore says it is no longer excluded); nobody else.
    ("post", "/app/mentoring/exclusions/{exclusion}/restore/", None, "302 302 302 403 403 403 403 403"),
    ("get", "/app/mentoring/weights/", None, "302 200 200 403 403 403 403 403"),
    # Becoming a mentor is public: the page for all, an empty form refused with 422 for all.
    ("get", "/app/mentoring/become-a-mentor/", None, "200 200 200 200 200 200 200 200"),
    ("post", "/app/mentoring/become-a-mentor/", None, "422 422 422 422 422 422 422 422"),
    ("get", "/app/mentoring/applications/", None, "302 200 200 403 403 403 403 403"),
    ("post", "/app/mentoring/applications/{application}/approve/", None, "302 302 302 403 403 403 403 403"),
    ("get", "/app/mentoring/profile/", None, "302 403 403 403 403 200 403 403"),
    ("post", "/app/mentoring/profile/pause/", None, "302 403 403 403 403 302 403 403"),
    ("get", "/app/mentoring/inbox/", None, "302 200 200 403 403 200 403 403"),
    ("get", "/app/mentoring/mine/", None, "302 403 403 200 200 403 403 403"),
    # What a mentee asks of their mentor: the mentee on their own file, or staff; nobody else sees the file.
    ("get", "/app/mentoring/mentees/{person}/wishes/", None, "302 200 200 200 404 404 404 404"),
    ("post", "/app/mentoring/mentees/{person}/wishes/", {"mentor_gender": "woman"}, "302 302 302 302 404 404 404 404"),
    # Staff are sent back with a message (the offer is the mentor's to answer); outsiders get 404.
    ("post", "/app/mentoring/pairs/{offer}/accept/", None, "302 302 302 404 404 302 404 404"),
    # An unconfirmed decline and an undo of an open offer are refused with a message: a redirect for the mentor.
    ("post", "/app/mentoring/pairs/{offer}/decline/", None, "302 302 302 404 404 302 404 404"),
    ("post", "/app/mentoring/pairs/{offer}/undo-decline/", None, "302 302 302 404 404 302 404 404"),
    ("post", "/app/mentoring/pairs/{pair}/end/", None, "302 302 302 302 404 302 404 404"),
    # A fixed meeting's .ics: the pair and coaches; a proposal without a fixed time has none.
    ("get", "/app/mentoring/meetings/{meeting}.ics", None, "302 200 200 200 404 200 404 404"),
    ("get", "/app/mentoring/meetings/{meeting_proposal}.ics", None, "302 404 404 404 404 404 404 404"),
    # Without a time chosen the answer is a message (a redirect) for whoever sees the pair; outsiders get 404.
    ("post", "/app/mentoring/meetings/{meeting_proposal}/accept/", None, "302 302 302 302 404 302 404 404"),
]


def test_api_rows(world):
    assert_matrix(world, API_ROWS, api=True)


def test_page_rows(world):
    assert_matrix(world, PAGE_ROWS, api=False)
