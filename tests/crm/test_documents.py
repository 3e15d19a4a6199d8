"""Private uploads: checked by content, size-limited, stored outside any public URL, served to their people."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from interlab.crm import services
from interlab.crm.models import Document
from tests.factories import pdf_bytes, pdf_with_open_action, png_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes(1)
PNG = png_bytes(4, 4)


def test_a_pdf_is_stored_privately_with_its_checksum(person, coach, settings):
    document = services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("a.pdf", PDF))
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path
    assert "Amina" not in document.file.name and "a.pdf" not in document.file.name
    with pytest.raises(ValueError):
        _ = document.file.url  # no public URL at all


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cv.pdf", b"MZ\x90\x00 an executable renamed to pdf"),
        ("photo.png", b"<html><script>alert(1)</script></html>"),
        ("empty.pdf", b""),
        ("broken.pdf", b"%PDF-1.4 truncated"),
    ],
)
def test_files_are_judged_by_content_not_by_name(person, coach, name, content):
    with pytest.raises(ValidationError):
        services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile(name, content))
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_refused(person, coach, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    big = PNG + b"\x00" * 2000
    with pytest.raises(ValidationError) as refused:
        services.document_upload(entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("big.png", big))
    assert refused.value.error_dict["file"][0].code == "file_size"


@pytest.mark.parametrize(
    "action",
    [{"/S": "/JavaScript", "/JS": "app.alert(1)"}, {"/S": "/Launch", "/F": "cmd.exe"}],
    ids=["javascript", "launch"],
)
def test_a_pdf_with_a_script_or_an_automatic_action_is_refused_as_a_document(person, coach, action):
    hostile = SimpleUploadedFile("attestation.pdf", pdf_with_open_action(action))
    with pytest.raises(ValidationError) as refused:
        services.document_upload(entrepreneur=person, by=coach, uploaded=hostile)
    assert [e.code for e in refused.value.error_dict["file"]] == ["file_active"]
    assert not Document.objects.exists()


def test_an_encrypted_pdf_is_refused_as_a_document(person, coach):
    locked = SimpleUploadedFile("releve.pdf", pdf_bytes(1, password="secret"))
    with pytest.raises(ValidationError) as refused:
        services.document_upload(entrepreneur=person, by=coach, uploaded=locked)
    assert [e.code for e in refused.value.error_dict["file"]] == ["file_encrypted"]
    assert not Document.objects.exists()


def test_the_upload_page_refuses_a_script_pdf_with_a_message_in_french(client, person):
    client.force_login(person.user)
    hostile = pdf_with_open_action({"/S": "/JavaScript", "/JS": "app.alert(1)"})
    response = client.post(
        f"/app/entrepreneurs/{person.pk}/documents/new/", {"file": SimpleUploadedFile("cv.pdf", hostile)}
    )
    assert response.status_code == 422
    assert "Ce PDF contient des scripts" in response.content.decode()
    assert not Document.objects.exists()


def test_the_upload_page_says_what_is_wrong(client, person):
    client.force_login(person.user)
    response = client.post(
        f"/app/entrepreneurs/{person.pk}/documents/new/", {"file": SimpleUploadedFile("x.pdf", b"GIF89a....")}
    )
    assert response.status_code == 422
    assert "PDF" in response.content.decode()
    assert not Document.objects.exists()


def test_the_owner_uploads_against_a_request_and_downloads_it_back(client, person, coach):
    request = services.document_request_create(entrepreneur=person, by=coach, title="Titre de séjour")
    client.force_login(person.user)
    response = client.post(
        f"/app/entrepreneurs/{person.pk}/documents/new/?request={request.pk}",
        {"file": SimpleUploadedFile("scan.png", PNG), "request": request.pk},
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.request == request and document.title == "Titre de séjour"
    download = client.get(f"/app/documents/{document.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG
    assert download["Content-Type"] == "image/png" and "no-store" in download["Cache-Control"]


def test_an_unshared_document_is_hidden_from_the_entrepreneur(client, person, coach):
    document = services.document_upload(
        entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("note.pdf", PDF), is_shared=False
    )
    client.force_login(person.user)
    assert client.get(f"/app/documents/{document.pk}/download/").status_code == 404
