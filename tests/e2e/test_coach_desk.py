"""A coach at the desk in a real browser: bulk actions on the board and the list, and their own open tasks.

Elements are found by stable attributes (data-project, data-person, data-task, form field names), not by the
translated labels, so the tests hold in every interface language.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.crm import services
from interlab.crm.models import Project, Stage, Task
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.e2e.test_coach_board import card, log_in
from tests.factories import EntrepreneurFactory, UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]


@pytest.fixture
def coach():
    assert Stage.objects.filter(key="intake").exists(), "the migrated pipeline stages are missing"
    return UserFactory(username="coach.desk", first_name="Claire", last_name="Coach", role=Role.COACH)


def overflow(page, selector: str) -> float:
    """How far past the window's right edge (or left, right to left) the element reaches, in pixels."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return Math.max(0, box.right - window.innerWidth, -box.left);
        }""",
        selector,
    )


def test_a_coach_moves_three_cards_at_once_and_reads_which_one_could_not(page, coach):
    first = make_project(entrepreneur=EntrepreneurFactory(first_name="Ana", last_name="Lima"), coach=coach)
    second = make_project(entrepreneur=EntrepreneurFactory(first_name="Sam", last_name="Nour"), coach=coach)
    already = make_project(
        entrepreneur=EntrepreneurFactory(first_name="Olena", last_name="Kovalenko"),
        coach=coach,
        title="Traduction",
        path=["idea"],
    )
    idea = Stage.objects.get(key="idea")
    log_in(page, coach)

    for project in (first, second, already):
        page.locator(f'#board li[data-project="{project.pk}"] input[name=project]').check()
    expect(page.locator("form#bulk [data-bulk-count]")).to_have_text("3")
    bar = page.locator("form#bulk")
    bar.locator("select[name=to_stage]").select_option(str(idea.pk))
    bar.locator("button[name=action][value=move]").click()

    expect(card(page, first, "idea")).to_be_visible()
    expect(card(page, second, "idea")).to_be_visible()
    expect(card(page, first, "intake")).to_have_count(0)
    message = page.locator(".messages .message.warning")
    expect(message).to_contain_text("Olena Kovalenko (Traduction)")
    expect(message).to_contain_text(re.compile(r"^2 "))
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "board-bulk-move.png"), full_page=True)
    assert set(Project.objects.filter(stage=idea).values_list("pk", flat=True)) == {first.pk, second.pk, already.pk}
    assert already.transitions.count() == 2  # entered, then its own earlier move: nothing from the bulk action


def test_a_coach_assigns_people_of_the_list_to_a_colleague_and_exports_the_selection(page, coach):
    colleague = UserFactory(username="coach.colleague", first_name="Karim", last_name="Collègue", role=Role.COACH)
    picked = [
        make_project(entrepreneur=EntrepreneurFactory(first_name=name, last_name="Lima"), coach=coach)
        for name in ("Ana", "Rui")
    ]
    left = make_project(entrepreneur=EntrepreneurFactory(first_name="Sam", last_name="Nour"), coach=coach)
    log_in(page, coach)
    page.goto("/app/entrepreneurs/")
    for project in picked:
        page.locator(f'tr[data-person="{project.entrepreneur_id}"] input[name=entrepreneur]').check()
    bar = page.locator("form#bulk")
    bar.locator("select[name=coach]").select_option(str(colleague.pk))
    bar.locator("button[name=action][value=coach]").click()

    expect(page).to_have_url(re.compile(r"/app/entrepreneurs/$"))
    expect(page.locator(".messages .message.success")).to_contain_text(str(colleague))
    assert {p.entrepreneur.first_name: p.coach_id for p in Project.objects.select_related("entrepreneur")} == {
        "Ana": colleague.pk,
        "Rui": colleague.pk,
        "Sam": coach.pk,
    }
    assert left.coach == coach

    page.locator(f'tr[data-person="{picked[0].entrepreneur_id}"] input[name=entrepreneur]').check()
    with page.expect_download() as download:
        bar.locator("button[name=action][value=csv]").click()
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Ana" in content and "Rui" not in content and "Sam" not in content


def test_a_coach_finds_overdue_tasks_first_and_the_count_in_the_navigation_follows(page, coach):
    today = timezone.localdate()
    person = EntrepreneurFactory(first_name="Ana", last_name="Lima")
    for title, days in (("Rappeler la commune", -3), ("Relire le plan financier", -1), ("Préparer l'atelier", 4)):
        services.task_create(
            entrepreneur=person, by=coach, title=title, assignee=coach, due_date=today + timedelta(days=days)
        )
    log_in(page, coach)
    nav = page.locator('header [data-testid="nav-my-tasks"]')
    expect(nav.locator('[data-testid="my-tasks-open"]')).to_contain_text("3")
    expect(nav.locator('[data-testid="my-tasks-overdue"]')).to_contain_text("2")
    nav.click()

    expect(page).to_have_url(re.compile(r"/app/tasks/mine/$"))
    overdue = page.locator('[data-section="overdue"] li[data-task]')
    expect(overdue).to_have_count(2)
    expect(overdue.first).to_contain_text("Rappeler la commune")
    expect(page.locator('[data-section="open"] li[data-task]')).to_have_text([re.compile("Préparer l'atelier")])

    first = Task.objects.get(title="Rappeler la commune")
    overdue.first.locator("button[data-action=done]").click()
    expect(page).to_have_url(re.compile(r"/app/tasks/mine/$"))
    expect(page.locator(f'li[data-task="{first.pk}"]')).to_have_count(0)
    expect(nav.locator('[data-testid="my-tasks-overdue"]')).to_contain_text("1")
    assert Task.objects.get(pk=first.pk).done_at is not None

    # On a phone the list and the bulk bar fit the screen, right to left too.
    page.set_viewport_size({"width": 320, "height": 700})
    assert overflow(page, "main section[data-section=overdue]") == 0
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": page.url.split("/app/")[0] + "/"}]
    )
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert overflow(page, "main section[data-section=overdue]") == 0
    page.screenshot(path=str(SCREENS_DIR / "my-tasks-320-rtl.png"), full_page=True)
    page.goto("/app/entrepreneurs/")
    assert overflow(page, "form#bulk") == 0
    assert overflow(page, "form#bulk select[name=to_stage]") == 0
