"""Ways in, in a real browser: a coach invites one applicant by e-mail and another with a printed code from the
board; each sets a password and lands on their own path. A person resets a forgotten password by e-mail."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.crm.models import Entrepreneur, Stage
from tests.e2e.conftest import E2E_DB
from tests.factories import PASSWORD, EntrepreneurFactory, UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]
NEW_PASSWORD = "tartines au sirop de Liège"


@pytest.fixture(autouse=True)
def _worker_inline(settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}


@pytest.fixture
def coach():
    assert Stage.objects.filter(key="intake").exists(), "the migrated pipeline stages are missing"
    return UserFactory(username="coach.e2e", first_name="Claire", last_name="Coach", role=Role.COACH)


def log_in(page, username, password=PASSWORD):
    page.goto("/login/")
    page.fill("main form [name=username]", username)
    page.fill("main form [name=password]", password)
    page.click("main form [type=submit]")


def person_browser(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-BE")
    context.set_default_timeout(10_000)
    return context, context.new_page()


def choose_password(page, fields=("password1", "password2")):
    for name in fields:
        page.fill(f"[data-password-form] [name={name}]", NEW_PASSWORD)
    page.click("[data-password-form] [type=submit]")
    expect(page).to_have_url(re.compile(r"/app/my/$"))


def test_a_coach_invites_two_applicants_from_the_board_and_each_lands_on_their_path(page, browser, live_server, coach):
    by_mail = EntrepreneurFactory(first_name="Nadia", last_name="Haddad", email="nadia.e2e@example.org")
    make_project(entrepreneur=by_mail, coach=coach, title="Couture")
    on_paper = EntrepreneurFactory(first_name="Yonas", last_name="Tesfaye", email="")
    make_project(entrepreneur=on_paper, coach=coach, title="Café éthiopien")
    log_in(page, coach.username)
    expect(page).to_have_url(re.compile(r"/app/board/$"))

    # By e-mail: one click on the card, the mail carries the link.
    page.locator(f'#board li:has(a[href="/app/entrepreneurs/{by_mail.pk}/"]) [data-action=invite]').click()
    expect(page.locator(f'#board li:has(a[href="/app/entrepreneurs/{by_mail.pk}/"]) [data-invited]')).to_be_visible()
    link = re.search(r"https?://\S+(/account/code/\S+/)", mail.outbox[-1].body)[1]
    nadia_context, nadia = person_browser(browser, live_server)
    nadia.goto(link)
    choose_password(nadia)
    expect(nadia.locator("h1")).to_contain_text("Nadia")
    nadia_context.close()

    # On paper: the card's button opens the sheet to print; the person types the code on "I have a code".
    page.locator(f'#board li:has(a[href="/app/entrepreneurs/{on_paper.pk}/"]) [data-action=invite]').click()
    code = page.locator("[data-handout] [data-code]").inner_text()
    expect(page.locator("[data-handout] img.qr")).to_be_visible()
    yonas_context, yonas = person_browser(browser, live_server)
    yonas.goto("/login/")
    yonas.click('a[href="/account/code/"]')
    yonas.fill("[data-code-form] [name=code]", code)
    yonas.click("[data-code-form] [type=submit]")
    choose_password(yonas)
    expect(yonas.locator("h1")).to_contain_text("Yonas")
    yonas_context.close()

    linked = dict(Entrepreneur.objects.filter(pk__in=[by_mail.pk, on_paper.pk]).values_list("pk", "user__role"))
    assert linked == {by_mail.pk: Role.ENTREPRENEUR, on_paper.pk: Role.ENTREPRENEUR}


def test_a_forgotten_password_is_reset_by_e_mail(page):
    amina = UserFactory(username="amina.e2e", first_name="Amina", email="amina.e2e@example.org", role=Role.ENTREPRENEUR)
    make_project(entrepreneur=EntrepreneurFactory(user=amina, first_name="Amina"), title="Traiteur")

    page.goto("/login/")
    page.click('a[href="/account/password-reset/"]')
    page.fill("[data-reset-form] [name=email]", "amina.e2e@example.org")
    page.click("[data-reset-form] [type=submit]")
    expect(page.locator("[data-reset-sent]")).to_be_visible()
    link = re.search(r"https?://\S+(/account/reset/\S+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    choose_password(page, fields=("new_password1", "new_password2"))

    page.context.clear_cookies()
    log_in(page, "amina.e2e", NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/app/my/$"))
