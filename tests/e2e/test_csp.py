"""The Content-Security-Policy in a real browser: every main page of every role runs without a violation, and the
behaviours that used to be inline handlers (language switch, dossier filter, cancel in the move dialog) work.

Chromium reports each violation on the console ("… violates the following Content Security Policy directive …");
a securitypolicyviolation listener, installed by Playwright outside the page's policy, reports the rest there too.
"""

import re

import pytest
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.dossiers.models import Dossier
from interlab.tierslieu.models import Space
from tests.dossiers.factories import make_dossier
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_public_site import site  # noqa: F401 - the small bilingual public site
from tests.factories import PASSWORD, EntrepreneurFactory, UserFactory, make_project
from tests.mentoring.factories import make_mentor

pytestmark = [pytest.mark.e2e, E2E_DB]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective + " blocked " + e.blockedURI +
    " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def violations(page):
    """Every CSP violation the browser reports while the test runs."""
    found = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.fixture
def people():
    coach = UserFactory(username="coach.csp", first_name="Claire", last_name="Coach", role=Role.COACH)
    owner = UserFactory(username="amina.csp", first_name="Amina", last_name="Diallo", role=Role.ENTREPRENEUR)
    person = EntrepreneurFactory(user=owner, first_name="Amina", last_name="Diallo", email="amina.csp@example.org")
    project = make_project(entrepreneur=person, coach=coach, title="Saveurs de Conakry", path=["idea"])
    dossier = make_dossier(project=project, by=coach)
    mentor = make_mentor(user=UserFactory(username="mentor.csp", role=Role.MENTOR)).user
    Space.objects.create(name="Salle Meuse", kind="room", capacity=8, description="Salle de réunion.")
    return {"coach": coach, "owner": owner, "person": person, "project": project, "dossier": dossier, "mentor": mentor}


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    expect(page).not_to_have_url(re.compile(r"/login/"))


def visit(page, url):
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url}: {response and response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")


def test_every_roles_main_pages_run_without_a_csp_violation(page, violations, people, site):  # noqa: F811
    log_in(page, people["coach"])
    for url in (
        "/app/board/",
        f"/app/entrepreneurs/{people['person'].pk}/",
        "/app/entrepreneurs/",
        "/app/mentoring/",
        "/app/spaces/",
        "/app/spaces/reception/",
        "/app/dossiers/",
        people["dossier"].get_absolute_url(),
        "/app/impact/",
        "/app/impact/needs/",
    ):
        visit(page, url)

    log_in(page, people["owner"])
    for url in ("/app/my/", "/app/spaces/", "/app/spaces/my/", "/app/dossiers/", people["dossier"].get_absolute_url()):
        visit(page, url)

    log_in(page, people["mentor"])
    visit(page, "/app/mentoring/inbox/")

    page.context.clear_cookies()
    for url in ("/fr/", "/ar/", site["guide"].url, site["english_guide"].url, "/login/"):
        visit(page, url)
    assert not violations, violations


def test_the_language_select_switches_the_language_without_an_inline_handler(page, violations, site):  # noqa: F811
    # The public pages switch through their own translations; the application keeps the language form.
    visit(page, "/login/")
    page.locator("select[name=language]").select_option("ar")
    page.locator("[data-testid=lang-submit]").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert not violations, violations


def test_the_dossier_status_filter_sends_itself(page, violations, people):
    other = make_project(coach=people["coach"], title="Atelier vélo", path=["idea"])
    make_dossier(project=other, by=people["coach"])
    Dossier.objects.filter(pk=people["dossier"].pk).update(status="ready")
    log_in(page, people["coach"])
    visit(page, "/app/dossiers/")
    expect(page.locator("tr[data-dossier]")).to_have_count(2)
    page.locator("select[name=status]").select_option("ready")
    expect(page).to_have_url(re.compile(r"[?&]status=ready"))
    expect(page.locator("tr[data-dossier]")).to_have_count(1)
    expect(page.locator(f'tr[data-dossier="{people["dossier"].pk}"]')).to_be_visible()
    assert not violations, violations


def test_cancel_closes_the_move_dialog(page, violations, people):
    log_in(page, people["coach"])
    visit(page, "/app/board/")
    page.locator(f'#board li[data-project="{people["project"].pk}"] button.move-button').click()
    dialog = page.locator("dialog#dialog")
    expect(dialog.locator("select[name=to_stage]")).to_be_visible()
    dialog.locator("[data-dismiss=dialog]").click()
    expect(dialog).to_be_hidden()
    assert not violations, violations


def test_the_admin_screens_and_the_api_docs_run_within_their_relaxed_policy(page, violations, site):  # noqa: F811
    admin = UserFactory(username="admin.csp", role=Role.ADMIN)
    home = site["guide"].get_parent().get_parent()
    log_in(page, admin)
    for url in (
        "/cms-admin/",
        f"/cms-admin/pages/{home.pk}/",
        f"/cms-admin/pages/{site['guide'].pk}/edit/",
        "/django-admin/",
        "/django-admin/core/loginfailure/",
        "/api/v1/docs",
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("networkidle")
    assert not violations, violations
