"""A funder in a real browser: log in, open the impact dashboard, choose a period, download the PDF report.

Elements are found by stable attributes (data-nav, data-action, data-download, field names), not by labels.
"""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from interlab.impact import disclosure, selectors, services
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
    page.select_option("[data-impact-filters] [name=period]", "2025")
    page.click("[data-impact-filters] [data-action=apply-filters]")

    expect(page.locator("[data-period]")).to_have_attribute("data-period", "2025")
    expect(page.locator("[data-range]")).to_have_attribute("data-range", "2025-01-01/2025-12-31")
    # The published figure: the 23 people accompanied, with the noise of the cell key method (at most 2).
    published = services.summary(funder, selectors.scope_for(funder, period="2025"))["people"]["accompanied"]
    assert abs(published["value"] - 23) <= disclosure.MAX_NOISE
    expect(page.locator('[data-figure="accompanied"] .kpi-value')).to_have_text(str(published["value"]))
    expect(page.locator("[data-released-at]")).to_be_visible()
    expect(page.locator("svg.impact-chart").first).to_be_visible()

    with page.expect_download() as download_info:
        page.click("[data-download=pdf]")
    download = download_info.value
    assert download.suggested_filename == "interlab-impact-report-2025.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages)
    assert str(published["value"]) in text and "Statbel" in text
    assert SECRET_FIRST not in text
