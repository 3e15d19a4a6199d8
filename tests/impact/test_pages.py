"""The dashboard, its exports and PDF report, the needs report and the coaches' follow-up pages."""

import io
import re
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from interlab.core.models import Role
from interlab.impact.models import Financing, FollowUp, Participant
from tests.factories import UserFactory, make_project

pytestmark = pytest.mark.django_db

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


def test_the_funder_dashboard_shows_the_figures_with_charts_and_tables(client, world, funder):
    client.force_login(funder)
    response = client.get("/app/impact/", YEAR)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="kpi" data-figure="accompanied"><span class="kpi-value">23</span>' in html
    assert html.count("<svg") >= 6 and html.count('role="img"') >= 6
    assert html.count("<caption>") >= 6
    assert 'data-slowest="idea"' in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)  # nothing loaded from another site (no CDN)


def test_the_programme_choices_are_only_the_funded_ones(client, world, funder, unfunded):
    client.force_login(funder)
    html = client.get("/app/impact/").content.decode()
    assert "Programme financé" in html and "Autre programme" not in html
    # Not funded answers like not there at all.
    assert client.get("/app/impact/", {"programme": unfunded.pk}).status_code == 404


def test_a_reversed_period_is_refused_with_a_message(client, world, funder):
    client.force_login(funder)
    response = client.get("/app/impact/", {"start": "2025-12-31", "end": "2025-01-01"})
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("role", [Role.ENTREPRENEUR, Role.MENTOR, Role.PARTNER])
@pytest.mark.parametrize(
    "url", ["/app/impact/", "/app/impact/needs/", "/app/impact/report.pdf", "/app/impact/export.csv"]
)
def test_other_roles_are_refused(client, db, role, url):
    client.force_login(UserFactory(role=role))
    assert client.get(url).status_code == 403


