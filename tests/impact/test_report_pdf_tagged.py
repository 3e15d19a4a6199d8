"""The impact report PDF is tagged and in the reader's language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.pdfcheck import lang, pdfinfo, shows_its_title

pytestmark = pytest.mark.django_db

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


@pytest.fixture
def dutch_report(client, world, funder) -> bytes:
    client.force_login(funder)
    response = client.get("/app/impact/report.pdf", YEAR, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_the_report_pdf_is_tagged(dutch_report):
    assert pdfinfo(dutch_report)["Tagged"] == "yes"


def test_the_report_pdf_is_in_the_reader_language(dutch_report):
    assert lang(dutch_report) == "nl"


def test_the_viewer_shows_the_report_title_in_the_reader_language(dutch_report):
    with translation.override("nl"):
        title = gettext("Impact report")
    assert title != "Impact report", "the Dutch catalogue translates the title"
    assert pdfinfo(dutch_report)["Title"] == title
    assert shows_its_title(dutch_report)
