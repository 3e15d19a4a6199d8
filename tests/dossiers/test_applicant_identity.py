"""The applicant's identity block the application asks for: nationality, date of birth and address.

The nationality is sensitive: the owner and the coaches read it, each read is logged (the dossier page, its
form, the PDF's download, the personal export); it is printed in French words on the PDF, and erased with the
person's dossiers."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from interlab.core.models import SensitiveRead
from interlab.dossiers import pdf, services
from interlab.dossiers.models import Dossier
from tests.dossiers.factories import make_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(project, coach):
    return make_dossier(project=project, by=coach)


def reads(context: str) -> list[tuple]:
    rows = SensitiveRead.objects.filter(context=context, fields=["applicant_nationality"])
    return list(rows.values_list("user__username", "entrepreneur_id"))


def test_the_owner_fills_the_block_and_the_pdf_prints_it_in_french(client, dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    url = reverse("dossiers:section", args=[dossier.pk, "identity"])
    response = client.post(
        url, {"nationality": "UA", "birth_date": "1990-04-12", "address": "Rue Féronstrée 10\n4000 Liège"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.applicant_nationality, dossier.applicant_birth_date) == ("UA", date(1990, 4, 12))
    applicant = pdf.snapshot(dossier)["applicant"]
    assert (applicant["nationality"], applicant["birth_date"]) == ("Ukraine", "12/04/1990")
    assert applicant["address"] == "Rue Féronstrée 10\n4000 Liège"


def test_the_page_names_the_country_in_the_reader_s_language_and_each_read_is_logged(client, dossier, coach):
    services.applicant_identity_update(dossier=dossier, by=coach, nationality="SY")
    client.force_login(coach)
    page = client.get(reverse("dossiers:detail", args=[dossier.pk]), HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert "Сирія" in page and ">SY<" not in page
    assert reads("page:dossier_detail") == [("coach", dossier.project.entrepreneur_id)]
    client.get(reverse("dossiers:section", args=[dossier.pk, "identity"]))
    assert reads("page:dossier_identity") == [("coach", dossier.project.entrepreneur_id)]


def test_no_nationality_given_logs_no_read(client, dossier, coach):
    client.force_login(coach)
    client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert not SensitiveRead.objects.filter(fields=["applicant_nationality"]).exists()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"nationality": "XX"}, "nationality"),
        ({"nationality": "EU"}, "nationality"),
        ({"birth_date": date(1850, 1, 1)}, "birth_date"),
        ({"birth_date": date.today()}, "birth_date"),
        ({"address": "x" * 301}, "address"),
        ({"address": "Rue\x00"}, "address"),
    ],
)
def test_impossible_values_are_refused_and_nothing_is_written(dossier, coach, fields, error):
    with pytest.raises(ValidationError) as caught:
        services.applicant_identity_update(dossier=dossier, by=coach, **fields)
    assert error in caught.value.message_dict
    dossier.refresh_from_db()
    assert (dossier.applicant_nationality, dossier.applicant_birth_date, dossier.applicant_address) == ("", None, "")


def test_the_form_refuses_a_country_outside_the_list_with_a_message(client, dossier, coach):
    client.force_login(coach)
    with translation.override("en"):
        response = client.post(reverse("dossiers:section", args=[dossier.pk, "identity"]), {"nationality": "ZZ"})
    assert response.status_code == 422
    assert "data-error-summary" in response.content.decode()


def test_erasure_empties_the_identity_block(dossier, coach):
    services.applicant_identity_update(
        dossier=dossier, by=coach, nationality="GN", birth_date=date(1988, 1, 2), address="Rue X 1"
    )
    services.person_erase(entrepreneur=dossier.project.entrepreneur)
    erased = Dossier.objects.get(pk=dossier.pk)
    assert (erased.applicant_nationality, erased.applicant_birth_date, erased.applicant_address) == ("", None, "")


def test_the_personal_export_gives_the_block_and_logs_the_nationality(client, dossier, entrepreneur_user, coach):
    services.applicant_identity_update(dossier=dossier, by=coach, nationality="GN", birth_date=date(1988, 1, 2))
    from interlab.dossiers import personal_data

    exported = personal_data.export(entrepreneur_user)["dossiers"]
    first = exported["dossiers"][0] if isinstance(exported.get("dossiers"), list) else exported
    assert first["applicant_nationality"] == "GN" and first["applicant_birth_date"] == date(1988, 1, 2)
    assert reads("me:export") == [(entrepreneur_user.username, dossier.project.entrepreneur_id)]
