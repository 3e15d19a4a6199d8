"""A funder in a real browser: log in, open the impact dashboard, choose a period, download the PDF report.

Elements are found by stable attributes (data-nav, data-action, data-download, field names), not by labels.
"""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import E2E_DB
from tests.factories import PASSWORD
from tests.impact.conftest import SECRET_FIRST, funded, funder, unfunded, world  # noqa: F401 - fixtures

pytestmark = [pytest.mark.e2e, E2E_DB]


def test_a_funder_filters_a_period_and_downloads_the_pdf_report(page, world, funder):  # noqa: F811
    page.goto("/login/")
    page.fill("main form [name=username]", funder.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")

    page.click("a[data-nav=impact]")
    expect(page.locator("[data-impact-filters]")).to_be_visible()
    page.fill("[data-impact-filters] [name=start]", "2025-01-01")
    page.fill("[data-impact-filters] [name=end]", "2025-12-31")
    page.click("[data-impact-filters] [data-action=apply-filters]")

    expect(page.locator("[data-period]")).to_have_attribute("data-period", "2025-01-01/2025-12-31")
    expect(page.locator('[data-figure="accompanied"] .kpi-value')).to_have_text("23")
    expect(page.locator("svg.impact-chart").first).to_be_visible()

    with page.expect_download() as download_info:
        page.click("[data-download=pdf]")
    download = download_info.value
    assert download.suggested_filename == "interlab-impact-report-20250101-20251231.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages)
    assert "23" in text and "Statbel" in text
    assert SECRET_FIRST not in text
