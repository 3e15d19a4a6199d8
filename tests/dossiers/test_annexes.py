"""Annex uploads are checked by their content: encrypted, damaged, foreign or oversized files are refused clearly."""

import pytest
from django.core.exceptions import ValidationError

from interlab.crm.models import Document
from interlab.dossiers import services
from interlab.dossiers.models import DossierAnnex
from tests.dossiers.factories import pdf_bytes, png_bytes, upload


def refused(dossier, by, data, name="piece.pdf", content_type="application/pdf") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        services.annex_add(dossier=dossier, by=by, uploaded=upload(data, name, content_type))
    assert not DossierAnnex.objects.exists() and not Document.objects.exists(), "nothing half-written"
    return caught.value


def codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_dict["file"]]


def test_a_pdf_is_attached_with_its_page_count(dossier, entrepreneur_user):
    annex = services.annex_add(dossier=dossier, by=entrepreneur_user, uploaded=upload(pdf_bytes(3)), title="Passeport")
    assert annex.pages == 3 and annex.title == "Passeport"
    assert annex.document.content_type == "application/pdf" and len(annex.document.sha256) == 64


def test_an_image_is_attached(dossier, entrepreneur_user):
    annex = services.annex_add(
        dossier=dossier, by=entrepreneur_user, uploaded=upload(png_bytes(), "photo.png", "image/png"), rule_key="photos"
    )
    assert annex.document.content_type == "image/png" and annex.title == "Deux photos d'identité"


def test_an_encrypted_pdf_is_refused(dossier, entrepreneur_user):
    error = refused(dossier, entrepreneur_user, pdf_bytes(password="secret"))
    assert codes(error) == ["file_encrypted"]
    assert "password" in error.messages[0]


def test_a_damaged_pdf_is_refused(dossier, entrepreneur_user):
    data = pdf_bytes(2)
    damaged = data[:40] + b"\x00garbage" * 50 + b"\n%%EOF\n"
    assert codes(refused(dossier, entrepreneur_user, damaged)) == ["file_damaged"]


def test_a_truncated_pdf_is_refused(dossier, entrepreneur_user):
    assert codes(refused(dossier, entrepreneur_user, pdf_bytes(2)[:-200])) == ["file_damaged"]


def test_a_file_that_is_not_a_pdf_nor_an_image_is_refused_whatever_its_name(dossier, entrepreneur_user):
    error = refused(dossier, entrepreneur_user, b"MZ\x90\x00 this is an executable" * 10, "passport.pdf")
    assert codes(error) == ["file_type"]
    zip_bytes = b"PK\x03\x04" + b"\x00" * 100
    assert codes(refused(dossier, entrepreneur_user, zip_bytes, "scan.pdf")) == ["file_type"]


def test_a_damaged_image_is_refused(dossier, entrepreneur_user):
    data = png_bytes()
    assert codes(refused(dossier, entrepreneur_user, data[:60], "photo.png", "image/png")) == ["file_damaged"]


def test_a_file_over_the_size_limit_is_refused(dossier, entrepreneur_user, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    assert codes(refused(dossier, entrepreneur_user, pdf_bytes(20))) == ["file_size"]


def test_an_empty_file_is_refused(dossier, entrepreneur_user):
    assert codes(refused(dossier, entrepreneur_user, b"")) == ["file_empty"]


def test_a_pdf_with_too_many_pages_is_refused(dossier, entrepreneur_user):
    assert codes(refused(dossier, entrepreneur_user, pdf_bytes(services.MAX_ANNEX_PAGES + 1))) == ["file_pages"]


def test_the_annex_upload_page_says_why_a_file_is_refused(client, dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    url = f"/app/dossiers/{dossier.pk}/annexes/new/"
    response = client.post(url, {"file": upload(pdf_bytes(password="x")), "title": "Passeport"})
    assert response.status_code == 422
    assert "password" in response.content.decode() or "mot de passe" in response.content.decode()
    response = client.post(url, {"file": upload(pdf_bytes(1)), "title": "Passeport", "item": "identity"})
    assert response.status_code == 302
    assert DossierAnnex.objects.get().rule.key == "identity"
