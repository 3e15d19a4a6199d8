"""Core reaches the apps through their data-protection interface only: an app added to INSTALLED_APPS with a
personal_data.py joins the export, the ZIP, the erasure, the retention schedule's activity and /api/v1/me, with no
change to core."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.apps import AppConfig, apps
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from interlab.core import export, interfaces, retention, retention_actions
from interlab.core.models import RetentionRule
from interlab.crm import selectors as crm_selectors
from interlab.crm import services as crm_services
from tests.extra_app import personal_data as extra
from tests.factories import EntrepreneurFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_extra_app():
    """tests.extra_app installed: its config in the app registry, added the way Django's populate() adds an app
    of INSTALLED_APPS. (Overriding INSTALLED_APPS itself populates the whole registry again, which Wagtail does
    not survive in one process: its ready() mounts its API routers once.)"""
    extra.ERASED.clear()
    config = AppConfig.create("tests.extra_app")
    config.apps = apps
    config.import_models()
    apps.app_configs[config.label] = config
    apps.clear_cache()
    retention_actions.load_actions()  # as CoreConfig.ready() does once every app is there
    retention_actions.ensure_rules()  # as after `migrate`
    yield
    del apps.app_configs[config.label]
    apps.clear_cache()
    retention_actions.load_actions()
    extra.ERASED.clear()
    extra.NOTES.clear()


def test_without_the_app_nothing_of_it_appears(entrepreneur_user, person):
    assert "extra_app" not in export.person_data(entrepreneur_user)
    assert "extra_app" not in [config.label for config, _module in interfaces.app_modules("personal_data")]


def test_an_added_app_joins_the_json_export(with_extra_app, entrepreneur_user, person):
    data = export.person_data(entrepreneur_user)
    assert data["extra_app"] == {"greeting": f"hello {entrepreneur_user.username}"}
    # The apps that were there are all still there, in floor order, the added one last.
    assert list(data) == [
        "user",
        "account",
        "notifications",
        "entrepreneur",
        "projects",
        "stage_events",
        "interactions",
        "tasks",
        "referrals",
        "documents",
        "consents",
        "mentoring",
        "tiers_lieu",
        "dossiers",
        "event_registrations",
        "extra_app",
    ]


def test_an_added_app_joins_the_zip_with_its_files(with_extra_app, entrepreneur_user, person):
    archive, summary = export.build_zip(entrepreneur_user)
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.read("files/extra_app/notes.bin") == f"notes of {entrepreneur_user.username}".encode()
        listed = json.loads(zipped.read("data.json"))["files"]
    assert {"app": "extra_app", "title": "notes", "state": "included"}.items() <= next(
        f for f in listed if f["app"] == "extra_app"
    ).items()
    assert summary["files"] == 1


def test_an_added_app_is_asked_to_erase_its_part_with_who_the_person_was(with_extra_app, person, admin_user):
    user, email = person.user, person.email
    crm_services.entrepreneur_erase(entrepreneur=person, by=admin_user)
    assert len(extra.ERASED) == 1
    erased = extra.ERASED[0]
    assert (erased.entrepreneur_id, erased.user, erased.email, erased.by) == (person.pk, user, email, admin_user)
    person.refresh_from_db()
    assert person.erased_at is not None and person.email == ""


def test_an_added_app_is_asked_what_it_shows_in_me(with_extra_app, client, entrepreneur_user, person):
    client.force_login(entrepreneur_user)
    body = client.get("/api/v1/me").json()
    assert body["extra_badge"] == f"badge-{entrepreneur_user.pk}"
    assert body["entrepreneur_id"] == person.pk


def dormant_files() -> tuple[int, int, set[int]]:
    """Two files untouched for five years, one of a login named "busy-…"; the ids the schedule finds inactive."""
    long_ago = timezone.now() - timedelta(days=5 * 365)
    busy = EntrepreneurFactory(user=UserFactory(username="busy-bee", role="entrepreneur"))
    idle = EntrepreneurFactory(user=UserFactory(username="idle-bee", role="entrepreneur"))
    type(busy).objects.filter(pk__in=[busy.pk, idle.pk]).update(created_at=long_ago, updated_at=long_ago)
    cutoff = timezone.now() - timedelta(days=3 * 365)
    return busy.pk, idle.pk, set(crm_selectors.inactive_entrepreneurs(cutoff).values_list("pk", flat=True))


def test_an_added_apps_activity_keeps_a_file_from_the_retention_schedule(with_extra_app):
    busy, idle, inactive = dormant_files()
    assert idle in inactive and busy not in inactive


def test_without_the_app_both_dormant_files_are_inactive():
    busy, idle, inactive = dormant_files()
    assert {busy, idle} <= inactive


def test_without_the_app_the_zip_has_none_of_its_files(entrepreneur_user, person):
    archive, _summary = export.build_zip(entrepreneur_user)
    with zipfile.ZipFile(io.BytesIO(archive.read())) as zipped:
        assert not [name for name in zipped.namelist() if name.startswith("files/extra_app/")]


def test_an_added_apps_retention_rule_gets_its_default_period_and_runs_with_the_others(with_extra_app):
    rule = RetentionRule.objects.get(action="extra_notes")
    assert (rule.after, rule.unit, rule.enabled, str(rule)) == (30, "days", True, "delete the extra app's old notes")
    now = timezone.now()
    extra.NOTES.update({1: now - timedelta(days=40), 2: now - timedelta(days=31), 3: now - timedelta(days=2)})

    dry = retention.retention_run(dry_run=True, notify=False)
    assert [e for e in dry.rules if e["action"] == "extra_notes"][0]["ids"] == [1, 2]
    assert set(extra.NOTES) == {1, 2, 3}

    real = retention.retention_run(dry_run=False, notify=False)
    assert [e for e in real.rules if e["action"] == "extra_notes"][0]["count"] == 2
    assert set(extra.NOTES) == {3}
    # Every built-in rule ran too, the erasure first.
    assert [e["action"] for e in real.rules][0] == "entrepreneur_inactive"
    assert len(real.rules) == len(RetentionRule.objects.all())


def test_without_the_app_its_rule_is_neither_in_the_schedule_nor_run():
    assert not RetentionRule.objects.filter(action="extra_notes").exists()
    assert "extra_notes" not in retention_actions.ACTIONS


def test_every_app_of_the_project_has_a_data_protection_interface():
    """An app without personal_data.py would escape the inventory's check and the erasure without a word."""
    ours = [config for config in apps.get_app_configs() if config.name.startswith(("interlab.", "cms"))]
    assert len(ours) == 7
    assert [config.label for config in ours if not module_has_submodule(config.module, "personal_data")] == []
