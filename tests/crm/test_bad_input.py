"""Hostile or broken input gets a clear refusal, never a server error, and never a half-written change."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from interlab.crm import imports, services
from interlab.crm.models import Entrepreneur, ImportBatch, SensitiveProfile, Stage

pytestmark = pytest.mark.django_db
JSON = "application/json"


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("get", "/api/v1/entrepreneurs?q=a%00b", None),
        ("get", "/api/v1/entrepreneurs?stage=%00", None),
        ("post", "/api/v1/entrepreneurs", {"first_name": "a\u0000b"}),
        ("post", "/api/v1/auth/token", {"username": "a\u0000", "password": "x"}),
        ("get", "/api/v1/entrepreneurs?page=99999999999999999999", None),
        ("get", "/api/v1/projects?coach=99999999999999999999999", None),
        ("get", "/api/v1/entrepreneurs/99999999999999999999999", None),
    ],
)
def test_the_api_refuses_nul_characters_and_huge_numbers_with_422_or_404(api, method, url, body):
    kwargs = {"data": body, "content_type": JSON} if body is not None else {}
    response = getattr(api, method)(url, **kwargs)
    assert response.status_code in (404, 422), response.content
    assert response.json()["code"]


def test_pages_refuse_nul_in_the_query_string(api):
    assert api.get("/app/entrepreneurs/?q=a%00").status_code == 400
    assert api.get("/app/export.csv?q=%00").status_code == 400


def test_a_non_numeric_document_request_is_ignored(client, person):
    client.force_login(person.user)
    assert client.get(f"/app/entrepreneurs/{person.pk}/documents/new/?request=abc").status_code == 200


def test_a_refused_patch_changes_nothing(api, person):
    response = api.patch(
        f"/api/v1/entrepreneurs/{person.pk}",
        {"first_name": "CHANGÉ", "phone": "000", "residence_situation": "bogus"},
        content_type=JSON,
    )
    assert response.status_code == 422
    person.refresh_from_db()
    assert person.first_name == "Amina" and person.phone == ""


def test_null_clears_a_sensitive_field(api, person):
    api.patch(f"/api/v1/entrepreneurs/{person.pk}", {"country_of_origin": "Guinée"}, content_type=JSON)
    api.patch(f"/api/v1/entrepreneurs/{person.pk}", {"country_of_origin": None}, content_type=JSON)
    assert SensitiveProfile.objects.get(entrepreneur=person).country_of_origin == ""


def test_stage_names_must_be_a_mapping_of_languages():
    stage = Stage.objects.get(key="idea")
    stage.name_translations = ["x"]
    with pytest.raises(ValidationError):
        stage.full_clean()
    stage.name_translations = {"xx": "?"}
    with pytest.raises(ValidationError):
        stage.full_clean()


@pytest.mark.parametrize(
    "content",
    [
        b"first_name,last_name\n\x81\x8d,x\n",  # neither UTF-8 nor printable cp1252
        "first_name\nZoé\n".encode("cp1252"),
    ],
)
def test_odd_encodings_are_read_not_crashed_on(coach, content):
    batch = imports.import_preview(uploaded=SimpleUploadedFile("x.csv", content), by=coach)
    assert len(batch.rows) == 1


def test_a_broken_workbook_and_a_nul_byte_deep_in_a_csv_are_refused(coach):
    broken = b"PK\x03\x04" + b"\x00" * 200
    with pytest.raises(imports.ImportRefused):
        imports.import_preview(uploaded=SimpleUploadedFile("x.xlsx", broken), by=coach)
    deep_nul = b"first_name\n" + b"Zoe\n" * 2000 + b"\x00\n"
    with pytest.raises(imports.ImportRefused):
        imports.import_preview(uploaded=SimpleUploadedFile("x.csv", deep_nul), by=coach)


def test_an_over_long_email_is_a_row_error_not_a_silent_cut(coach):
    email = "a" * 64 + "@" + "b" * 60 + "." + "c" * 60 + "." + "d" * 63 + ".ee.com"
    batch = imports.import_preview(
        uploaded=SimpleUploadedFile("x.csv", f"first_name,email\nZoé,{email}\n".encode()), by=coach
    )
    assert batch.rows[0]["errors"]
    result = imports.import_confirm(batch=batch, by=coach, include_duplicates=set())
    assert result["invalid"] == [2] and not Entrepreneur.objects.exists()


def test_a_confirmed_import_cannot_be_cancelled_and_keeps_no_copy_of_the_rows(coach):
    batch = imports.import_preview(uploaded=SimpleUploadedFile("x.csv", b"first_name\nZoe\n"), by=coach)
    imports.import_confirm(batch=batch, by=coach, include_duplicates=set())
    with pytest.raises(imports.ImportRefused):
        imports.import_cancel(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CONFIRMED and batch.rows == []


def test_the_self_service_export_leaves_out_private_notes_and_internal_tasks(client, person, coach):
    services.interaction_create(entrepreneur=person, by=coach, note="PRIVÉ", is_private=True)
    services.task_create(entrepreneur=person, by=coach, title="Interne", assignee=coach)
    client.force_login(person.user)
    body = client.get("/api/v1/me/export").content.decode()
    assert "PRIVÉ" not in body and "Interne" not in body


def test_erasure_leaves_nothing_that_singles_the_person_out(person, admin_user):
    person.birth_year, person.arrival_year = 1979, 2022
    person.save()
    services.entrepreneur_erase(entrepreneur=person, by=admin_user)
    person.refresh_from_db()
    assert person.birth_year == 1975 and person.arrival_year == 2020
    assert not person.spoken_languages.exists()


def test_a_wrong_method_gets_the_api_error_shape(api, person):
    response = api.delete(f"/api/v1/entrepreneurs/{person.pk}")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize("body", ["[1, 2]", "null", '"x"', "42"])
def test_a_body_that_is_not_a_json_object_is_422_not_a_silent_success(api, person, body):
    response = api.patch(f"/api/v1/entrepreneurs/{person.pk}", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"]
