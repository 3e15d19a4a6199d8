"""The exemption the person's file implies (a recognised refugee…), proposed to the coach on the eligibility step:
the residence situation read and logged like any read of it, confirmed or set aside in one click."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from interlab.core.models import SensitiveRead
from interlab.crm import services as crm_services
from interlab.dossiers import services
from interlab.dossiers.models import Eligibility, Exemption, Status
from tests.dossiers.factories import make_dossier

pytestmark = pytest.mark.django_db

PROPOSAL_READ = "page:dossier_exemption_proposal"


def file_records(person, situation: str, by=None) -> None:
    crm_services.sensitive_profile_update(entrepreneur=person, by=by, residence_situation=situation)


def proposal_reads() -> list[tuple]:
    rows = SensitiveRead.objects.filter(context=PROPOSAL_READ)
    return list(rows.values_list("user__username", "entrepreneur_id", "fields"))


@pytest.fixture
def needed_dossier(project, entrepreneur_user):
    """The entrepreneur answered "none of these": the dossier says a card is needed."""
    return make_dossier(project=project, by=entrepreneur_user, answer="none")


def open_step(client, user, dossier):
    client.force_login(user)
    return client.get(reverse("dossiers:eligibility", args=[dossier.pk]), HTTP_ACCEPT_LANGUAGE="en")


def test_a_coach_opening_the_step_of_a_recognised_refugee_is_proposed_the_exemption(
    client, coach, person, needed_dossier
):
    # Before: the dossier said a card was needed and nothing proposed the exemption the file implies.
    file_records(person, "refugee")

    response = open_step(client, coach, needed_dossier)

    html = response.content.decode()
    assert 'data-proposal="refugee"' in html
    assert "The file records: recognised refugee." in html
    assert "is exempted from the professional card" in html and "confirm the exemption?" in html
    assert 'data-action="confirm-exemption"' in html and 'data-action="dismiss-exemption"' in html


def test_reading_the_situation_for_the_proposal_is_logged(client, coach, person, needed_dossier):
    file_records(person, "refugee")

    open_step(client, coach, needed_dossier)

    assert proposal_reads() == [("coach", person.pk, ["residence_situation"])]


def test_an_admin_is_proposed_it_too(client, admin_user, person, needed_dossier):
    file_records(person, "refugee")

    assert 'data-proposal="refugee"' in open_step(client, admin_user, needed_dossier).content.decode()
    assert proposal_reads() == [("admin", person.pk, ["residence_situation"])]


@pytest.mark.parametrize("situation", [None, "", "limited", "applicant", "belgian", "other"])
def test_a_file_implying_no_exemption_gets_no_proposal_and_no_read(client, coach, person, needed_dossier, situation):
    if situation is not None:
        file_records(person, situation)

    response = open_step(client, coach, needed_dossier)

    assert response.status_code == 200 and "data-proposal" not in response.content.decode()
    assert proposal_reads() == []


def test_the_owner_is_not_proposed_it_and_nothing_is_read(client, entrepreneur_user, person, needed_dossier):
    file_records(person, "refugee")

    response = open_step(client, entrepreneur_user, needed_dossier)

    assert response.status_code == 200 and "data-proposal" not in response.content.decode()
    assert not any("residence_situation" in fields for fields in SensitiveRead.objects.values_list("fields", flat=True))
    assert proposal_reads() == []


@pytest.mark.parametrize("who", ["funder", "partner_user", "mentor", "other_entrepreneur_user"])
def test_roles_without_access_see_no_step_and_nothing_is_read(client, request, who, person, needed_dossier):
    file_records(person, "refugee")

    response = open_step(client, request.getfixturevalue(who), needed_dossier)

    assert response.status_code == 404
    assert SensitiveRead.objects.count() == 0


def no_card_needed(dossier) -> bool:
    with translation.override("en"):
        return "The eligibility check says no card is needed." in services.ready_problems(dossier)


def test_confirming_records_the_exemption_and_the_dossier_says_no_card_is_needed(client, coach, person, needed_dossier):
    file_records(person, "refugee")
    assert not no_card_needed(needed_dossier)
    client.force_login(coach)

    response = client.post(
        reverse("dossiers:exemption_proposal", args=[needed_dossier.pk]),
        {"decision": "confirm", "exemption": "refugee"},
    )

    assert response.status_code == 302 and response["Location"] == needed_dossier.get_absolute_url()
    needed_dossier.refresh_from_db()
    assert needed_dossier.eligibility == Eligibility.EXEMPT and needed_dossier.exemption.key == "refugee"
    assert no_card_needed(needed_dossier)
    page = client.get(needed_dossier.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-eligibility="exempt"' in page and "No card is needed" in page


def test_once_confirmed_it_is_no_longer_proposed_nor_read(client, coach, person, needed_dossier):
    file_records(person, "refugee")
    services.exemption_proposal_confirm(dossier=needed_dossier, by=coach, key="refugee")

    response = open_step(client, coach, needed_dossier)

    assert "data-proposal" not in response.content.decode() and proposal_reads() == []


def test_an_uncertain_situation_is_proposed_as_something_to_check(client, coach, person, needed_dossier):
    file_records(person, "subsidiary")

    html = open_step(client, coach, needed_dossier).content.decode()

    assert 'data-proposal="subsidiary"' in html and "is not settled in Wallonia" in html
    services.exemption_proposal_confirm(dossier=needed_dossier, by=coach, key="subsidiary")
    needed_dossier.refresh_from_db()
    assert needed_dossier.eligibility == Eligibility.UNSURE


def test_set_aside_it_is_not_proposed_again_until_the_file_changes(client, coach, person, needed_dossier):
    file_records(person, "refugee")
    client.force_login(coach)
    client.post(reverse("dossiers:exemption_proposal", args=[needed_dossier.pk]), {"decision": "dismiss"})
    needed_dossier.refresh_from_db()
    assert needed_dossier.eligibility == Eligibility.NEEDED and needed_dossier.exemption_proposal_dismissed_at

    assert "data-proposal" not in open_step(client, coach, needed_dossier).content.decode()
    assert proposal_reads() == []

    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=5)):
        file_records(person, "eea")
    assert 'data-proposal="eea"' in open_step(client, coach, needed_dossier).content.decode()


def test_only_a_coach_confirms_or_sets_it_aside(client, entrepreneur_user, person, needed_dossier):
    file_records(person, "refugee")
    client.force_login(entrepreneur_user)
    url = reverse("dossiers:exemption_proposal", args=[needed_dossier.pk])

    assert client.post(url, {"decision": "confirm", "exemption": "refugee"}).status_code == 403
    assert client.post(url, {"decision": "dismiss"}).status_code == 403
    needed_dossier.refresh_from_db()
    assert needed_dossier.eligibility == Eligibility.NEEDED and needed_dossier.exemption_proposal_dismissed_at is None


def test_an_unknown_exemption_or_decision_changes_nothing(client, coach, person, needed_dossier):
    client.force_login(coach)
    url = reverse("dossiers:exemption_proposal", args=[needed_dossier.pk])

    for body in ({"decision": "confirm", "exemption": "martian"}, {"decision": "maybe"}, {}):
        assert client.post(url, body).status_code == 302
    needed_dossier.refresh_from_db()
    assert needed_dossier.eligibility == Eligibility.NEEDED and needed_dossier.exemption_id is None


def test_a_submitted_dossier_gets_no_proposal(client, coach, person, needed_dossier):
    file_records(person, "refugee")
    needed_dossier.status = Status.SUBMITTED
    needed_dossier.save()

    assert "data-proposal" not in open_step(client, coach, needed_dossier).content.decode()
    assert proposal_reads() == []


def test_which_situation_implies_which_exemption_is_data(client, coach, person, needed_dossier):
    Exemption.objects.filter(key="refugee").update(residence_situation="")
    Exemption.objects.filter(key="helping_spouse").update(residence_situation="refugee")
    file_records(person, "refugee")

    assert 'data-proposal="helping_spouse"' in open_step(client, coach, needed_dossier).content.decode()


def test_the_defaults_tie_the_walloon_list_to_the_files_situations():
    tied = dict(Exemption.objects.exclude(residence_situation="").values_list("residence_situation", "key"))
    assert tied == {
        "unlimited": "unlimited",
        "eea": "eea",
        "refugee": "refugee",
        "subsidiary": "subsidiary",
        "temporary": "temporary",
    }


def test_forgetting_the_residence_situation_forgets_a_set_aside_proposal(coach, person, needed_dossier):
    file_records(person, "refugee")
    services.exemption_proposal_dismiss(dossier=needed_dossier, by=coach)

    crm_services.sensitive_profile_clear(entrepreneur=person)

    needed_dossier.refresh_from_db()
    assert needed_dossier.exemption_proposal_dismissed_at is None
