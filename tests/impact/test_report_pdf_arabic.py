"""The Arabic impact report prints a Latin programme name in its own order: the PDF wraps it in Unicode isolates
(FSI … PDI), which WeasyPrint's text layout follows and draws as nothing; the dashboard page keeps its `<bdi>`."""

import logging

import pytest

from tests.pdfcheck import lang, lines_as_seen, text

pytestmark = pytest.mark.django_db

FSI, PDI = "\u2068", "\u2069"
YEAR = {"start": "2025-01-01", "end": "2025-12-31"}
# A name that starts with a number: in an Arabic line, without isolates, the number moves to the name's end.
NAME = "100 jours pour entreprendre"


@pytest.fixture
def named(funded):
    funded.name = NAME
    funded.save(update_fields=["name"])
    return funded


def print_report(client, funder, programme) -> bytes:
    client.force_login(funder)
    response = client.get("/app/impact/report.pdf", {**YEAR, "programme": programme.pk}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def arabic_report(client, world, funder, named) -> bytes:
    return print_report(client, funder, named)


def test_an_arabic_report_is_printed_in_arabic(arabic_report):
    assert lang(arabic_report) == "ar"


def test_an_arabic_report_prints_the_latin_programme_name_in_its_order(arabic_report):
    assert any(line.startswith(f"{NAME} ·") for line in lines_as_seen(arabic_report))


def test_the_isolates_are_drawn_as_nothing(client, world, funder, named, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        report = print_report(client, funder, named)
    assert FSI not in text(report) and PDI not in text(report)
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()], "no missing-glyph box"


def test_the_dashboard_page_keeps_bdi_and_no_isolates(client, world, funder, named):
    client.force_login(funder)
    html = client.get("/app/impact/", {**YEAR, "programme": named.pk}, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f"<bdi>{NAME}</bdi>" in html
    assert FSI not in html and PDI not in html
