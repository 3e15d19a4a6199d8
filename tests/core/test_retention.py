"""The retention schedule: dry runs change nothing, real runs erase the inactive and only them, safely."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import formats, timezone, translation
from django_q.models import Schedule

from cms.models import EventRegistration
from interlab.core import retention
from interlab.core.models import (
    LoginFailure,
    RetentionAction,
    RetentionRule,
    RetentionRun,
    Role,
    SensitiveRead,
    User,
)
from interlab.core.schedules import RETENTION_SCHEDULE, ensure_schedules
from interlab.crm import services
from interlab.crm.models import Entrepreneur, ImportBatch, SensitiveProfile
from tests.cms import factories as cms_factories
from tests.factories import EntrepreneurFactory, UserFactory, make_project
from tests.mailcheck import html_part

pytestmark = pytest.mark.django_db


def years_ago(years: float):
    return timezone.now() - timedelta(days=round(365.25 * years))


def person_active_at(when, *, coach, login=True) -> Entrepreneur:
    """A person whose whole file (project, note, sensitive profile, login) dates from `when`."""
    with time_machine.travel(when, tick=False):
        user = UserFactory(role=Role.ENTREPRENEUR)
        person = EntrepreneurFactory(user=user, gender="femme", birth_year=1987)
        make_project(entrepreneur=person, coach=coach, path=["idea"])
        services.interaction_create(entrepreneur=person, by=coach, note="Premier entretien", kind="meeting")
        services.sensitive_profile_update(
            entrepreneur=person, by=coach, country_of_origin="Syrie", residence_situation="refugee"
        )
        if login:
            User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return person


@pytest.fixture
def world(coach):
    return {
        "old": person_active_at(years_ago(4), coach=coach),
        "dormant": person_active_at(years_ago(2.5), coach=coach),
        "active": person_active_at(timezone.now() - timedelta(days=30), coach=coach),
    }


def rule_entry(run: RetentionRun, action: str) -> dict:
    return next(entry for entry in run.rules if entry["action"] == action)


def snapshot() -> dict:
    """Everything the rules may touch, as plain values."""
    return {
        "people": [model_to_dict(p) for p in Entrepreneur.objects.order_by("pk")],
        "profiles": list(SensitiveProfile.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values("username", "email", "is_active")),
        "failures": LoginFailure.objects.count(),
        "reads": SensitiveRead.objects.count(),
        "registrations": list(EventRegistration.objects.order_by("pk").values()),
        "imports": ImportBatch.objects.count(),
    }


def test_the_default_rules_are_seeded_by_a_migration():
    assert set(RetentionRule.objects.values_list("action", flat=True)) == set(RetentionAction.values)
    rule = RetentionRule.objects.get(action=RetentionAction.ENTREPRENEUR_INACTIVE)
    assert (rule.after, rule.unit, rule.enabled) == (3, "years", True)


def test_a_person_inactive_long_enough_is_erased_and_an_active_one_is_untouched(world):
    active_before = model_to_dict(world["active"])

    run = retention.retention_run(dry_run=False)

    old = Entrepreneur.objects.get(pk=world["old"].pk)
    assert old.erased_at is not None and old.first_name == "" and old.email == ""
    assert not SensitiveProfile.objects.filter(entrepreneur=old).exists()
    assert old.projects.count() == 1  # the stage history stays for the figures
    assert model_to_dict(Entrepreneur.objects.get(pk=world["active"].pk)) == active_before
    assert SensitiveProfile.objects.filter(entrepreneur=world["active"]).exists()
    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == [old.pk]


def test_recent_activity_of_any_kind_keeps_a_file(world, coach):
    services.task_create(entrepreneur=world["old"], by=coach, title="Rappeler")

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None


def test_a_recent_login_keeps_a_file(world):
    User.objects.filter(pk=world["old"].user_id).update(last_login=timezone.now() - timedelta(days=3))

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None


def test_the_sensitive_profile_goes_after_its_own_shorter_period_and_the_file_stays(world):
    run = retention.retention_run(dry_run=False)

    dormant = Entrepreneur.objects.get(pk=world["dormant"].pk)
    assert dormant.erased_at is None and dormant.first_name
    assert not SensitiveProfile.objects.filter(entrepreneur=dormant).exists()
    # The person erased by the first rule is not counted a second time by this one.
    assert rule_entry(run, RetentionAction.SENSITIVE_PROFILE_INACTIVE)["ids"] == [dormant.pk]


def test_a_dry_run_changes_nothing_and_reports_what_the_real_run_then_does(world):
    LoginFailure.objects.create(username="someone", ip_address="192.0.2.1", at=years_ago(1))
    LoginFailure.objects.create(username="someone", ip_address="192.0.2.1")
    SensitiveRead.objects.create(user=None, entrepreneur=world["active"], fields=["residence_situation"], context="x")
    SensitiveRead.objects.filter(pk=SensitiveRead.objects.create(context="y", fields=[]).pk).update(at=years_ago(3))
    before = snapshot()

    dry = retention.retention_run(dry_run=True)

    assert snapshot() == before
    assert dry.dry_run and dry.total == 4
    real = retention.retention_run(dry_run=False)
    for entry in dry.rules:
        acted = rule_entry(real, entry["action"])
        assert (acted["count"], acted["ids"]) == (entry["count"], entry["ids"]), entry["action"]
    assert LoginFailure.objects.count() == 1 and SensitiveRead.objects.count() == 1


def test_a_second_run_finds_nothing_left_to_do(world):
    retention.retention_run(dry_run=False)
    erased = Entrepreneur.objects.get(pk=world["old"].pk).erased_at

    again = retention.retention_run(dry_run=False)

    assert again.total == 0 and again.failures == 0
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at == erased


def test_a_failure_on_one_person_is_reported_and_the_others_go_on(world, coach, monkeypatch):
    other_old = person_active_at(years_ago(5), coach=coach)
    real_erase = services.entrepreneur_erase

    def erase(*, entrepreneur, by):
        if entrepreneur.pk == world["old"].pk:
            real_erase(entrepreneur=entrepreneur, by=by)  # writes, then fails: all of it must roll back
            raise RuntimeError("disk full")
        return real_erase(entrepreneur=entrepreneur, by=by)

    monkeypatch.setattr(services, "entrepreneur_erase", erase)

    run = retention.retention_run(dry_run=False)

    entry = rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)
    assert entry["failures"] == [{"id": world["old"].pk, "error": "RuntimeError"}]
    assert entry["ids"] == [other_old.pk]
    failed = Entrepreneur.objects.get(pk=world["old"].pk)
    assert failed.erased_at is None and failed.first_name
    assert Entrepreneur.objects.get(pk=other_old.pk).erased_at is not None


def test_log_rules_report_every_row_counted_but_only_a_sample_of_ids(monkeypatch):
    monkeypatch.setattr(retention, "REPORT_MAX_IDS", 2)
    old = timezone.now() - timedelta(days=200)
    LoginFailure.objects.bulk_create(LoginFailure(username=f"u{i}", at=old) for i in range(3))

    dry = rule_entry(retention.retention_run(dry_run=True), RetentionAction.LOGIN_FAILURES)
    real = rule_entry(retention.retention_run(dry_run=False), RetentionAction.LOGIN_FAILURES)

    for entry in (dry, real):
        assert (entry["count"], len(entry["ids"]), entry["ids_truncated"]) == (3, 2, True)
    assert LoginFailure.objects.count() == 0


def test_a_failing_log_rule_is_reported_and_the_other_rules_still_run(world, admin_user, monkeypatch):
    def broken(cutoff):
        raise RuntimeError("table locked")

    spec = retention.ACTIONS[RetentionAction.LOGIN_FAILURES]
    monkeypatch.setitem(
        retention.ACTIONS,
        RetentionAction.LOGIN_FAILURES,
        retention.ActionSpec(**{**spec.__dict__, "apply_bulk": broken}),
    )

    run = retention.retention_run(dry_run=False)

    assert rule_entry(run, RetentionAction.LOGIN_FAILURES)["failures"] == [{"id": None, "error": "RuntimeError"}]
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is not None
    assert "RuntimeError" in mail.outbox[0].body


def test_a_disabled_rule_does_nothing(world):
    RetentionRule.objects.filter(action=RetentionAction.ENTREPRENEUR_INACTIVE).update(enabled=False)

    run = retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None
    entry = rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)
    assert (entry["enabled"], entry["count"]) == (False, 0)


def test_a_longer_period_spares_the_person(world):
    RetentionRule.objects.filter(action=RetentionAction.ENTREPRENEUR_INACTIVE).update(after=5)

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None


def test_a_period_under_the_rules_floor_is_refused():
    rule = RetentionRule.objects.get(action=RetentionAction.ENTREPRENEUR_INACTIVE)
    rule.after, rule.unit = 1, "days"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "at least 365 days" in str(error.value)


def test_a_period_past_a_century_is_refused_and_never_breaks_a_run(world):
    rule = RetentionRule.objects.get(action=RetentionAction.ENTREPRENEUR_INACTIVE)
    rule.after, rule.unit = 32000, "years"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "At most 100 years." in str(error.value)
    rule.save()  # as if written around the form

    run = retention.retention_run(dry_run=False)

    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["count"] == 0


def test_registrations_to_long_past_events_are_blanked_and_still_counted():
    old_event = cms_factories.event(days=-500, title="Atelier ancien")
    recent_event = cms_factories.event(days=-10, title="Atelier récent")
    old = EventRegistration.objects.create(event=old_event, first_name="Amina", email="amina@example.org")
    recent = EventRegistration.objects.create(event=recent_event, first_name="Yusuf", email="yusuf@example.org")

    run = retention.retention_run(dry_run=False)

    old.refresh_from_db()
    assert (old.first_name, old.email) == ("", f"erased-{old.pk}@erased.invalid")
    recent.refresh_from_db()
    assert recent.first_name == "Yusuf"
    assert rule_entry(run, RetentionAction.EVENT_REGISTRATIONS)["ids"] == [old.pk]
    assert EventRegistration.objects.filter(event=old_event).count() == 1


def test_old_import_previews_are_deleted(coach):
    old = ImportBatch.objects.create(created_by=coach, filename="people.csv", rows=[{"first_name": "Amina"}])
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    recent = ImportBatch.objects.create(created_by=coach, filename="new.csv", rows=[])

    retention.retention_run(dry_run=False)

    assert list(ImportBatch.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_nightly_schedule_exists_after_migrate_and_is_created_once():
    assert Schedule.objects.filter(name=RETENTION_SCHEDULE, func="interlab.core.tasks.retention_nightly").count() == 1
    ensure_schedules()
    assert Schedule.objects.filter(name=RETENTION_SCHEDULE).count() == 1
    assert Schedule.objects.get(name=RETENTION_SCHEDULE).schedule_type == Schedule.DAILY


def test_the_nightly_task_runs_for_real_and_mails_the_admins(world, admin_user):
    from interlab.core.tasks import retention_nightly

    counts = retention_nightly()

    assert counts[RetentionAction.ENTREPRENEUR_INACTIVE] == 1
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is not None
    assert [message.to for message in mail.outbox] == [[admin_user.email]]
    assert "<html" in html_part(mail.outbox[0])


def test_admins_get_the_report_in_their_own_language_with_ids_and_no_names(world, coach):
    french = UserFactory(role=Role.ADMIN, preferred_language="fr")
    english = UserFactory(role=Role.ADMIN, preferred_language="en")
    name = world["old"].first_name

    run = retention.retention_run(dry_run=False)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {french.email, english.email}  # the coach gets nothing
    english_body = by_address[english.email].body
    assert "- Erase entrepreneur files without activity: 1 entrepreneur file\n" in english_body
    assert "- Clear residence and origin without activity: 1 entrepreneur file\n" in english_body
    assert "- Delete failed logins: 0 failed logins\n" in english_body
    for admin in (french, english):
        with translation.override(admin.preferred_language):
            started = formats.date_format(timezone.localtime(run.started_at), "DATETIME_FORMAT")
        body = by_address[admin.email].body
        assert started in body
        assert name not in body


def test_a_dry_run_mails_nobody(world, admin_user):
    retention.retention_run(dry_run=True)
    assert mail.outbox == []


def test_the_command_has_a_dry_run(world, capsys):
    call_command("retention", "--dry-run")

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None
    out = capsys.readouterr().out
    assert "dry run" in out and "entrepreneur_inactive: 1" in out
    call_command("retention", "--no-mail")
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is not None
    assert mail.outbox == []


# --- the admin page -------------------------------------------------------------------------------------------

PAGES = [
    ("get", "/app/admin/retention/"),
    ("post", "/app/admin/retention/dry-run/"),
    ("get", "/app/admin/retention/run/"),
    ("post", "/app/admin/retention/run/"),
]


@pytest.mark.parametrize(("method", "path"), PAGES)
@pytest.mark.parametrize("role", [Role.COACH, Role.ENTREPRENEUR, Role.MENTOR, Role.FUNDER, Role.PARTNER])
def test_the_retention_pages_are_404_for_everyone_but_admins(client, method, path, role):
    client.force_login(UserFactory(role=role))
    assert getattr(client, method)(path, {"confirm": "on"}).status_code == 404
    assert RetentionRun.objects.count() == 0


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get("/app/admin/retention/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_lists_the_rules_and_the_last_runs(client, admin_user):
    run = retention.retention_run(dry_run=True)
    client.force_login(admin_user)
    with translation.override("en"):
        page = client.get("/app/admin/retention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Erase entrepreneur files without activity" in page and "3 years" in page
    assert f"/app/admin/retention/runs/{run.pk}/" in page
    assert "/django-admin/core/retentionrule/" in page


def test_dry_run_now_changes_nothing_and_shows_what_would_happen(client, admin_user, world):
    client.force_login(admin_user)
    response = client.post("/app/admin/retention/dry-run/")
    run = RetentionRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/app/admin/retention/runs/{run.pk}/"
    assert run.dry_run and run.triggered_by == admin_user
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None
    page = client.get(response["Location"]).content.decode()
    assert f"#{world['old'].pk}" in page and world["old"].first_name not in page


def test_run_now_needs_the_confirmation(client, admin_user, world):
    client.force_login(admin_user)
    retention.retention_run(dry_run=True)
    with translation.override("en"):
        confirm = client.get("/app/admin/retention/run/", HTTP_ACCEPT_LANGUAGE="en")
        refused = client.post("/app/admin/retention/run/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert confirm.status_code == 200 and "What the last dry run found" in confirm.content.decode()
    assert refused.status_code == 422 and "Tick the box to confirm." in refused.content.decode()
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None
    assert RetentionRun.objects.filter(dry_run=False).count() == 0

    done = client.post("/app/admin/retention/run/", {"confirm": "on"})

    run = RetentionRun.objects.get(dry_run=False)
    assert done["Location"] == f"/app/admin/retention/runs/{run.pk}/"
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is not None
    assert [message.to for message in mail.outbox] == [[admin_user.email]]


def test_a_run_that_does_not_exist_is_a_404(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/app/admin/retention/runs/999999/").status_code == 404


def test_the_rules_are_edited_in_the_django_admin_without_adding_or_deleting(client, admin_user):
    rule = RetentionRule.objects.get(action=RetentionAction.LOGIN_FAILURES)
    client.force_login(admin_user)
    url = f"/django-admin/core/retentionrule/{rule.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"after": "1", "unit": "years", "enabled": "on", "note": "CNIL"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.after, rule.unit, rule.note) == (1, "years", "CNIL")
    too_short = client.post(
        f"/django-admin/core/retentionrule/{RetentionRule.objects.get(action='entrepreneur_inactive').pk}/change/",
        {"after": "2", "unit": "days", "enabled": "on"},
    )
    assert too_short.status_code == 200  # the form again, with the error
    assert client.get("/django-admin/core/retentionrule/add/").status_code == 403


# --- second reading: people who are active, or not only entrepreneurs, are never taken ---------------------


@pytest.mark.parametrize("role", [Role.COACH, Role.ADMIN, Role.MENTOR])
def test_a_file_linked_to_a_staff_or_mentor_account_is_never_erased(world, role):
    User.objects.filter(pk=world["old"].user_id).update(role=role)

    run = retention.retention_run(dry_run=False)

    old = Entrepreneur.objects.get(pk=world["old"].pk)
    assert old.erased_at is None and old.first_name
    assert User.objects.get(pk=world["old"].user_id).is_active
    assert world["old"].pk not in rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"]


def test_a_file_linked_to_a_superuser_is_never_erased(world):
    User.objects.filter(pk=world["old"].user_id).update(is_superuser=True)

    run = retention.retention_run(dry_run=False)

    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == []
    assert User.objects.get(pk=world["old"].user_id).is_active


@pytest.mark.parametrize("status", ["submitted", "forwarded", "info_requested"])
def test_a_file_with_a_dossier_pending_at_the_region_is_kept(world, status):
    from interlab.dossiers.models import Dossier

    with time_machine.travel(years_ago(4), tick=False):
        Dossier.objects.create(project=world["old"].projects.get(), status=status)

    run = retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None
    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == []


def test_a_file_whose_refusal_can_still_be_appealed_is_kept(world):
    from interlab.dossiers.models import Dossier

    with time_machine.travel(years_ago(4), tick=False):
        Dossier.objects.create(
            project=world["old"].projects.get(),
            status="refused",
            appeal_deadline=timezone.localdate() + timedelta(days=1500),
        )

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None


def test_a_recent_use_of_an_api_token_keeps_a_file(world):
    from interlab.core.models import ApiToken

    token, _raw = ApiToken.issue(world["old"].user)
    ApiToken.objects.filter(pk=token.pk).update(created_at=years_ago(4), last_used_at=timezone.now())

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None


def test_a_recently_withdrawn_consent_keeps_a_file(world):
    from interlab.core.models import Consent, ConsentText

    text = ConsentText.objects.order_by("pk").first() or ConsentText.objects.create(key="intake", version=1, body="t")
    with time_machine.travel(years_ago(4), tick=False):
        consent = Consent.objects.create(entrepreneur=world["old"], text=text, purposes=["contact"])
    Consent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now() - timedelta(days=2))

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None


def test_a_rule_stored_under_its_floor_acts_on_nobody_and_says_so(world):
    RetentionRule.objects.filter(action=RetentionAction.ENTREPRENEUR_INACTIVE).update(after=1, unit="days")
    RetentionRule.objects.filter(action=RetentionAction.SENSITIVE_PROFILE_INACTIVE).update(after=0)

    run = retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.filter(erased_at__isnull=False).count() == 0
    assert SensitiveProfile.objects.count() == 3
    for action in (RetentionAction.ENTREPRENEUR_INACTIVE, RetentionAction.SENSITIVE_PROFILE_INACTIVE):
        entry = rule_entry(run, action)
        assert entry["count"] == 0 and entry["failures"] == [{"id": None, "error": "PeriodTooShort"}]


def test_the_dry_run_does_not_count_registrations_the_erasure_of_the_same_run_blanks(world):
    old_event = cms_factories.event(days=-1600, title="Atelier ancien")
    with time_machine.travel(years_ago(4.5), tick=False):
        linked = EventRegistration.objects.create(
            event=old_event, entrepreneur=world["old"], first_name="Amina", email="x@example.org"
        )
        by_email = EventRegistration.objects.create(
            event=old_event, first_name="Amina", email=world["old"].email.upper()
        )
        other = EventRegistration.objects.create(event=old_event, first_name="Yusuf", email="yusuf@example.org")

    dry = retention.retention_run(dry_run=True)
    real = retention.retention_run(dry_run=False)

    assert rule_entry(real, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == [world["old"].pk]
    for run in (dry, real):
        # One made with the person's e-mail but not linked is not theirs for the erasure: this rule blanks it.
        entry = rule_entry(run, RetentionAction.EVENT_REGISTRATIONS)
        assert (entry["count"], entry["ids"], entry["skipped"]) == (2, [by_email.pk, other.pk], 0), run.dry_run
    assert EventRegistration.objects.filter(pk__in=[linked.pk, by_email.pk], first_name="").count() == 2


def test_a_rule_whose_selection_fails_is_reported_and_what_was_done_before_is_recorded(world, admin_user, monkeypatch):
    def broken(cutoff, claimed):
        raise RuntimeError("statement timeout")

    spec = retention.ACTIONS[RetentionAction.EVENT_REGISTRATIONS]
    monkeypatch.setitem(
        retention.ACTIONS,
        RetentionAction.EVENT_REGISTRATIONS,
        retention.ActionSpec(**{**spec.__dict__, "candidates": broken}),
    )

    run = retention.retention_run(dry_run=False)

    run.refresh_from_db()
    assert run.finished_at is not None
    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == [world["old"].pk]
    assert rule_entry(run, RetentionAction.EVENT_REGISTRATIONS)["failures"] == [{"id": None, "error": "RuntimeError"}]
    assert len(run.rules) == len(RetentionAction.values)
    assert "RuntimeError" in mail.outbox[0].body


def test_the_report_is_saved_after_each_rule_so_a_killed_run_leaves_what_it_did(world, monkeypatch):
    def killed(cutoff, claimed):
        raise KeyboardInterrupt  # the worker is stopped mid-run: not an error to report, the run just ends

    spec = retention.ACTIONS[RetentionAction.EVENT_REGISTRATIONS]
    monkeypatch.setitem(
        retention.ACTIONS,
        RetentionAction.EVENT_REGISTRATIONS,
        retention.ActionSpec(**{**spec.__dict__, "candidates": killed}),
    )

    with pytest.raises(KeyboardInterrupt):
        retention.retention_run(dry_run=False)

    run = RetentionRun.objects.get()
    assert run.finished_at is None
    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == [world["old"].pk]


def test_a_recent_registration_made_with_the_persons_email_but_not_linked_is_not_their_activity(world):
    # Anyone can type an address: an unlinked registration neither keeps the file nor goes with its erasure.
    next_event = cms_factories.event(days=20, title="Atelier prochain")
    registration = EventRegistration.objects.create(
        event=next_event, first_name="Amina", email=world["old"].email.upper(), entrepreneur=None
    )

    run = retention.retention_run(dry_run=False)

    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == [world["old"].pk]
    registration.refresh_from_db()
    assert registration.first_name == "Amina"


def test_a_recent_registration_linked_to_the_file_keeps_it(world):
    next_event = cms_factories.event(days=20, title="Atelier prochain")
    EventRegistration.objects.create(
        event=next_event, first_name="Amina", email="x@example.org", entrepreneur=world["old"]
    )

    run = retention.retention_run(dry_run=False)

    assert rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)["ids"] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_nightly_run_and_run_now_at_once_erase_each_person_once(coach):
    import threading

    from django.db import connections

    people = [person_active_at(years_ago(4), coach=coach) for _ in range(4)]
    barrier = threading.Barrier(2)
    runs, errors = [], []

    def run():
        try:
            barrier.wait()
            runs.append(retention.retention_run(dry_run=False, notify=False))
        except Exception as exc:  # noqa: BLE001 - a deadlock or a lock timeout would show up here
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == [] and len(runs) == 2
    entries = [rule_entry(r, RetentionAction.ENTREPRENEUR_INACTIVE) for r in runs]
    assert [e["failures"] for e in entries] == [[], []]
    assert sorted(entries[0]["ids"] + entries[1]["ids"]) == sorted(p.pk for p in people)
    assert Entrepreneur.objects.filter(erased_at__isnull=False).count() == len(people)


def test_the_runs_cannot_be_started_by_a_get_or_a_post_without_the_csrf_token(admin_user, world):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)

    assert browser.get("/app/admin/retention/dry-run/").status_code == 405
    assert browser.get("/app/admin/retention/run/", {"confirm": "on"}).status_code == 200
    assert browser.post("/app/admin/retention/run/", {"confirm": "on"}).status_code == 403
    assert browser.post("/app/admin/retention/dry-run/").status_code == 403

    assert RetentionRun.objects.count() == 0
    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None


def test_a_run_stopped_in_the_middle_of_the_erasures_still_records_those_done(world, coach, monkeypatch):
    # The worker's time limit stops a long first run midway: what it erased by then must be in its report.
    more = [person_active_at(years_ago(5), coach=coach) for _ in range(3)]
    monkeypatch.setattr(retention, "REPORT_SAVE_EVERY", 1)
    real_erase = services.entrepreneur_erase
    erased = []

    def erase(*, entrepreneur, by):
        if len(erased) == 2:
            raise KeyboardInterrupt  # the worker is stopped
        erased.append(entrepreneur.pk)
        return real_erase(entrepreneur=entrepreneur, by=by)

    monkeypatch.setattr(services, "entrepreneur_erase", erase)

    with pytest.raises(KeyboardInterrupt):
        retention.retention_run(dry_run=False)

    run = RetentionRun.objects.get()
    assert len(more) == 3 and len(erased) == 2
    entry = rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)
    assert (entry["count"], entry["ids"]) == (2, erased)
    assert Entrepreneur.objects.filter(erased_at__isnull=False).count() == 2


def test_a_person_recently_on_a_waiting_list_of_the_tiers_lieu_is_kept(world):
    from interlab.tierslieu.models import Space, WaitlistEntry

    space = Space.objects.create(name="Salle Ourthe", kind="room", capacity=6)
    start = timezone.now() + timedelta(days=7)
    WaitlistEntry.objects.create(
        space=space, user=world["old"].user, title="Atelier", start=start, end=start + timedelta(hours=1)
    )

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is None
    assert WaitlistEntry.objects.filter(user=world["old"].user).exists()


def test_the_dry_run_does_not_count_failed_logins_that_the_erasure_of_the_same_run_deletes(world):
    old_username = world["old"].user.username
    LoginFailure.objects.create(username=old_username.upper(), ip_address="192.0.2.1", at=years_ago(1))
    other = LoginFailure.objects.create(username="someone", ip_address="192.0.2.1", at=years_ago(1))

    dry = retention.retention_run(dry_run=True)
    real = retention.retention_run(dry_run=False)

    for run in (dry, real):
        entry = rule_entry(run, RetentionAction.LOGIN_FAILURES)
        assert (entry["count"], entry["ids"]) == (1, [other.pk]), run.dry_run
    assert LoginFailure.objects.count() == 0


def test_failures_are_counted_in_full_but_listed_only_up_to_the_report_limit(world, coach, admin_user, monkeypatch):
    # A fault that hits every file (100,000 of them) must not make a report or an e-mail of 100,000 lines.
    monkeypatch.setattr(retention, "REPORT_MAX_IDS", 2)
    for _ in range(2):
        person_active_at(years_ago(5), coach=coach)

    def erase(*, entrepreneur, by):
        raise RuntimeError("storage down")

    monkeypatch.setattr(services, "entrepreneur_erase", erase)
    User.objects.filter(pk=admin_user.pk).update(preferred_language="en")

    run = retention.retention_run(dry_run=False)

    entry = rule_entry(run, RetentionAction.ENTREPRENEUR_INACTIVE)
    assert (len(entry["failures"]), entry["failed"], run.failures) == (2, 3, 3)
    assert mail.outbox[0].body.count("RuntimeError") == 2
    assert "3 failures" in mail.outbox[0].subject and "3 failures" in mail.outbox[0].body


def test_a_file_without_e_mail_is_not_kept_by_someone_elses_registration_without_e_mail(world):
    Entrepreneur.objects.filter(pk=world["old"].pk).update(email="")
    EventRegistration.objects.create(event=cms_factories.event(days=20), first_name="Yusuf", email="")

    retention.retention_run(dry_run=False)

    assert Entrepreneur.objects.get(pk=world["old"].pk).erased_at is not None


def test_read_notifications_go_after_their_period_and_unread_ones_stay(world, coach):
    from interlab.core.models import Notification

    def told(user, *, created, read=None, about=None):
        return Notification.objects.create(
            user=user, kind="test", subject="s", created_at=created, read_at=read, about=about
        ).pk

    old_read = told(coach, created=years_ago(1.1), read=years_ago(1))
    told(world["old"].user, created=years_ago(4), read=years_ago(4))  # its login goes with the erasure
    told(coach, created=years_ago(1.1), read=years_ago(1), about=world["old"])  # goes with the file it is about
    recent_read = told(coach, created=years_ago(0.2), read=timezone.now() - timedelta(days=20))
    old_unread = told(coach, created=years_ago(2))

    dry = retention.retention_run(dry_run=True)
    real = retention.retention_run(dry_run=False)

    for run in (dry, real):
        entry = rule_entry(run, RetentionAction.NOTIFICATIONS_READ)
        assert (entry["count"], entry["ids"]) == (1, [old_read]), run.dry_run
    assert set(Notification.objects.values_list("pk", flat=True)) == {recent_read, old_unread}


def test_answered_mentor_applications_go_after_their_period_and_waiting_ones_stay(world, coach):
    from interlab.mentoring.models import ApplicationStatus, MentorApplication

    def application(status, *, decided=None, email="", created=None):
        return MentorApplication.objects.create(
            first_name="Lucie",
            email=email,
            status=status,
            decided_at=decided,
            created_at=created or years_ago(1.5),
        ).pk

    declined = application(ApplicationStatus.DECLINED, decided=years_ago(1))
    approved = application(ApplicationStatus.APPROVED, decided=years_ago(1))
    application(ApplicationStatus.DECLINED, decided=years_ago(1), email=world["old"].email.upper())  # erased first
    recent = application(ApplicationStatus.DECLINED, decided=timezone.now() - timedelta(days=20))
    waiting = application(ApplicationStatus.PENDING)

    dry = retention.retention_run(dry_run=True)
    real = retention.retention_run(dry_run=False)

    for run in (dry, real):
        entry = rule_entry(run, RetentionAction.MENTOR_APPLICATIONS)
        assert (entry["count"], entry["ids"]) == (2, [declined, approved]), run.dry_run
    assert set(MentorApplication.objects.values_list("pk", flat=True)) == {recent, waiting}


def test_the_page_without_runs_speaks_of_the_schedule_not_of_mentoring_pairs(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/app/admin/retention/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Le calendrier de conservation n'a pas encore tourné." in html
    assert "appariement" not in html
