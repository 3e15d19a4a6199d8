"""A person agrees to share their name with partners: on the public form, or read to them by a coach on the file.
Either way the exact text version is kept, and then the partner they are sent to sees their name."""

import pytest

from interlab.core import services as core_services
from interlab.core.models import Consent
from interlab.crm import services
from interlab.crm.choices import PARTNER_SHARING_PURPOSE
from tests.factories import EntrepreneurFactory, PartnerFactory, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_text():
    return core_services.consent_text_ensure(
        key="partners",
        version=2,
        language="fr",
        body="Partage avec les partenaires.",
        purposes=[PARTNER_SHARING_PURPOSE],
    )


@pytest.fixture
def person(coach):
    person = EntrepreneurFactory(first_name="Zeynep", last_name="Kaya")
    make_project(entrepreneur=person, coach=coach)
    return person


def test_the_coach_reads_the_text_to_record_from_the_file(client, coach, person, partner_text):
    client.force_login(coach)
    response = client.get(f"/app/entrepreneurs/{person.pk}/partner-consent/")
    assert b"Partage avec les partenaires." in response.content


def test_a_coach_records_the_consent_on_the_text_shown(client, coach, person, partner_text):
    client.force_login(coach)
    client.post(f"/app/entrepreneurs/{person.pk}/partner-consent/", {"consent_text": partner_text.pk, "agreed": "on"})
    consent = Consent.objects.get(entrepreneur=person)
    assert (consent.text, consent.purposes, consent.recorded_by) == (partner_text, [PARTNER_SHARING_PURPOSE], coach)


def test_nothing_is_recorded_until_the_box_is_ticked(client, coach, person, partner_text):
    client.force_login(coach)
    client.post(f"/app/entrepreneurs/{person.pk}/partner-consent/", {"consent_text": partner_text.pk})
    assert not Consent.objects.filter(entrepreneur=person).exists()


def test_once_recorded_on_the_file_the_partner_sees_the_name(client, coach, person, partner_text, partner_user):
    organisation = PartnerFactory()
    organisation.users.add(partner_user)
    referral = services.referral_create(entrepreneur=person, partner=organisation, by=coach, purpose="Microcrédit")
    client.force_login(coach)
    client.post(f"/app/entrepreneurs/{person.pk}/partner-consent/", {"consent_text": partner_text.pk, "agreed": "on"})

    client.force_login(partner_user)
    assert client.get(f"/api/v1/referrals/{referral.pk}").json()["person"]["first_name"] == "Zeynep"
