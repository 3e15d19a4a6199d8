"""Registration for events, and attendance that reaches the CRM timeline."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cms.models import EventRegistration
from interlab.crm import selectors
from interlab.crm.models import Interaction, InteractionKind
from tests.cms import factories
from tests.factories import EntrepreneurFactory

pytestmark = pytest.mark.django_db


def register(client, event, **overrides):
    data = {"first_name": "Amina", "last_name": "Diallo", "email": "amina@example.org", "phone": "", "website": ""}
    data.update(overrides)
    return client.post(event.url, data)


def test_a_visitor_registers_and_gets_a_confirmation(client, django_capture_on_commit_callbacks):
    event = factories.event(capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event)
    assert response.status_code == 302 and "registered=1" in response["Location"]
    registration = EventRegistration.objects.get()
    assert (registration.event, registration.email, registration.language) == (event, "amina@example.org", "fr")
    assert mail.outbox[0].to == ["amina@example.org"]
    assert event.places_left() == 9


def test_registering_twice_with_one_email_keeps_one_registration(client):
    event = factories.event()
    register(client, event)
    response = register(client, event, email="AMINA@example.org")
    assert response.status_code == 302
    assert EventRegistration.objects.count() == 1


def test_places_are_counted_across_languages_and_a_full_event_refuses_politely(client):
    event = factories.event(capacity=1)
    english = factories.translate(event, "en", title="Information session")
    register(client, english, email="first@example.org")
    response = register(client, event, email="second@example.org")
    assert response.status_code == 200
    assert "This event is full" in response.content.decode() or "complet" in response.content.decode()
    assert EventRegistration.objects.count() == 1


def test_a_past_event_takes_no_registration(client):
    event = factories.event(days=-2)
    response = register(client, event)
    assert response.status_code == 200 and not EventRegistration.objects.exists()


@pytest.mark.parametrize("overrides", [{"email": "nope"}, {"first_name": "<b>x</b>"}, {"first_name": "A" * 101}])
def test_bad_registration_input_is_refused_with_the_field_marked(client, overrides):
    event = factories.event()
    response = register(client, event, **overrides)
    assert response.status_code == 200 and response.context["form"].errors
    assert not EventRegistration.objects.exists()


def test_a_registration_made_with_a_known_persons_email_is_not_linked_to_their_file(client):
    EntrepreneurFactory(email="amina@example.org")
    register(client, factories.event())
    assert EventRegistration.objects.get().entrepreneur is None


def test_a_person_registering_logged_in_is_linked_to_their_own_file(client, person, entrepreneur_user):
    client.force_login(entrepreneur_user)
    register(client, factories.event(), email="another@example.org")
    assert EventRegistration.objects.get().entrepreneur == person


def test_the_sheet_suggests_the_file_with_the_same_email_without_linking_it(client, coach):
    person = EntrepreneurFactory(email="amina@example.org")
    event = factories.event()
    register(client, event)
    client.force_login(coach)
    response = client.get(event.url + "attendance/")
    assert response.context["registrations"][0].suggested_file == person
    assert EventRegistration.objects.get().entrepreneur is None


def test_attendance_puts_the_workshop_on_the_timeline_of_the_file_the_coach_links(client, coach):
    person = EntrepreneurFactory(email="amina@example.org")
    event = factories.event(days=1)
    register(client, event)
    registration = EventRegistration.objects.get()
    started = timezone.now() - timedelta(hours=3)  # the event took place
    type(event).objects.filter(pk=event.pk).update(starts_at=started, ends_at=started + timedelta(hours=2))

    client.force_login(coach)
    response = client.post(event.url + "attendance/", {"attended": [registration.pk], "link": [registration.pk]})
    assert response.status_code == 302

    registration.refresh_from_db()
    assert registration.attended_at is not None
    interaction = Interaction.objects.get(entrepreneur=person)
    assert (interaction.kind, interaction.by, interaction.is_private) == (InteractionKind.WORKSHOP, coach, False)
    assert interaction.duration_minutes == 120
    assert event.title in interaction.note
    assert any(item.obj == interaction for item in selectors.timeline(coach, person))


def test_unticking_attendance_removes_only_that_timeline_entry(client, coach):
    person = EntrepreneurFactory(email="amina@example.org")
    own_note = Interaction.objects.create(entrepreneur=person, by=coach, note="Premier entretien")
    event = factories.event()
    register(client, event)
    client.force_login(coach)
    registration = EventRegistration.objects.get()
    client.post(event.url + "attendance/", {"attended": [registration.pk], "link": [registration.pk]})
    assert Interaction.objects.filter(entrepreneur=person).count() == 2
    client.post(event.url + "attendance/", {})
    assert list(Interaction.objects.filter(entrepreneur=person)) == [own_note]
    assert EventRegistration.objects.get().attended_at is None


def test_a_person_unknown_to_the_crm_is_marked_present_without_a_timeline(client, coach):
    event = factories.event()
    register(client, event, email="visitor@example.org")
    client.force_login(coach)
    client.post(event.url + "attendance/", {"attended": [EventRegistration.objects.get().pk]})
    assert EventRegistration.objects.get().attended_at is not None
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("who", [None, "entrepreneur_user", "funder", "mentor", "partner_user"])
def test_only_coaches_and_admins_see_the_attendance_sheet(client, request, who):
    event = factories.event()
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(event.url + "attendance/").status_code == 404
    assert client.post(event.url + "attendance/", {"attended": ["1"]}).status_code == 404


def test_the_coach_sees_the_sheet_with_every_registration(client, coach):
    event = factories.event()
    register(client, event)
    client.force_login(coach)
    response = client.get(event.url + "attendance/")
    assert response.status_code == 200 and "amina@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_the_admin_page_list_links_each_event_to_its_attendance_sheet(client, admin_user):
    event = factories.event()
    client.force_login(admin_user)
    html = client.get(f"/cms-admin/pages/{event.get_parent().pk}/").content.decode()
    assert f'href="{event.url}attendance/"' in html


def test_a_flood_of_registrations_from_one_address_is_slowed_down(client, settings):
    settings.CMS_RATE_LIMITS = {"event": (2, 600)}
    event = factories.event()
    for n in range(2):
        register(client, event, email=f"p{n}@example.org")
    response = register(client, event, email="p3@example.org")
    assert response.status_code == 429
    assert EventRegistration.objects.count() == 2
