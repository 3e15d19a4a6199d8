"""The impact demo seed adds follow-ups and financing to launched demo projects, and is safe to run twice."""

import pytest

from interlab.impact.demo import seed
from interlab.impact.models import Financing, FollowUp, Participant
from tests.factories import ProgrammeFactory, make_project

pytestmark = pytest.mark.django_db


def test_the_demo_seed_runs_twice_without_duplicates(coach):
    programme = ProgrammeFactory()
    launched = make_project(
        coach=coach,
        programme=programme,
        path=["idea", "project", "financing", "admin-legal", "registration", "launched"],
    )
    make_project(coach=coach, programme=programme, path=["idea"])
    first = seed({"users": {"coach": coach}, "programme": programme})
    assert first == {"impact_participants": 2, "impact_follow_ups": 1, "impact_financings": 1}
    assert seed({"users": {"coach": coach}, "programme": programme}) == {
        "impact_participants": 0,
        "impact_follow_ups": 0,
        "impact_financings": 0,
    }
    assert FollowUp.objects.get().project == launched
    assert Financing.objects.count() == 1 and Participant.objects.count() == 2
