"""A dossier not submitted yet prints as a draft on every page, annex pages included; a submitted one does not."""

import pytest

from interlab.dossiers import services
from interlab.dossiers.models import Dossier, Status
from tests.dossiers.factories import text_pdf_bytes, upload
from tests.dossiers.test_pdf import build, page_texts, read

pytestmark = pytest.mark.django_db

MARK = "PROJET — non soumis"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.READY])
def test_a_dossier_not_yet_submitted_is_marked_as_a_draft_on_every_page(full_dossier, coach, status):
    services.annex_add(
        dossier=full_dossier, by=coach, uploaded=upload(text_pdf_bytes("ANNEXE-TEXTE", 2)), title="Passeport"
    )
    Dossier.objects.filter(pk=full_dossier.pk).update(status=status)
    texts = page_texts(read(build(full_dossier, coach)))
    assert len(texts) > 3
    assert [i for i, text in enumerate(texts, start=1) if MARK not in text] == []


def test_a_submitted_dossier_carries_no_draft_mark(full_dossier, coach):
    Dossier.objects.filter(pk=full_dossier.pk).update(status=Status.SUBMITTED)
    texts = page_texts(read(build(full_dossier, coach)))
    assert not any(MARK in text for text in texts)
