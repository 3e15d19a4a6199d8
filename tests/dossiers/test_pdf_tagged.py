"""The dossier PDF, built by the worker, is tagged and in French whoever asks for it: it goes to the Walloon
administration."""

import pytest
from django.utils import translation

from interlab.dossiers import services
from interlab.dossiers.models import BuildState
from interlab.dossiers.selectors import build_latest
from tests.dossiers.factories import text_pdf_bytes, upload
from tests.pdfcheck import lang, pdfinfo, shows_its_title


@pytest.fixture
def built(full_dossier, coach):
    """The PDF of a dossier with one PDF annex (drawn onto the tagged pages by pypdf), asked for in Ukrainian."""
    services.annex_add(dossier=full_dossier, by=coach, uploaded=upload(text_pdf_bytes("CV-TEXTE", 2)), title="CV")
    with translation.override("uk"):
        services.pdf_request(dossier=full_dossier, by=coach)
    build = build_latest(full_dossier)
    assert build.state == BuildState.DONE, build.error
    with build.file.open("rb") as handle:
        return handle.read()


def test_the_dossier_pdf_is_tagged(built):
    assert pdfinfo(built)["Tagged"] == "yes"


def test_the_dossier_pdf_is_in_french_even_when_asked_for_in_another_language(built):
    assert lang(built) == "fr"


def test_the_viewer_shows_the_dossier_title(built, full_dossier):
    assert pdfinfo(built)["Title"] == f"Demande de carte professionnelle — {full_dossier.project.title}"
    assert shows_its_title(built)
