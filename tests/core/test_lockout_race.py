"""Login lockout under simultaneous attempts: beyond the limit, a password is never even checked.

Each thread has its own database connection (run with DATABASE_URL=postgres://… for PostgreSQL's locks).
"""

import threading
import time
from collections import Counter

import pytest
from django.db import connections
from django.test import RequestFactory

from interlab.core import services
from interlab.core.auth import InterLabModelBackend
from interlab.core.models import LoginFailure
from tests.factories import UserFactory

ATTEMPTS = 40


@pytest.fixture
def checks(monkeypatch):
    """Every password check the backend makes, by username; each takes as long as a real hasher's would."""
    seen = []
    authenticate = InterLabModelBackend.authenticate

    def counted(self, request, username=None, password=None, **kwargs):
        seen.append(username)
        time.sleep(0.05)  # the test settings hash with MD5: without this the race window is unrealistically short
        return authenticate(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(InterLabModelBackend, "authenticate", counted)
    return seen


def attempt_all_at_once(logins: list[tuple[str, str]], address: str) -> Counter:
    barrier = threading.Barrier(len(logins))
    outcomes = []

    def attempt(username: str, password: str):
        request = RequestFactory().post("/login/", REMOTE_ADDR=address)
        try:
            barrier.wait()
            user = services.credentials_check(request=request, username=username, password=password)
            outcomes.append("ok" if user else "wrong")
        except services.LockedOut as locked:
            outcomes.append(f"locked:{locked.reason}")
        except Exception as exc:  # noqa: BLE001 - a lock timeout or a deadlock would show up here
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=login) for login in logins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(outcomes)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forty_simultaneous_wrong_passwords_check_only_as_many_as_the_limit(settings, checks):
    settings.LOGIN_LOCKOUT_FAILURES = 5
    settings.LOGIN_LOCKOUT_ADDRESS_FAILURES = 100
    UserFactory(username="coach")
    outcomes = attempt_all_at_once([("coach", "wrong")] * ATTEMPTS, address="203.0.113.9")
    assert len(checks) == 5
    assert outcomes == Counter({"wrong": 5, "locked:account": ATTEMPTS - 5})
    assert LoginFailure.objects.filter(username="coach").count() == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_simultaneous_spray_from_one_address_checks_only_as_many_as_its_limit(settings, checks):
    settings.LOGIN_LOCKOUT_FAILURES = 5
    settings.LOGIN_LOCKOUT_ADDRESS_FAILURES = 20
    outcomes = attempt_all_at_once([(f"guess{n}", "Winter2026!") for n in range(ATTEMPTS)], address="203.0.113.9")
    assert len(checks) == 20
    assert outcomes == Counter({"wrong": 20, "locked:address": ATTEMPTS - 20})
