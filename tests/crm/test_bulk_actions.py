"""Bulk actions of the board and the list: each project through the single-project services, each on its own."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages

from interlab.core.errors import Forbidden
from interlab.crm import bulk, services
from interlab.crm.models import Project, Stage, StageTransition
from tests.factories import CohortFactory, EntrepreneurFactory, make_project

pytestmark = pytest.mark.django_db


def post(client, data):
    return client.post("/app/bulk/", {"next": "/app/board/", **data}, HTTP_ACCEPT_LANGUAGE="en")


def said(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def logged_in(client, coach):
    client.force_login(coach)
    return client


def test_a_coach_assigns_a_colleague_to_several_projects(logged_in, coach, other_coach):
    projects = [make_project(coach=coach, title=t) for t in ("Traiteur", "Couture")]
    untouched = make_project(coach=coach, title="Vélos")
    response = post(logged_in, {"action": "coach", "coach": other_coach.pk, "project": [p.pk for p in projects]})
    assert response.status_code == 302 and response["Location"] == "/app/board/"
    assert {p.title: p.coach for p in Project.objects.all()} == {
        "Traiteur": other_coach,
        "Couture": other_coach,
        "Vélos": coach,
    }
    assert untouched.coach == coach
    assert said(response) == [("success", f"2 projects assigned to {other_coach}.")]


def test_a_move_the_pipeline_refuses_is_named_and_the_others_are_moved(logged_in, coach):
    first = make_project(entrepreneur=EntrepreneurFactory(first_name="Ana", last_name="Lima"), coach=coach)
    second = make_project(coach=coach, title="Couture")
    already = make_project(
        entrepreneur=EntrepreneurFactory(first_name="Olena", last_name="Kovalenko"),
        coach=coach,
        title="Traduction",
        path=["idea"],
    )
    idea = Stage.objects.get(key="idea")
    response = post(logged_in, {"action": "move", "to_stage": idea.pk, "project": [first.pk, second.pk, already.pk]})
    moved = StageTransition.objects.filter(to_stage=idea, by__isnull=False).exclude(project=already)
    assert set(moved.values_list("project", flat=True)) == {first.pk, second.pk}
    assert Project.objects.get(pk=already.pk).transitions.count() == 2  # created, then its own earlier move only
    ((level, message),) = said(response)
    assert level == "warning"
    assert message == (
        "2 projects moved to “Idea”. 1 could not: Olena Kovalenko (Traduction): "
        "A project cannot go from “Idea” to “Idea”."
    )


def test_a_stage_that_needs_a_reason_gets_the_one_typed_for_all(logged_in, coach):
    projects = [make_project(coach=coach, title=t) for t in ("Traiteur", "Couture")]
    abandoned = Stage.objects.get(key="abandoned")
    refused = post(logged_in, {"action": "move", "to_stage": abandoned.pk, "project": [p.pk for p in projects]})
    assert not StageTransition.objects.filter(to_stage=abandoned).exists()
    assert said(refused)[0][0] == "error"
    post(
        logged_in, {"action": "move", "to_stage": abandoned.pk, "reason": "Parti", "project": [p.pk for p in projects]}
    )
    assert list(StageTransition.objects.filter(to_stage=abandoned).values_list("reason", flat=True)) == ["Parti"] * 2


def test_each_project_is_its_own_transaction(coach, monkeypatch):
    """One project refused half-way through its change leaves nothing of that change, and the others done."""
    projects = [make_project(coach=coach, title=t) for t in ("Traiteur", "Couture", "Vélos")]
    cohort = CohortFactory()
    real_update = services.project_update

    def update_then_fail_on_the_second(*, project, by, **fields):
        real_update(project=project, by=by, **fields)
        if project.title == "Couture":
            raise services.Conflict("refused after the write", code="test")
        return project

    monkeypatch.setattr(services, "project_update", update_then_fail_on_the_second)
    outcome = bulk.projects_add_to_cohort(projects=projects, cohort=cohort, by=coach)
    assert [p.title for p in outcome.done] == ["Traiteur", "Vélos"]
    assert {p.title: p.cohort_id for p in Project.objects.all()} == {
        "Traiteur": cohort.pk,
        "Couture": None,
        "Vélos": cohort.pk,
    }


def test_only_staff_may_run_a_bulk_action(coach, entrepreneur_user):
    project = make_project(coach=coach)
    with pytest.raises(Forbidden):
        bulk.projects_add_to_cohort(projects=[project], cohort=CohortFactory(), by=entrepreneur_user)


def test_people_picked_in_the_list_bring_all_their_projects_and_one_without_is_named(logged_in, coach):
    person = EntrepreneurFactory(first_name="Ana", last_name="Lima")
    make_project(entrepreneur=person, coach=coach, title="Traiteur")
    make_project(entrepreneur=person, coach=coach, title="Couture")
    alone = EntrepreneurFactory(first_name="Sam", last_name="Nour")
    cohort = CohortFactory(name="Printemps")
    response = post(logged_in, {"action": "cohort", "cohort": cohort.pk, "entrepreneur": [person.pk, alone.pk]})
    assert set(cohort.projects.values_list("title", flat=True)) == {"Traiteur", "Couture"}
    assert said(response) == [
        ("warning", "2 projects added to the cohort “Printemps”. 1 could not: Sam Nour: no project.")
    ]


def test_an_erased_file_is_not_found(logged_in, coach):
    gone = make_project(coach=coach, title="Effacé")
    services.entrepreneur_erase(entrepreneur=gone.entrepreneur, by=coach)
    kept = make_project(coach=coach, title="Couture")
    cohort = CohortFactory(name="Automne")
    response = post(logged_in, {"action": "cohort", "cohort": cohort.pk, "project": [gone.pk, kept.pk, "x"]})
    assert list(cohort.projects.values_list("title", flat=True)) == ["Couture"]
    assert said(response) == [("warning", "1 project added to the cohort “Automne”. 1 could not: 1 was not found.")]


def test_the_export_holds_the_selection_only(logged_in, coach):
    picked = make_project(entrepreneur=EntrepreneurFactory(first_name="Ana"), coach=coach)
    make_project(entrepreneur=EntrepreneurFactory(first_name="Other"), coach=coach)
    listed = EntrepreneurFactory(first_name="Sam")
    response = post(logged_in, {"action": "csv", "project": [picked.pk], "entrepreneur": [listed.pk]})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert sorted(row[1] for row in rows[1:]) == ["Ana", "Sam"]
    xlsx = post(logged_in, {"action": "xlsx", "project": [picked.pk]})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"action": "coach"}, "Choose the coach to assign."),
        ({"action": "move"}, "Choose the stage to move to."),
        ({"action": "delete"}, "Choose an action: assign a coach, move, add to a cohort or export."),
    ],
)
def test_what_is_missing_is_said_and_nothing_changes(logged_in, coach, data, expected):
    project = make_project(coach=coach)
    response = post(logged_in, {**data, "project": [project.pk]})
    assert response.status_code == 302
    assert said(response) == [("error", expected)]
    assert Project.objects.get(pk=project.pk).coach == coach
    assert project.transitions.count() == 1


def test_nothing_selected_is_said(logged_in):
    response = post(logged_in, {"action": "csv"})
    assert said(response) == [("error", "Select at least one project or person first.")]


def test_the_board_and_the_list_tick_into_the_bulk_form(logged_in, coach):
    project = make_project(coach=coach)
    board = BeautifulSoup(logged_in.get("/app/board/").content, "html.parser")
    assert board.select_one("form#bulk")["action"] == "/app/bulk/"
    pick = board.select_one(f'li[data-project="{project.pk}"] input[type=checkbox][name=project]')
    assert (pick["form"], pick["value"]) == ("bulk", str(project.pk))
    listing = BeautifulSoup(logged_in.get("/app/entrepreneurs/").content, "html.parser")
    row = listing.select_one(f'tr[data-person="{project.entrepreneur_id}"] input[name=entrepreneur]')
    assert (row["form"], row["value"]) == ("bulk", str(project.entrepreneur_id))
