"""Event registrations reach a person's export and erasure through a verified link, never through a typed e-mail."""

import pytest

from cms.models import EventRegistration
from interlab.core.models import Role
from interlab.crm import services
from interlab.crm.models import Entrepreneur
from tests.cms import factories as cms_factories
from tests.factories import EntrepreneurFactory, UserFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"
VICTIM = "victim@example.org"


@pytest.fixture
def attacker(db):
    user = UserFactory(username="mallory", role=Role.ENTREPRENEUR)
    return EntrepreneurFactory(user=user, email="mallory@example.org")


@pytest.fixture
def victims_registrations(db):
    """The victim's registrations: one made as a visitor, one linked to the victim's own file."""
    victim = EntrepreneurFactory(email=VICTIM, first_name="Awa")
    visitor = EventRegistration.objects.create(
        event=cms_factories.event(title="Atelier TVA"), first_name="Awa", email=VICTIM, phone="0470 11 22 33"
    )
    linked = EventRegistration.objects.create(
        event=cms_factories.event(title="Atelier banque"),
        first_name="Awa",
        email=VICTIM,
        phone="0470 11 22 33",
        entrepreneur=victim,
    )
    return visitor, linked


def set_own_email(client, person, email: str, django_capture_on_commit_callbacks):
    client.force_login(person.user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.patch(f"/api/v1/entrepreneurs/{person.pk}", {"email": email}, content_type=JSON)


def test_setting_ones_email_to_someone_elses_exports_none_of_their_registrations(
    client, attacker, victims_registrations, django_capture_on_commit_callbacks
):
    set_own_email(client, attacker, VICTIM, django_capture_on_commit_callbacks)

    rows = client.get("/api/v1/me/export").json()["event_registrations"]

    assert rows == []


def test_erasing_a_file_set_to_someone_elses_email_leaves_their_registrations_intact(
    client, attacker, victims_registrations, admin_user, django_capture_on_commit_callbacks
):
    set_own_email(client, attacker, VICTIM, django_capture_on_commit_callbacks)

    services.entrepreneur_erase(entrepreneur=Entrepreneur.objects.get(pk=attacker.pk), by=admin_user)

    kept = EventRegistration.objects.filter(pk__in=[r.pk for r in victims_registrations])
    assert sorted(kept.values_list("first_name", "email", "phone")) == [("Awa", VICTIM, "0470 11 22 33")] * 2


def test_an_address_set_by_a_coach_links_no_registration_made_with_it(coach):
    visitor = EventRegistration.objects.create(event=cms_factories.event(), first_name="Awa", email=VICTIM)
    person = EntrepreneurFactory(email="old@example.org")

    services.entrepreneur_update(entrepreneur=person, by=coach, email=VICTIM)

    visitor.refresh_from_db()
    assert visitor.entrepreneur_id is None
