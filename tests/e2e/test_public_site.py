"""A visitor on the public site in a real browser: languages, a guide, the application form, accessibility.

Elements are found by stable attributes (data-guide, data-cta, form field names), not by translated labels.
"""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection
from playwright.sync_api import expect

from cms.models import GuideIndexPage, HomePage
from interlab.core.models import Role
from interlab.crm.models import Entrepreneur, Project
from tests.cms import factories
from tests.e2e.axe import assert_no_serious_violations
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.factories import PASSWORD, PartnerFactory, UserFactory

pytestmark = [pytest.mark.e2e, E2E_DB]


def content_types_cached_from_database() -> None:
    """Make the process-wide content type cache match the database again.

    Deserialising the migrated data builds Wagtail pages, whose __init__ asks for their content type: with a
    cold cache that creates the row early (and caches its temporary id), then the serialized content types
    overwrite the ids. Wagtail then resolves page types through a stale cache. Reading every row back through
    get_for_id caches the real ids, and a warm cache keeps the next deserialisation from creating rows.
    """
    ContentType.objects.clear_cache()
    for pk in ContentType.objects.values_list("pk", flat=True):
        ContentType.objects.get_for_id(pk)


def sequences_reset() -> None:
    """PostgreSQL: the migrated rows were reloaded with their ids, the id sequences were not moved past them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


@pytest.fixture
def site():
    """A small bilingual site: home, a guide and the application form in French and English; Arabic home."""
    content_types_cached_from_database()
    sequences_reset()
    home = factories.home()
    assert isinstance(home, HomePage), "the migrated home page is missing"
    partner = PartnerFactory(
        name="microStart (test)", category="financing", languages=["fr", "en"], needs=["financing"]
    )
    factories.translate(home, "en", title="InterLab", intro="An inclusive business incubator in Liège.")
    factories.translate(home, "ar", title="InterLab", intro="حاضنة مشاريع شاملة في لييج.")
    index = factories.add_page(home, GuideIndexPage, title="Les démarches", slug="guides")
    factories.translate(index, "en", title="Procedures")
    guide = factories.guide(parent=index, partner=partner)
    english_guide = factories.translate(
        guide,
        "en",
        title="Applying for the professional card",
        summary="You often need a professional card to work as a self-employed person.",
    )
    intake = factories.intake_page()
    factories.translate(intake, "en", title="Apply")
    return {"guide": guide, "english_guide": english_guide}


def test_a_visitor_switches_to_english_reads_a_guide_applies_and_the_coach_sees_them(page, site):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/fr/$"))  # the browser speaks French (fr-BE)
    assert_no_serious_violations(page)

    # One language switcher on a translated page: the page's own translations.
    expect(page.locator("select[name=language]")).to_have_count(0)
    page.locator(".page-languages a[data-language=en]").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.locator(f'main a[data-guide="{site["english_guide"].slug}"]').first.click()
    expect(page).to_have_url(re.compile(r"/en/guides/"))
    expect(page.locator("main h1")).to_have_text("Applying for the professional card")
    expect(page.locator("#guide-text .steps > li")).to_have_count(2)
    expect(page.locator("button.listen-button")).to_be_visible()  # Chromium offers speech synthesis
    assert_no_serious_violations(page)

    page.goto("/en/")
    page.locator("main a[data-cta=apply]").click()
    expect(page).to_have_url(re.compile(r"/en/candidater/$"))
    form = page.locator("form[data-form=intake]")
    form.locator("[type=submit]").click()  # empty: the form says what to fix, nothing is created
    expect(form.locator('[data-field="first_name"] .error')).to_be_visible()
    expect(form.locator('[data-field="consent"] .error')).to_be_visible()
    # The summary of the mistakes takes the focus, the title says "Error:", and a link leads to the field.
    summary = form.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    summary.locator('a[href="#id_first_name"]').click()
    expect(form.locator("[name=first_name]")).to_be_focused()
    assert not Entrepreneur.objects.exists()
    assert_no_serious_violations(page)

    form.locator("[name=first_name]").fill("Olena")
    form.locator("[name=last_name]").fill("Shevchenko")
    form.locator("[name=email]").fill("olena.e2e@example.org")
    form.locator("[name=languages][value=uk]").check()
    form.locator("[name=languages][value=en]").check()
    form.locator("[name=project_title]").fill("Ukrainian bakery")
    form.locator("[name=needs][value=financing]").check()
    form.locator("[name=consent]").check()
    form.locator("[type=submit]").click()
    expect(page.locator("[data-intake-sent]")).to_be_visible()

    person = Entrepreneur.objects.get(email="olena.e2e@example.org")
    project = Project.objects.get(entrepreneur=person)
    assert project.stage.key == "intake" and person.consents.get().text.language == "en"

    coach = UserFactory(username="coach.public", role=Role.COACH)
    page.goto("/login/")
    page.fill("main form [name=username]", coach.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    expect(page).to_have_url(re.compile(r"/app/board/$"))
    card = page.locator(f'#board section[data-stage-key="intake"] li[data-project="{project.pk}"]')
    expect(card).to_be_visible()
    expect(card).to_contain_text("Olena Shevchenko")


def test_the_arabic_home_page_is_laid_out_right_to_left(page, site):
    page.goto("/ar/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(page.locator("main .public-page")).to_have_attribute("dir", "rtl")
    expect(page.locator("main h1")).to_be_visible()
    # Right to left for real: the heading starts on the right-hand side of the page.
    box = page.locator("main .hero p.lead").bounding_box()
    viewport = page.viewport_size
    assert box["x"] + box["width"] > viewport["width"] / 2
    assert page.evaluate("getComputedStyle(document.querySelector('main .hero p.lead')).direction") == "rtl"
    assert_no_serious_violations(page)
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "public-home-ar.png"), full_page=True)


def test_the_french_guide_and_form_pass_axe_on_a_phone_screen(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site["guide"].url)
    expect(page.locator("main h1")).to_be_visible()
    assert_no_serious_violations(page)
    page.goto("/fr/candidater/")
    expect(page.locator("form[data-form=intake]")).to_be_visible()
    assert_no_serious_violations(page)


def test_a_visitor_on_a_phone_opens_the_public_menu_and_reaches_the_footer(page, site):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/fr/")
    menu = page.locator("#site-menu")
    button = page.locator("[data-menu-button]")
    expect(menu).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    keys = [menu.locator("nav a").nth(i).get_attribute("data-menu") for i in range(3)]
    assert keys == ["home", "guides", "apply"], keys
    expect(menu.locator("[data-testid=nav-mentor]")).to_be_visible()
    expect(menu.locator("[data-testid=nav-login]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_serious_violations(page)
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "public-menu-open-320.png"), full_page=True)
    menu.locator("nav a[data-menu=guides]").click()
    expect(page).to_have_url(re.compile(r"/fr/guides/$"))
    expect(page.locator("[data-testid=site-footer]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # No htmx on the public site: nothing there uses it.
    assert page.evaluate("typeof window.htmx") == "undefined"
