"""Erasing a person reaches every app: bookings, event registrations, mentoring; the export covers them too."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import EventRegistration
from interlab.crm import services
from interlab.tierslieu import services as tierslieu
from interlab.tierslieu.models import Booking, BookingStatus
from tests.cms.factories import event
from tests.factories import room_open_all_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return room_open_all_day()


def test_the_export_and_the_erasure_reach_bookings_registrations_and_mentoring(
    client, person, entrepreneur_user, admin_user, room, coach
):
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    booking = tierslieu.book(
        by=coach, user=entrepreneur_user, space=room, start=start, end=start + timedelta(hours=1), title="Banque"
    ).first
    registration = EventRegistration.objects.create(
        event=event(), first_name="Amina", last_name="Diallo", email="amina@example.org", entrepreneur=person
    )
    before_the_file = EventRegistration.objects.create(
        event=event(title="Atelier TVA"), first_name="Amina", last_name="D.", email=person.email.upper()
    )
    client.force_login(entrepreneur_user)
    exported = client.get("/api/v1/me/export").json()
    assert exported["tiers_lieu"]["bookings"][0]["title"] == "Banque"
    assert "mentoring" in exported

    email = person.email
    services.entrepreneur_erase(entrepreneur=person, by=admin_user)
    booking.refresh_from_db()
    registration.refresh_from_db()
    assert booking.title == "—" and booking.status == BookingStatus.CANCELLED
    assert Booking.objects.filter(pk=booking.pk).exists()  # the hours stay in the occupancy figures
    assert registration.first_name == "" and registration.last_name == "" and "amina" not in registration.email
    before_the_file.refresh_from_db()  # made with the same address, never linked: nothing shows it is theirs
    assert (before_the_file.first_name, before_the_file.email) == ("Amina", email.upper())
