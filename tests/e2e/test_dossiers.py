"""An entrepreneur and a coach assemble a professional-card dossier in a real browser, on a phone and in Arabic,
then print it; page 1 and the financial page of the PDF are rendered to PNG (pdftoppm) in var/e2e-screens/.

Elements are found by stable attributes (data-action, data-item, field names), not by translated labels.
"""

import re
import subprocess

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from interlab.core.models import Role
from interlab.dossiers.models import Dossier
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.factories import PASSWORD, EntrepreneurFactory, UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _builds_in_tmp(settings, tmp_path, monkeypatch):
    """Builds are private files: in this test's folder; django-q2 runs them in the request (sync)."""
    from interlab.core.storage import PrivateStorage
    from interlab.dossiers.models import DossierBuild

    monkeypatch.setattr(DossierBuild._meta.get_field("file"), "storage", PrivateStorage(location=tmp_path / "builds"))
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}


@pytest.fixture
def people():
    coach = UserFactory(username="coach.dossier", first_name="Claire", last_name="Coach", role=Role.COACH)
    owner = UserFactory(username="amina.dossier", first_name="Amina", last_name="Diallo", role=Role.ENTREPRENEUR)
    person = EntrepreneurFactory(user=owner, first_name="Amina", last_name="Diallo", email="amina.dossier@example.org")
    project = make_project(entrepreneur=person, coach=coach, title="Saveurs de Conakry", path=["idea"])
    return coach, owner, project


def log_in(page, user):
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")


def fill_finance(page):
    form = page.locator("form[data-form=finance]")
    form.locator("[name=use_label_0]").fill("Matériel de cuisine")
    form.locator("[name=use_amount_0]").fill("6 000")
    form.locator("[name=use_label_1]").fill("Stock de départ")
    form.locator("[name=use_amount_1]").fill("1500,50")
    form.locator("[name=source_kind_0]").select_option("own_funds")
    form.locator("[name=source_label_0]").fill("Épargne")
    form.locator("[name=source_amount_0]").fill("2000")
    form.locator("[name=source_kind_1]").select_option("microcredit")
    form.locator("[name=source_label_1]").fill("microStart")
    form.locator("[name=source_amount_1]").fill("5000")
    # Not balanced yet: the computed totals say so while typing (htmx preview).
    expect(page.locator("[data-totals] [data-balanced=no]")).to_be_visible()
    form.locator("[name=source_amount_1]").fill("5500,50")
    expect(page.locator("[data-totals] [data-balanced=yes]")).to_be_visible()
    expect(page.locator("[data-totals] [data-total=uses]")).to_contain_text("7\u202f500,50")
    for year, values in enumerate(
        (("40000", "22000", "15000"), ("52000", "26000", "18000"), ("60000", "29000", "21000")), 1
    ):
        for name, value in zip(("revenue", "costs", "founder_income"), values, strict=True):
            form.locator(f"[name=y{year}_{name}]").fill(value)
    expect(page.locator("[data-totals] [data-result='3']")).to_contain_text("10\u202f000,00")
    assert no_horizontal_scroll(page), "the financial plan scrolls sideways on a phone"
    form.locator("[data-action=save-finance]").click()


def test_the_entrepreneur_starts_a_dossier_on_a_phone(browser, live_server, people):
    coach, owner, project = people
    context = browser.new_context(
        base_url=live_server.url, locale="fr-BE", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        log_in(page, owner)
        page.goto("/app/dossiers/")
        page.click("[data-action=start-dossier]")
        page.check("input[name=answer][value=none]")
        page.click("[data-action=eligibility-submit]")
        dossier = Dossier.objects.get(project=project)
        expect(page).to_have_url(re.compile(rf"/app/dossiers/{dossier.pk}/$"))
        expect(page.locator("[data-eligibility=needed]")).to_be_visible()
        expect(page.locator("[data-ready=no]")).to_be_visible()
        assert no_horizontal_scroll(page), "the dossier page scrolls sideways on a phone"

        page.click("[data-action=edit-finance]")
        fill_finance(page)
        expect(page).to_have_url(re.compile(rf"/app/dossiers/{dossier.pk}/$"))
        dossier.refresh_from_db()
        assert dossier.finance["sources"][1]["amount"] == "5500.50"

        item = page.locator("[data-item=cv]")
        item.locator("[data-action=edit-item]").click()
        item.locator("select[name$=state]").select_option("provided")
        item.locator("[data-action=save-item]").click()
        expect(page.locator("[data-item=cv]")).to_have_attribute("data-state", "provided")
        SCREENS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS_DIR / "dossier-phone.png"), full_page=True)
    finally:
        context.close()
    assert not errors, errors


def test_a_coach_prints_the_dossier_and_its_pages_read_well(page, people, tmp_path):
    coach, owner, project = people
    from tests.dossiers.factories import filled_dossier

    dossier = filled_dossier(project=project, coach=coach, annexes=2)
    log_in(page, coach)
    page.goto(f"/app/dossiers/{dossier.pk}/")
    expect(page.locator("[data-status=draft]")).to_be_visible()
    page.locator("form[data-form=status] select[name=to]").select_option("ready")
    page.click("[data-action=change-status]")
    expect(page.locator("[data-status=ready]")).to_be_visible()
    status_form = page.locator("form[data-form=status]")
    status_form.locator("select[name=to]").select_option("submitted")
    expect(status_form.locator("[name=guichet]")).to_be_visible()
    expect(status_form.locator("[name=card_number]")).to_be_hidden()

    page.click("[data-action=build-pdf]")
    expect(page.locator("#pdf-panel")).to_have_attribute("data-pdf-state", "done")
    with page.expect_download() as download_info:
        page.click("[data-action=download-pdf]")
    path = tmp_path / "dossier.pdf"
    download_info.value.save_as(path)
    reader = PdfReader(path)
    texts = [p.extract_text() for p in reader.pages]
    finance_page = next(i for i, t in enumerate(texts) if "4.1 Besoins de démarrage" in t and "Total des besoins" in t)

    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    for name, number in (("dossier-pdf-page1", 1), ("dossier-pdf-finance", finance_page + 1)):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                str(path),
                str(SCREENS_DIR / name),
            ],
            check=True,
        )
        png = SCREENS_DIR / f"{name}.png"
        assert png.stat().st_size > 10_000, f"{png} looks empty"
    page.screenshot(path=str(SCREENS_DIR / "dossier-coach.png"), full_page=True)


def test_the_dossier_page_reads_right_to_left_in_arabic(page, people):
    coach, owner, project = people
    from tests.dossiers.factories import make_dossier

    dossier = make_dossier(project=project, by=owner)
    log_in(page, owner)
    page.goto(f"/app/dossiers/{dossier.pk}/")
    page.select_option("#lang-select", "ar")
    page.get_by_test_id("lang-submit").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    first_item = page.locator("[data-item=identity]")
    box, main = first_item.bounding_box(), page.locator("main").bounding_box()
    # The item's leading border sits on the right in RTL: its right edge hugs the main column's right edge.
    assert abs((main["x"] + main["width"]) - (box["x"] + box["width"])) < 40
    page.screenshot(path=str(SCREENS_DIR / "dossier-rtl.png"), full_page=True)