def test_visitors_are_sent_to_the_login_page(client, db):
    response = client.get("/app/impact/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_csv_export_hides_small_cells_and_is_formula_safe(client, world, funder):
    client.force_login(funder)
    response = client.get("/app/impact/export.csv", YEAR)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "23" in text and "non publié (moins de 5)" in text and "< 5" not in text
    for line in text.splitlines():
        for value in line.split(","):
            assert not value.strip('"').startswith(("=", "+", "@")), line


def test_the_xlsx_export_opens_and_holds_the_same_figures(client, world, funder):
    client.force_login(funder)
    response = client.get("/app/impact/export.xlsx", YEAR)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 23 in values and "non publié (moins de 5)" in values


def test_the_pdf_report_has_the_figures_and_the_method(client, world, funder):
    client.force_login(funder)
    response = client.get("/app/impact/report.pdf", YEAR)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "23" in text and "Statbel" in text


def test_the_needs_report_counts_declared_and_unmet_needs(client, world, funder):
    from interlab.impact import selectors

    report = selectors.needs_report(funder, selectors.scope_for(funder, start=_d("2025-01-01"), end=_d("2025-12-31")))
    financing = next(n for n in report["needs"] if n["key"] == "financing")
    # Declared: 6 in Liège + 4 in Seraing; met: 4 of Liège taken up by the partner answering financing.
    assert financing["declared"] == {"value": 10, "suppressed": False}
    assert financing["unmet"] == {"value": 6, "suppressed": False}
    communes = {row["commune"]: row for row in financing["communes"]}
    # Liège has 18 people accompanied and is named; Seraing (4) and Huy (1) have too few to be named: they are
    # counted as "other communes", where the 4 of Seraing are hidden.
    from django.utils.translation import gettext

    assert set(communes) == {"Liège", gettext("other communes")}
    assert communes["Liège"]["declared"] == {"value": 6, "suppressed": False}
    assert communes[gettext("other communes")]["declared"]["suppressed"]
    referrals = {row["partner"]: row for row in report["referrals"]}
    assert referrals["Microcrédit test"]["total"] == {"value": 6, "suppressed": False}
    waiting = {row["partner"]: row for row in report["waiting"]}
    # Closed after 10, 20, 30, 40 and 50 days: median 30; one still pending (hidden).
    assert waiting["Microcrédit test"]["median_days"]["value"] == 30
    assert waiting["Microcrédit test"]["pending"]["suppressed"]


def _d(text):
    from datetime import date

    return date.fromisoformat(text)


def test_the_needs_report_page_and_exports(client, world, funder):
    client.force_login(funder)
    assert client.get("/app/impact/needs/", YEAR).status_code == 200
    csv = client.get("/app/impact/needs/export.csv", YEAR)
    assert csv.status_code == 200 and "Microcrédit test" in csv.content.decode("utf-8-sig")
    xlsx = client.get("/app/impact/needs/export.xlsx", YEAR)
    assert xlsx.status_code == 200
    openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert client.get("/app/impact/needs/export.pdf", YEAR).status_code == 404


def test_a_coach_records_a_follow_up_financing_and_the_education_level(client, coach):
    project = make_project(
        coach=coach, path=["idea", "project", "financing", "admin-legal", "registration", "launched"]
    )
    client.force_login(coach)
    listing = client.get("/app/impact/follow-ups/")
    assert f'data-project="{project.pk}"' in listing.content.decode()
    url = f"/app/impact/projects/{project.pk}/"
    response = client.post(
        url,
        {
            "action": "follow_up",
            "followup-months_after_launch": "12",
            "followup-checked_on": "2025-06-01",
            "followup-operating": "on",
            "followup-jobs_full_time": "2",
            "followup-jobs_part_time": "1",
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(project=project)
    assert (follow_up.jobs_full_time, follow_up.jobs_part_time, follow_up.operating) == (2, 1, True)
    client.post(
        url,
        {
            "action": "financing",
            "financing-source": "microcredit",
            "financing-amount": "12000",
            "financing-obtained_on": "2025-05-01",
        },
    )
    assert Financing.objects.get(project=project).amount == 12000
    client.post(url, {"action": "education", "education-education_level": "isced_3_4"})
    assert Participant.objects.get(entrepreneur=project.entrepreneur).education_level == "isced_3_4"


def test_bad_follow_up_input_is_refused_and_nothing_is_written(client, coach):
    project = make_project(coach=coach)
    client.force_login(coach)
    response = client.post(
        f"/app/impact/projects/{project.pk}/",
        {"action": "financing", "financing-source": "lottery", "financing-amount": "-5", "financing-obtained_on": "x"},
    )
    assert response.status_code == 422
    assert not Financing.objects.exists()
    response = client.post(
        f"/app/impact/projects/{project.pk}/",
        {"action": "follow_up", "followup-months_after_launch": "13", "followup-jobs_full_time": "99999999999"},
    )
    assert response.status_code == 422 and not FollowUp.objects.exists()


def test_a_financing_amount_is_read_as_typed_and_an_ambiguous_one_refused(client, coach):
    project = make_project(coach=coach)
    client.force_login(coach)
    url = f"/app/impact/projects/{project.pk}/"
    typed = {"action": "financing", "financing-source": "grant", "financing-obtained_on": "2025-05-01"}
    response = client.post(url, {**typed, "financing-amount": "12.000"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "Write 12000, or 12.00." in response.content.decode()
    assert not Financing.objects.exists()
    assert client.post(url, {**typed, "financing-amount": "12 000,50 €"}).status_code == 302
    assert Financing.objects.get(project=project).amount == Decimal("12000.50")


def test_funders_cannot_reach_the_follow_up_pages(client, world, funder):
    client.force_login(funder)
    assert client.get("/app/impact/follow-ups/").status_code == 403
    project = world["L"][0].projects.get()
    assert client.get(f"/app/impact/projects/{project.pk}/").status_code == 403
