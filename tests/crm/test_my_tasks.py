"""The coach's own open tasks: a page with the overdue ones first, and their counts in the navigation."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from interlab.crm import selectors, services
from interlab.crm.models import Task
from tests.factories import EntrepreneurFactory

pytestmark = pytest.mark.django_db


def task(coach, title, *, due=None, done=False, assignee=None, person=None):
    today = timezone.localdate()
    made = services.task_create(
        entrepreneur=person or EntrepreneurFactory(),
        by=coach,
        title=title,
        assignee=assignee or coach,
        due_date=today + timedelta(days=due) if due is not None else None,
    )
    if done:
        services.task_set_done(task=made, by=coach)
    return made


@pytest.fixture
def tasks(coach, other_coach):
    task(coach, "later", due=5)
    task(coach, "long overdue", due=-10)
    task(coach, "no date")
    task(coach, "overdue", due=-1)
    task(coach, "today", due=0)
    task(coach, "done already", due=-3, done=True)
    task(coach, "a colleague's", due=-2, assignee=other_coach)
    gone = EntrepreneurFactory()
    task(coach, "on an erased file", due=-4, person=gone)
    services.entrepreneur_erase(entrepreneur=gone, by=coach)


def test_open_tasks_come_overdue_first_then_by_date_and_undated_last(coach, tasks):
    titles = [t.title for t in selectors.my_tasks_open(coach)]
    assert titles == ["long overdue", "overdue", "today", "later", "no date"]


def test_the_counts_are_the_open_and_the_overdue_ones(coach, tasks):
    assert selectors.my_task_counts(coach) == selectors.TaskCounts(open=5, overdue=2)


def test_an_entrepreneur_has_no_coach_tasks_here(entrepreneur_user, person, coach):
    task(coach, "for the person", due=-1, assignee=entrepreneur_user, person=person)
    assert list(selectors.my_tasks_open(entrepreneur_user)) == []


def test_the_page_shows_overdue_tasks_apart_and_first(client, coach, tasks):
    client.force_login(coach)
    page = BeautifulSoup(client.get("/app/tasks/mine/", HTTP_ACCEPT_LANGUAGE="en").content, "html.parser")
    sections = [s["data-section"] for s in page.select("main section[data-section]")]
    assert sections == ["overdue", "open"]

    def titles(section):
        return [
            li.select_one("strong bdi").get_text() for li in page.select(f'[data-section="{section}"] li[data-task]')
        ]

    assert titles("overdue") == ["long overdue", "overdue"]
    assert titles("open") == ["today", "later", "no date"]
    late = page.select_one('[data-section="overdue"] li[data-task] .badge.warn').get_text(strip=True)
    assert late == "10 days late"


def test_the_navigation_counts_open_and_overdue_tasks(client, coach, tasks):
    client.force_login(coach)
    page = BeautifulSoup(client.get("/app/board/", HTTP_ACCEPT_LANGUAGE="en").content, "html.parser")
    link = page.select_one('header [data-testid="nav-my-tasks"]')
    assert link["href"] == "/app/tasks/mine/"
    assert link.select_one('[data-testid="my-tasks-open"]').get_text(" ", strip=True) == "5 open"
    assert link.select_one('[data-testid="my-tasks-overdue"]').get_text(strip=True) == "2 overdue"


def test_marking_a_task_done_from_the_page_comes_back_to_it(client, coach):
    open_task = task(coach, "call the commune", due=-1)
    client.force_login(coach)
    response = client.post(f"/app/tasks/{open_task.pk}/toggle/", {"next": "/app/tasks/mine/"})
    assert response["Location"] == "/app/tasks/mine/"
    assert Task.objects.get(pk=open_task.pk).done_at is not None
    assert selectors.my_task_counts(coach) == selectors.TaskCounts(open=0, overdue=0)
