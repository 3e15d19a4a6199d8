"""Demo data fulfils the API.md demo section and is safe to create twice."""

import pytest
from django.contrib.auth import authenticate

from interlab.core.demo import DEMO_PASSWORD, seed_demo
from interlab.core.models import User
from interlab.crm.models import Entrepreneur, Project

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_every_role_and_a_project_for_the_demo_entrepreneur(settings):
    settings.DEBUG = True  # the demo password opens nothing without DEBUG (interlab.core.auth)
    first = seed_demo()
    second = seed_demo()
    assert first["people"] > 10 and second["people"] == 0
    for username in ("admin", "coach", "entrepreneur", "mentor", "funder", "partner"):
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
    assert User.objects.get(username="entrepreneur").entrepreneur.projects.exists()
    assert User.objects.get(username="funder").funded_programmes.exists()
    assert Project.objects.values("stage").distinct().count() >= 6
    assert Entrepreneur.objects.count() == first["people"]
