"""A residence permit sent through the file (not as a dossier annex) is a residence document all the same."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interlab.core.models import SensitiveRead
from interlab.crm import services
from interlab.crm.models import Document, DocumentRequest
from tests.factories import EntrepreneurFactory, pdf_bytes

pytestmark = pytest.mark.django_db


def test_what_answers_a_request_for_a_residence_document_is_flagged_and_its_download_logged(client, coach):
    person = EntrepreneurFactory()
    asked = services.document_request_create(
        entrepreneur=person, by=coach, title="Copie du titre de séjour", residence_document=True
    )
    document = services.document_upload(
        entrepreneur=person, by=None, uploaded=SimpleUploadedFile("permis.pdf", pdf_bytes(1)), request=asked
    )
    assert document.residence_document is True
    client.force_login(coach)
    response = client.get(f"/app/documents/{document.pk}/download/")
    assert response.status_code == 200
    assert SensitiveRead.objects.filter(user=coach, entrepreneur=person, fields=["residence_document"]).count() == 1


def test_a_coach_flags_an_upload_as_a_residence_document_and_an_ordinary_request_stays_ordinary(client, coach):
    person = EntrepreneurFactory()
    client.force_login(coach)
    response = client.post(
        f"/app/entrepreneurs/{person.pk}/documents/new/",
        {"title": "Carte A", "file": SimpleUploadedFile("carte.pdf", pdf_bytes(1)), "residence_document": "on"},
    )
    assert response.status_code == 302
    assert Document.objects.get(entrepreneur=person, title="Carte A").residence_document is True
    cv = DocumentRequest.objects.create(entrepreneur=person, title="CV")
    ordinary = services.document_upload(
        entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("cv.pdf", pdf_bytes(1)), request=cv
    )
    assert ordinary.residence_document is False
