"""The mentoring and tiers-lieu blocks with the real functions of those apps (landed alongside)."""

import pytest

from interlab.impact import periods, selectors, services
from interlab.mentoring import services as mentoring_services
from interlab.mentoring.models import Match
from interlab.tierslieu import services as tierslieu_services
from tests.mentoring.factories import binome_rule, make_mentee, make_mentor, make_offer
from tests.tierslieu.conftest import NOW, at, day, make_space

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    import time_machine

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_no_mentoring_or_spaces_block_while_those_apps_hold_nothing(coach, funded):
    data = services.summary(coach, selectors.scope_for(coach, programme=funded.pk))
    assert data["mentoring"] is None
    assert data["spaces"] is None


def test_real_mentoring_pairs_of_the_funded_programme_only(funded, unfunded, coach):
    binome_rule("preferred")  # newcomer mentors with newcomers: ties that do not bridge
    for index in range(7):
        mentor = make_mentor(is_local=index % 2 == 0, capacity=1)
        match = make_offer(make_mentee(newcomer=True), mentor, coach)
        mentoring_services.match_accept(match=match, by=mentor.user)
        Match.objects.filter(pk=match.pk).update(programme=funded if index < 6 else unfunded)
    data = services.summary(coach, selectors.scope_for(coach, programme=funded.pk))
    rows = {row["key"]: row for row in data["mentoring"]}
    assert rows["pairs_active"] == {
        "key": "pairs_active",
        "label": rows["pairs_active"]["label"],
        "value": 6,
        "suppressed": False,
    }
    assert rows["ties_created"]["value"] == 6
    assert rows["bridging_ties"]["value"] is None  # 3 local mentors with newcomers: under five
    assert rows["mean_satisfaction"]["suppressed"]  # no answer yet


def test_real_occupancy_of_the_house(coach, frozen):
    room = make_space("Salle Meuse", "room", 8, hours=range(5))
    tierslieu_services.book(by=coach, space=room, start=at(day(1), 10), end=at(day(1), 12), title="Atelier")
    data = services.summary(coach, selectors.scope_for(coach, period=periods.containing(day(1), "month")))
    space = next(s for s in data["spaces"]["spaces"] if s["label"] == "Salle Meuse")
    # Two hours booked over the open hours of the period (weekdays 8:00–20:00).
    assert space["value"] is not None and 0 < space["value"] < 100
    totals = {row["key"]: row for row in data["spaces"]["totals"]}
    assert totals["bookings"]["suppressed"]  # one booking: under five
