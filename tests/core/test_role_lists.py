"""The API's lists, per role: each role finds in them exactly the world's objects it may see, nothing more.

The matrix (tests/*/test_role_matrix.py) checks statuses; a list answering 200 could still hold someone else's
rows, so here the ids are compared.
"""

import pytest

from tests import roles
from tests.roles import client_for

pytestmark = pytest.mark.django_db
world = roles.world

# list path, the world's ids it may hold, and which of them each role sees (roles not named see none).
LISTS = [
    ("/api/v1/projects", ["project"], {"admin": ["project"], "coach": ["project"], "owner": ["project"]}),
    ("/api/v1/mentors", ["mentor"], {"admin": ["mentor"], "coach": ["mentor"], "mentor": ["mentor"]}),
    (
        "/api/v1/matches",
        ["pair", "offer", "proposal"],
        {
            "admin": ["pair", "offer", "proposal"],
            "coach": ["pair", "offer", "proposal"],
            "owner": ["pair"],
            "mentor": ["pair", "offer"],
        },
    ),
    ("/api/v1/bookings", ["booking"], {"admin": ["booking"], "coach": ["booking"], "owner": ["booking"]}),
    ("/api/v1/dossiers", ["dossier"], {"admin": ["dossier"], "coach": ["dossier"], "owner": ["dossier"]}),
    ("/api/v1/entrepreneurs", ["person"], {"admin": ["person"], "coach": ["person"]}),
    ("/api/v1/referrals", ["referral"], {"admin": ["referral"], "coach": ["referral"], "partner": ["referral"]}),
]


@pytest.mark.parametrize(("path", "names", "seen_by"), LISTS, ids=[row[0] for row in LISTS])
def test_each_role_sees_in_a_list_only_what_it_may(world, path, names, seen_by):
    wanted = {world.ids[name]: name for name in names}
    wrong = []
    for role in roles.ROLES[1:]:
        response = client_for(world, role).get(f"{path}?page_size=200")
        if response.status_code == 403:
            seen = set()
        else:
            assert response.status_code == 200, (role, response.content[:200])
            seen = {wanted[item["id"]] for item in response.json()["items"] if item["id"] in wanted}
        if seen != set(seen_by.get(role, [])):
            wrong.append(f"{role}: sees {sorted(seen)}, should see {sorted(seen_by.get(role, []))}")
    assert not wrong, "\n" + "\n".join(wrong)
