"""The residence situation a dossier holds (the exemption its eligibility answer named, residence-permit annexes,
PDFs printed with them): read only by the coach or the owner, every read logged, cleared with the situation."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from interlab.core.models import SensitiveRead
from interlab.crm import services as crm_services
from interlab.crm.models import Document, SensitiveProfile
from interlab.dossiers import services
from interlab.dossiers.models import BuildState, DossierAnnex, DossierBuild, Eligibility
from tests.dossiers.factories import make_dossier, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def refugee_dossier(project, coach):
    return make_dossier(project=project, by=coach, answer="refugee")


@pytest.fixture
def residence_annex(project, coach):
    dossier = make_dossier(project=project, by=coach)
    return services.annex_add(dossier=dossier, by=coach, uploaded=upload(pdf_bytes()), rule_key="residence")


def reads(context: str) -> list[tuple]:
    rows = SensitiveRead.objects.filter(context=context)
    return list(rows.values_list("user__username", "entrepreneur_id", "fields"))


def test_reading_the_exemption_on_the_dossier_page_is_logged(client, coach, person, refugee_dossier):
    client.force_login(coach)

    client.get(reverse("dossiers:detail", args=[refugee_dossier.pk]))

    assert reads("page:dossier_detail") == [("coach", person.pk, ["exemption"])]


def test_reading_the_exemption_in_the_eligibility_form_is_logged(client, coach, person, refugee_dossier):
    client.force_login(coach)

    client.get(reverse("dossiers:eligibility", args=[refugee_dossier.pk]))

    assert reads("page:dossier_eligibility") == [("coach", person.pk, ["exemption"])]


def test_reading_the_exemption_through_the_api_is_logged(client, coach, person, refugee_dossier):
    client.force_login(coach)

    body = client.get(f"/api/v1/dossiers/{refugee_dossier.pk}").json()

    assert body["exemption"] == "refugee"
    assert reads("api:dossier_detail") == [("coach", person.pk, ["exemption"])]


def test_the_owner_reading_their_exemption_is_logged_too(client, entrepreneur_user, person, refugee_dossier):
    client.force_login(entrepreneur_user)

    client.get(f"/api/v1/dossiers/{refugee_dossier.pk}")

    assert reads("api:dossier_detail") == [("amina", person.pk, ["exemption"])]


def test_a_dossier_naming_no_situation_logs_no_read(client, coach, project):
    dossier = make_dossier(project=project, by=coach, answer="none")
    client.force_login(coach)

    client.get(reverse("dossiers:detail", args=[dossier.pk]))

    assert not SensitiveRead.objects.exists()


def test_the_personal_export_logs_the_exemption_it_gives(client, entrepreneur_user, person, refugee_dossier):
    client.force_login(entrepreneur_user)

    client.get("/api/v1/me/export")

    assert ("amina", person.pk, ["exemption"]) in reads("me:export")


def test_a_residence_permit_annex_is_a_residence_document_of_the_file(residence_annex):
    assert residence_annex.document.residence_document is True


def test_downloading_a_residence_permit_annex_is_logged(client, coach, person, residence_annex):
    client.force_login(coach)

    response = client.get(reverse("crm:document_download", args=[residence_annex.document_id]))

    assert response.status_code == 200
    assert reads("page:document_download") == [("coach", person.pk, ["residence_document"])]


def test_downloading_another_annex_logs_nothing(client, coach, project):
    dossier = make_dossier(project=project, by=coach)
    annex = services.annex_add(dossier=dossier, by=coach, uploaded=upload(pdf_bytes()), rule_key="identity")
    client.force_login(coach)

    client.get(reverse("crm:document_download", args=[annex.document_id]))

    assert not SensitiveRead.objects.exists()


def test_downloading_a_pdf_printed_with_the_exemption_is_logged(client, coach, person, refugee_dossier):
    build = DossierBuild(
        dossier=refugee_dossier, state=BuildState.DONE, finished_at=timezone.now(), snapshot={"exemption": "Réfugié"}
    )
    build.file.save("dossier.pdf", ContentFile(pdf_bytes()), save=True)
    client.force_login(coach)

    response = client.get(reverse("dossiers:pdf_download", args=[refugee_dossier.pk]))

    assert response.status_code == 200
    assert reads("page:dossier_pdf") == [("coach", person.pk, ["exemption"])]


@pytest.fixture
def cleared(person, coach, project, refugee_dossier, django_capture_on_commit_callbacks):
    """The retention schedule's rule clears the residence situation of a person who has it in every place."""
    SensitiveProfile.objects.create(entrepreneur=person, residence_situation="refugee")
    annex = services.annex_add(dossier=refugee_dossier, by=coach, uploaded=upload(pdf_bytes()), rule_key="residence")
    build = DossierBuild(dossier=refugee_dossier, state=BuildState.DONE, snapshot={"exemption": "Réfugié"})
    build.file.save("dossier.pdf", ContentFile(pdf_bytes()), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.sensitive_profile_clear(entrepreneur=person)
    refugee_dossier.refresh_from_db()
    return refugee_dossier, annex, build


def test_the_retention_job_clears_the_exemption_the_dossier_holds(cleared):
    dossier, _annex, _build = cleared
    assert dossier.exemption_id is None


def test_the_retention_job_keeps_the_eligibility_outcome(cleared):
    dossier, _annex, _build = cleared
    assert dossier.eligibility == Eligibility.EXEMPT


def test_the_retention_job_deletes_the_residence_permit_and_its_annex(cleared):
    _dossier, annex, _build = cleared
    assert not Document.objects.filter(pk=annex.document_id).exists()
    assert not DossierAnnex.objects.filter(pk=annex.pk).exists()


def test_the_retention_job_deletes_the_pdfs_printed_with_the_situation(cleared):
    _dossier, _annex, build = cleared
    assert not DossierBuild.objects.filter(pk=build.pk).exists()
    assert not build.file.storage.exists(build.file.name)


def test_the_erasure_clears_the_exemption_too(person, admin_user, refugee_dossier):
    crm_services.entrepreneur_erase(entrepreneur=person, by=admin_user)

    refugee_dossier.refresh_from_db()
    assert refugee_dossier.exemption_id is None


OUTSIDERS = ["other_entrepreneur_user", "mentor", "funder", "partner_user"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_other_roles_do_not_see_the_dossier_page(client, request, who, refugee_dossier):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("dossiers:detail", args=[refugee_dossier.pk]))

    assert (response.status_code, SensitiveRead.objects.count()) == (404, 0)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_other_roles_do_not_get_the_dossier_from_the_api(client, request, who, refugee_dossier):
    client.force_login(request.getfixturevalue(who))

    response = client.get(f"/api/v1/dossiers/{refugee_dossier.pk}")

    assert (response.status_code, SensitiveRead.objects.count()) == (404, 0)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_other_roles_cannot_download_a_residence_permit(client, request, who, residence_annex):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("crm:document_download", args=[residence_annex.document_id]))

    assert (response.status_code, SensitiveRead.objects.count()) == (404, 0)
