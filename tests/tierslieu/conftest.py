"""Tiers-lieu fixtures: a house with a room, a desk area and a workshop, on a fixed Monday morning.

Time is frozen at Monday 23 November 2026, 08:00 in Brussels, so that "tomorrow 10:00" is always a
Tuesday in opening hours and no public holiday falls in the week.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from interlab.core.models import Role
from interlab.tierslieu.models import OpeningHours, Space
from tests.factories import UserFactory

BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY = date(2026, 11, 23)
NOW = datetime.combine(MONDAY, time(8, 0), tzinfo=BRUSSELS)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


@pytest.fixture(autouse=True)
def member_groups(db):
    """The member groups the migrations create, restored in case a transactional test flushed them."""
    import importlib

    from django.apps import apps

    from interlab.tierslieu.models import MemberGroup

    migration = importlib.import_module("interlab.tierslieu.migrations.0002_no_overlap_and_member_groups")
    MemberGroup.objects.filter(name__in=[group[0] for group in migration.GROUPS]).delete()
    migration.add_groups(apps, None)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_space(name="Salle Meuse", kind="room", capacity=8, hours=None, **extra) -> Space:
    space = Space.objects.create(name=name, kind=kind, capacity=capacity, **extra)
    for weekday in range(7) if hours is None else hours:
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(8, 0), closes=time(20, 0))
    return space


@pytest.fixture
def room(db):
    return make_space("Salle Meuse", "room", 8, hours=range(5), equipment=["projector", "wifi"])


@pytest.fixture
def desks(db):
    return make_space("Plateau coworking", "desks", 3, hours=range(6), equipment=["wifi"], min_minutes=60)


@pytest.fixture
def workshop(db):
    return make_space("Atelier partagé", "workshop", 16, hours=range(5), equipment=["kitchen"], requires_approval=True)


@pytest.fixture
def member(db):
    return UserFactory(username="yasmine", role=Role.ENTREPRENEUR, first_name="Yasmine", last_name="Benali")


@pytest.fixture
def other_member(db):
    return UserFactory(username="olek", role=Role.ENTREPRENEUR, first_name="Olek", last_name="Kowal")
