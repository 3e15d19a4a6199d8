"""A coach in a real browser: log in, add an entrepreneur, move the card on the board, read the timeline.

Elements are found by stable attributes (data-project, data-stage-key, form field names), not by the
translated labels, so the tests hold in every interface language.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.crm import services
from interlab.crm.models import Entrepreneur, Project, Stage, StageTransition
from tests.e2e.axe import assert_no_serious_violations
from tests.e2e.conftest import E2E_DB, SCREENS_DIR
from tests.factories import PASSWORD, UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]


@pytest.fixture
def coach():
    assert Stage.objects.filter(key="intake").exists(), "the migrated pipeline stages are missing"
    return UserFactory(username="coach.e2e", first_name="Claire", last_name="Coach", role=Role.COACH)


def log_in(page, user):
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")
    # A coach lands on the board.
    expect(page).to_have_url(re.compile(r"/app/board/$"))


def card(page, project, stage_key):
    return page.locator(f'#board section[data-stage-key="{stage_key}"] li[data-project="{project.pk}"]')


def open_move_dialog(page, project):
    page.locator(f'#board li[data-project="{project.pk}"] button.move-button').click()
    dialog = page.locator("dialog#dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("select[name=to_stage]")).to_be_visible()
    return dialog


def test_a_coach_adds_an_entrepreneur_and_moves_the_card_to_idea(page, coach):
    reason = "Idée claire après le premier entretien"
    log_in(page, coach)

    page.goto("/app/entrepreneurs/new/")
    form = page.locator("main form")
    form.locator("[name=first_name]").fill("Yasmine")
    form.locator("[name=last_name]").fill("El Amrani")
    form.locator("[name=email]").fill("yasmine.e2e@example.org")
    form.locator("[name=languages]").fill("ar:native, fr:B1")
    form.locator("[name=project_title]").fill("Pâtisserie orientale")
    form.locator("[type=submit]").click()

    person = Entrepreneur.objects.get(email="yasmine.e2e@example.org")
    expect(page).to_have_url(re.compile(rf"/app/entrepreneurs/{person.pk}/$"))
    expect(page.locator("main h1")).to_have_text("Yasmine El Amrani")
    assert {(sl.code, sl.level) for sl in person.spoken_languages.all()} == {("ar", "native"), ("fr", "B1")}
    project = Project.objects.get(entrepreneur=person)
    assert (project.title, project.stage.key, project.coach) == ("Pâtisserie orientale", "intake", coach)

    page.goto("/app/board/")
    expect(card(page, project, "intake")).to_be_visible()
    expect(card(page, project, "intake")).to_contain_text("Yasmine El Amrani")

    dialog = open_move_dialog(page, project)
    idea = Stage.objects.get(key="idea")
    dialog.locator("select[name=to_stage]").select_option(str(idea.pk))
    dialog.locator("textarea[name=reason]").fill(reason)
    dialog.locator("[type=submit]").click()

    # The move answers with HX-Redirect back to the board: the card now sits in the idea column.
    expect(card(page, project, "idea")).to_be_visible()
    expect(card(page, project, "intake")).to_have_count(0)
    expect(page.locator("dialog#dialog")).to_be_hidden()
    expect(page.locator(".messages .message.success")).to_contain_text("Pâtisserie orientale")
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "board.png"), full_page=True)

    event = StageTransition.objects.get(project=project, to_stage=idea)
    assert (event.from_stage.key, event.by, event.reason) == ("intake", coach, reason)
    project.refresh_from_db()
    assert project.stage == idea and project.stage_entered_at == event.at

    card(page, project, "idea").locator("a.card-title").click()
    expect(page).to_have_url(re.compile(rf"/app/entrepreneurs/{person.pk}/$"))
    stage_events = page.locator("#timeline li.event-stage")
    expect(stage_events).to_have_count(2)  # entered the pipeline, then the move
    moved = stage_events.filter(has=page.locator("p.reason"))
    expect(moved).to_have_count(1)
    expect(moved.locator("p.reason")).to_have_text(reason)
    expect(moved).to_contain_text(str(idea.display_name("fr")))
    page.screenshot(path=str(SCREENS_DIR / "entrepreneur-file.png"), full_page=True)


def test_an_exit_stage_without_a_reason_is_refused_in_the_dialog(page, coach):
    project = make_project(coach=coach, title="Atelier couture")
    abandoned = Stage.objects.get(key="abandoned")
    with translation.override("fr"):
        expected = str(services.project_move_check(project=project, to_stage=abandoned, reason="").message)

    log_in(page, coach)
    expect(card(page, project, "intake")).to_be_visible()
    dialog = open_move_dialog(page, project)
    dialog.locator("select[name=to_stage]").select_option(str(abandoned.pk))
    dialog.locator("textarea[name=reason]").fill("")
    dialog.locator("[type=submit]").click()

    # The 422 answer is swapped into the dialog, which stays open over the unchanged board.
    error = dialog.locator("[data-error-summary][role=alert] li")
    expect(error).to_have_text(expected)
    expect(dialog.locator("[data-error-summary]")).to_be_focused()
    assert_no_serious_violations(page)  # the open dialog, with its error summary
    expect(dialog).to_be_visible()
    expect(dialog.locator("select[name=to_stage]")).to_have_value(str(abandoned.pk))
    SCREENS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS_DIR / "move-refused.png"))
    expect(card(page, project, "intake")).to_be_visible()

    page.reload()
    expect(card(page, project, "intake")).to_be_visible()
    expect(card(page, project, "abandoned")).to_have_count(0)
    project.refresh_from_db()
    assert project.stage.key == "intake"
    assert not StageTransition.objects.filter(project=project, to_stage=abandoned).exists()
