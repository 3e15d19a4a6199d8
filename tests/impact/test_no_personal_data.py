"""Nothing a funder can reach names a person: pages, CSV, XLSX, the PDF's text and the API are all scanned."""

import io
import re

import openpyxl
import pytest
from pypdf import PdfReader

from tests.impact.conftest import SECRET_FIRST, SECRET_LAST

pytestmark = pytest.mark.django_db

PERIODS = [{}, {"start": "2025-01-01", "end": "2025-12-31"}, {"start": "2025-07-01", "end": "2025-09-30"}]


def text_of(response) -> str:
    kind = response["Content-Type"]
    if kind == "application/pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    if kind.startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return "\n".join(str(c) for s in book.worksheets for row in s.iter_rows(values_only=True) for c in row)
    return response.content.decode("utf-8-sig")


def secrets_of(world) -> list[str]:
    people = [p for key in ("L", "O", "S", "Q") for p in world[key]] + [world["paused"]]
    found = [SECRET_FIRST, SECRET_LAST, "secret.example", "Syrie", "Note privée", "Microcrédit pour"]
    for person in people:
        found += [person.first_name, person.last_name, person.email, person.phone, person.phone.replace(" ", "")]
    return found


def test_no_funder_reachable_response_holds_a_name_email_phone_or_note(client, world, funder, funded):
    client.force_login(funder)
    urls = []
    for period in PERIODS:
        for extra in ({}, {"programme": funded.pk}):
            query = {**period, **extra}
            urls += [
                ("/app/impact/", query),
                ("/app/impact/export.csv", query),
                ("/app/impact/export.xlsx", query),
                ("/app/impact/report.pdf", query),
                ("/app/impact/needs/", query),
                ("/app/impact/needs/export.csv", query),
                ("/app/impact/needs/export.xlsx", query),
                (
                    "/api/v1/impact/summary",
                    {"from": query.get("start"), "to": query.get("end"), "programme": extra.get("programme")},
                ),
            ]
    secrets = secrets_of(world)
    checked = 0
    for url, query in urls:
        response = client.get(url, {k: v for k, v in query.items() if v})
        assert response.status_code == 200, url
        text = text_of(response)
        for secret in secrets:
            assert secret not in text, f"{secret!r} found in {url} {query}"
        # No e-mail address at all, and no Belgian phone number.
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), url
        assert not re.search(r"\+32\s?4\d\d", text), url
        checked += 1
    assert checked == len(urls) == 48


def test_the_scan_would_catch_a_name(client, world, coach):
    """The scan is not blind: the coach's follow-up list, which is not for funders, does show names."""
    client.force_login(coach)
    text = client.get("/app/impact/follow-ups/").content.decode()
    assert any(secret in text for secret in secrets_of(world))
