"""The glossary in a real browser: a guide's glossary link is dotted and leads to its entry, and the Arabic glossary
fits a 320 px phone right to left, all within the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from tests.cms import factories
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_csp import violations  # noqa: F401 - every CSP violation the browser reports
from tests.e2e.test_phone_layout import OVERFLOW

pytestmark = [pytest.mark.e2e, E2E_DB]


def test_a_guide_s_dotted_glossary_link_leads_to_the_entry_and_back(page, violations):  # noqa: F811
    guide = factories.guide()
    page.goto(guide.url)
    link = page.locator("#guide-text a.jargon", has_text="carte professionnelle").first
    assert link.evaluate("a => getComputedStyle(a).textDecorationStyle") == "dotted"

    link.click()
    expect(page).to_have_url(re.compile(rf"/fr/glossary/\?from={guide.pk}#carte-professionnelle$"))
    expect(page.locator("#carte-professionnelle dfn")).to_have_text("carte professionnelle")
    page.get_by_test_id("glossary-back").click()
    expect(page).to_have_url(re.compile(re.escape(guide.url) + "$"))
    assert violations == []


def test_the_arabic_glossary_fits_a_320_px_phone_right_to_left(page, violations):  # noqa: F811
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/ar/glossary/")
    assert page.locator("article.public-page").get_attribute("dir") == "rtl"
    seen = page.evaluate(OVERFLOW)
    assert seen["scrollWidth"] <= seen["innerWidth"], seen["culprits"]
    assert violations == []
