"""The daily digest through a real django-q2 cluster: `manage.py qcluster` in its own process, on the test database.

The test commits its rows (transactional database), enqueues the task with async_task, and waits for the
cluster to record the result. The cluster is always stopped before the test database is flushed.
"""

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_q.models import Task
from django_q.tasks import async_task

from interlab.core.models import Role
from interlab.crm import services
from interlab.crm.models import Project
from tests.e2e.conftest import E2E_DB
from tests.factories import UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]

MANAGE_PY = Path(settings.BASE_DIR) / "manage.py"
WAIT_SECONDS = 60
STOP_GRACE_SECONDS = 10
# Read by interlab/settings/test.py when it supports it: the worker then writes its mail there as files.
MAIL_DIR_ENV = "INTERLAB_TEST_EMAIL_DIR"
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def worker_database_url(settings_dict) -> str:
    """A DATABASE_URL for the test database this process uses, connection OPTIONS included.

    dj-database-url turns the query string into OPTIONS (digits become ints), so the worker connects as this
    process does even if the settings did not add them for a URL: on SQLite, a busy timeout and IMMEDIATE
    transactions. Without those a second process waits at most 5 s for a lock, and its read-then-write
    transactions (the ORM broker's dequeue) can fail at once with "database is locked".
    """
    engine = settings_dict["ENGINE"]
    options = dict(settings_dict.get("OPTIONS") or {})
    if engine == "django.db.backends.sqlite3":
        if connection.is_in_memory_db():
            pytest.fail("The worker test needs the SQLite test database in a file (see interlab/settings/test.py).")
        options.setdefault("timeout", 20)
        options.setdefault("transaction_mode", "IMMEDIATE")
        base = f"sqlite:///{Path(settings_dict['NAME']).resolve()}"  # absolute path: sqlite:////…
    elif engine == "django.db.backends.postgresql":
        credentials = quote(settings_dict["USER"] or "", safe="")
        if settings_dict["PASSWORD"]:
            credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
        host = quote(settings_dict["HOST"] or "", safe="")
        port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
        at = "@" if credentials else ""
        base = f"postgres://{credentials}{at}{host}{port}/{quote(settings_dict['NAME'], safe='')}"
    else:
        pytest.fail(f"No worker DATABASE_URL for the {engine} backend.")
    return f"{base}?{urlencode(options)}" if options else base


def settings_write_mail_to_files() -> bool:
    """Whether interlab.settings.test reads MAIL_DIR_ENV (switching the worker to the file e-mail backend).

    Until it does, the worker keeps its mail in its own memory and only the task's result can be checked.
    The settings module is read, not imported: executing it would alter the live DATABASES.
    """
    source = Path(importlib.util.find_spec("interlab.settings.test").origin).read_text()
    return MAIL_DIR_ENV in source and FILE_BACKEND in source


def stop_process_group(process: subprocess.Popen) -> None:
    """SIGTERM to qcluster's main process, a grace period, then SIGKILL to whatever is left of its group.

    SIGTERM goes to the main process only: it then stops the sentinel, which stops the pusher, workers
    and monitor in order (about a second). A SIGTERM sent to the whole group instead kills the sentinel
    and its children outright (the sentinel resets SIGTERM to the default action) and leaves the main
    process hung for good, so only SIGKILL would end it.
    """
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def living_group_members(pgid: int) -> list[int]:
    """Processes of the group that are still alive (zombies waiting for a reaper do not count)."""
    deadline = time.monotonic() + 5
    while True:
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # pid (comm) state ppid pgrp …: split after the command name, which may contain spaces.
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(int(stat.parent.name))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


@pytest.fixture
def qcluster(transactional_db, tmp_path):
    """A real `manage.py qcluster` on the test database; its output goes to a log read on failure."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log_path = tmp_path / "qcluster.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "interlab.settings.test",
        "DATABASE_URL": worker_database_url(connection.settings_dict),
        "Q_WORKERS": "1",
        MAIL_DIR_ENV: str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, str(MANAGE_PY), "qcluster"],
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    cluster = SimpleNamespace(
        process=process, mail_dir=mail_dir, log=lambda: log_path.read_text(errors="replace")[-4000:]
    )
    try:
        yield cluster
    finally:
        stop_process_group(process)
        left = living_group_members(process.pid)
        assert not left, f"qcluster processes left behind: {left}"


def wait_for_task(task_id: str, cluster) -> Task:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        task = Task.objects.filter(id=task_id).first()
        if task is not None:
            return task
        if cluster.process.poll() is not None:
            pytest.fail(f"qcluster exited ({cluster.process.returncode}) before the task ran:\n{cluster.log()}")
        time.sleep(0.25)
    pytest.fail(f"The task did not complete within {WAIT_SECONDS} s. qcluster output:\n{cluster.log()}")


def test_the_worker_sends_the_daily_digest_to_a_coach_with_overdue_work(qcluster):
    coach = UserFactory(username="coach.digest", email="coach.digest@example.org", role=Role.COACH)
    project = make_project(coach=coach, title="Food truck solidaire")
    # Intake flags a project as stalled after 14 days.
    Project.objects.filter(pk=project.pk).update(stage_entered_at=timezone.now() - timezone.timedelta(days=30))
    task = services.task_create(
        entrepreneur=project.entrepreneur,
        by=coach,
        project=project,
        title="Rappeler pour le plan financier",
        due_date=timezone.localdate() - timezone.timedelta(days=3),
        assignee=coach,
    )

    task_id = async_task("interlab.crm.tasks.send_daily_digests", task_name="e2e-daily-digests")
    done = wait_for_task(task_id, qcluster)

    assert done.success, f"the task failed: {done.result}\n{qcluster.log()}"
    assert done.func == "interlab.crm.tasks.send_daily_digests"
    assert done.result == 1, "one digest, for the only coach"

    if settings_write_mail_to_files():
        mails = [p.read_text() for p in qcluster.mail_dir.iterdir()]
        assert len(mails) == 1
        assert "To: coach.digest@example.org" in mails[0]
        assert task.title in mails[0] and project.title in mails[0]
        assert f"{settings.SITE_URL}{project.entrepreneur.get_absolute_url()}" in mails[0]
