"""The board is kept rendered between changes: a second view reads no project, any change shows at once."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interlab.crm import services
from interlab.crm.models import Stage
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def card(client, project):
    page = BeautifulSoup(client.get("/app/board/").content, "html.parser")
    return page.select_one(f'li.card-item[data-project="{project.pk}"]')


def test_a_second_view_of_the_same_board_reads_no_project(client, coach):
    make_project(coach=coach, title="Épicerie")
    client.force_login(coach)
    first = client.get("/app/board/").content
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/app/board/").content
    assert not [q["sql"] for q in captured.captured_queries if "crm_project" in q["sql"]]
    strip = (
        BeautifulSoup(first, "html.parser").select_one("#board"),
        BeautifulSoup(second, "html.parser").select_one("#board"),
    )
    assert str(strip[0]) == str(strip[1])


def test_a_move_a_new_name_and_an_invitation_show_on_the_next_view(client, coach):
    project = make_project(coach=coach, title="Épicerie")
    client.force_login(coach)
    assert card(client, project).find_parent("section")["data-stage-key"] == "intake"

    services.project_move(project=project, to_stage=Stage.objects.get(key="idea"), by=coach)
    assert card(client, project).find_parent("section")["data-stage-key"] == "idea"

    person = project.entrepreneur
    person.first_name = "Nadia"
    person.save()
    assert card(client, project).select_one("a.card-title").get_text(strip=True).startswith("Nadia ")

    assert card(client, project).select_one("[data-invited]") is None
    services.entrepreneur_invite(entrepreneur=person, by=coach, by_email=False)
    assert card(client, project).select_one("[data-invited]") is not None


def test_the_kept_board_follows_the_readers_language_and_the_forms_carry_this_sessions_token(client, coach):
    make_project(coach=coach, title="Épicerie")
    client.force_login(coach)
    french = BeautifulSoup(client.get("/app/board/", HTTP_ACCEPT_LANGUAGE="fr").content, "html.parser")
    english = BeautifulSoup(client.get("/app/board/", HTTP_ACCEPT_LANGUAGE="en").content, "html.parser")
    assert french.select_one("button.move-button").get_text(strip=True) == "Déplacer"
    assert english.select_one("button.move-button").get_text(strip=True) == "Move"
    # The kept part holds no token; the page's own inputs do, tied to the bulk form and the invitation form.
    assert not french.select("#board input[name=csrfmiddlewaretoken], .bulk-bar input[name=csrfmiddlewaretoken]")
    assert french.select_one("input[name=csrfmiddlewaretoken][form=bulk]")["value"]
    assert french.select_one("form#board-invite input[name=csrfmiddlewaretoken]")["value"]


def test_a_bulk_action_posted_from_the_kept_board_passes_the_security_check(coach):
    from django.test import Client

    project = make_project(coach=None, title="Épicerie")
    client = Client(enforce_csrf_checks=True)
    client.force_login(coach)
    client.get("/app/board/")  # kept
    page = BeautifulSoup(client.get("/app/board/").content, "html.parser")
    token = page.select_one("input[name=csrfmiddlewaretoken][form=bulk]")["value"]
    response = client.post(
        "/app/bulk/",
        {
            "csrfmiddlewaretoken": token,
            "action": "coach",
            "coach": coach.pk,
            "project": [project.pk],
            "next": "/app/board/",
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.coach_id == coach.pk


def test_the_language_filter_names_languages_in_words(client, coach):
    client.force_login(coach)
    page = BeautifulSoup(client.get("/app/board/", HTTP_ACCEPT_LANGUAGE="fr").content, "html.parser")
    options = {o["value"]: o.get_text(strip=True) for o in page.select("select[name=language] option")}
    assert options["uk"] == "ukrainien" and options["ar"] == "arabe" and options["ti"] == "tigrigna"
