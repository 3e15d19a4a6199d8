"""The board selector: counts per stage, bounded cards, filters, stalled flags, constant queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interlab.crm import selectors
from interlab.crm.models import Project, Stage
from tests.factories import CohortFactory, EntrepreneurFactory, make_project

pytestmark = pytest.mark.django_db


def column(columns, key):
    return next(c for c in columns if c.stage.key == key)


def test_it_counts_every_project_but_shows_only_what_fits(coach):
    for i in range(5):
        make_project(coach=coach, title=f"p{i}")
    make_project(coach=coach, path=["idea"])
    columns = selectors.board(coach, per_column=3)
    intake = column(columns, "intake")
    assert intake.count == 5 and len(intake.cards) == 3 and intake.hidden == 2
    assert column(columns, "idea").count == 1
    assert [c.stage.key for c in columns][:2] == ["intake", "idea"]
    assert columns[-1].stage.is_exit


def test_the_longest_waiting_card_comes_first_and_stalled_ones_are_marked(coach):
    old = make_project(coach=coach, title="ancien")
    Project.objects.filter(pk=old.pk).update(stage_entered_at=timezone.now() - timezone.timedelta(days=30))
    make_project(coach=coach, title="récent")
    intake = column(selectors.board(coach), "intake")
    assert [c.title for c in intake.cards] == ["ancien", "récent"]
    assert intake.cards[0].is_stalled and not intake.cards[1].is_stalled  # intake stalls after 14 days
    stalled = column(selectors.board(coach, selectors.BoardFilters(stalled=True)), "intake")
    assert [c.title for c in stalled.cards] == ["ancien"]


def test_filters_by_coach_cohort_language_and_search(coach, other_coach):
    cohort = CohortFactory()
    speaker = EntrepreneurFactory(first_name="Olena", last_name="Kovalenko")
    speaker.spoken_languages.create(code="uk")
    make_project(entrepreneur=speaker, coach=coach, cohort=cohort, sector="Services")
    make_project(coach=other_coach, sector="Construction")

    def titles(**filters):
        return sum(c.count for c in selectors.board(coach, selectors.BoardFilters(**filters)))

    assert titles() == 2
    assert titles(coach=other_coach.pk) == 1
    assert titles(cohort=cohort.pk) == 1
    assert titles(language="uk") == 1
    assert titles(sector="Construction") == 1
    assert titles(q="kovalenko") == 1


def test_the_number_of_queries_does_not_grow_with_the_cards(coach):
    make_project(coach=coach)
    with CaptureQueriesContext(connection) as few:
        selectors.board(coach)
    for i in range(30):
        make_project(coach=coach, title=f"p{i}")
    with CaptureQueriesContext(connection) as many:
        selectors.board(coach)
    assert len(many) == len(few)


def test_erased_people_leave_the_board(coach, admin_user):
    from interlab.crm import services

    project = make_project(coach=coach)
    services.entrepreneur_erase(entrepreneur=project.entrepreneur, by=admin_user)
    assert column(selectors.board(coach), "intake").count == 0


def test_the_board_page_renders_and_filters_with_htmx(client, coach):
    make_project(coach=coach, title="Traiteur", path=["idea"])
    client.force_login(coach)
    page = client.get("/app/board/")
    assert page.status_code == 200 and "Traiteur" in page.content.decode()
    partial = client.get("/app/board/", {"stalled": "on"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode() and "Traiteur" not in partial.content.decode()


def test_the_board_says_why_a_card_is_flagged_and_when_a_column_flags_them(client, coach):
    old = make_project(coach=coach, title="ancien")
    Project.objects.filter(pk=old.pk).update(stage_entered_at=timezone.now() - timezone.timedelta(days=34, hours=1))
    make_project(coach=coach, title="récent")
    intake = Stage.objects.get(key="intake")
    Stage.objects.filter(pk=intake.pk).update(stalled_after_days=30)
    client.force_login(coach)
    page = BeautifulSoup(client.get("/app/board/", HTTP_ACCEPT_LANGUAGE="en").content, "html.parser")
    column = page.select_one('section[data-stage-key="intake"]')
    assert column.select_one("[data-stall-limit]").get_text(strip=True) == (
        "Flagged as stalled after 30 days in this stage."
    )
    flagged = column.select("li.card-item [data-stalled]")
    assert [b.get_text(strip=True) for b in flagged] == ["stalled: 34 days in this stage (limit 30)"]
    assert flagged[0].find_parent("li").select_one(".card-project").get_text(strip=True) == "ancien"
    # A stage without a threshold says nothing of stalling.
    assert page.select_one('section[data-stage-key="launched"] [data-stall-limit]') is None


def test_each_card_links_to_its_file_its_move_and_its_invitation_in_the_readers_language(client, coach):
    project = make_project(coach=None, title="Épicerie")
    Project.objects.filter(pk=project.pk).update(stage_entered_at=timezone.now() - timezone.timedelta(days=3, hours=1))
    person = project.entrepreneur
    client.force_login(coach)
    page = BeautifulSoup(client.get("/app/board/", HTTP_ACCEPT_LANGUAGE="fr").content, "html.parser")
    card = page.select_one(f'li.card-item[data-project="{project.pk}"]')
    move = reverse("crm:project_move", args=[project.pk])
    assert card["data-move-url"] == move
    assert card.select_one("a.card-title")["href"] == reverse("crm:entrepreneur", args=[person.pk])
    invite = card.select_one("button[data-action=invite]")
    # The card's button posts the page's one form (the board keeps no security token in its cards), back to the board.
    assert invite["form"] == "board-invite" and page.select_one("form#board-invite input[name=csrfmiddlewaretoken]")
    assert invite["formaction"] == reverse("crm:invite", args=[person.pk]) + "?next=/app/board/"
    assert card.select_one("button.move-button")["data-hx-get"].startswith(f"{move}?next=")
    assert card.select_one(".card-meta span").get_text(strip=True) == "3 jours à cette étape"
    assert card.select_one("input.card-pick")["aria-label"] == f"Sélectionner Épicerie ({person.full_name})"
    assert card.select_one("[data-unassigned]").get_text(strip=True) == "sans coach"
