"""Erasing people (GDPR) leaves every impact figure as it was: the dashboard, the needs report and the API.

The world of tests/impact/conftest.py (launches, follow-ups, financing, referrals, ESF+ categories) plus logins,
six mentoring pairs, bookings in the house and a professional-card dossier. Four people of different stages are
erased through the CRM's erasure service, the nightly repairs run, and the figures are computed again.
"""

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder

from interlab.core.models import Role
from interlab.crm import services as crm_services
from interlab.crm.models import Entrepreneur
from interlab.dossiers import services as dossier_services
from interlab.impact import selectors, services
from interlab.impact.models import Release
from interlab.mentoring import services as mentoring_services
from interlab.mentoring.models import Match
from interlab.tierslieu import services as tierslieu
from interlab.tierslieu.models import OpeningHours, Space
from tests.factories import UserFactory
from tests.mentoring.factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
YEAR_2025 = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}
VOLATILE = {"generated_at", "released_at"}


@pytest.fixture(autouse=True)
def _sync_tasks(settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}


def stable(data):
    """The figures as JSON, without the moment they were computed or any cache token."""
    data = json.loads(json.dumps(data, cls=DjangoJSONEncoder))

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in VOLATILE and "token" not in k}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)


def figures(client, users) -> dict:
    """Every figure the staff and the funder see, for 2025 and by default, computed afresh (no cache, no release:
    released figures never move anyway, what is checked here is that computing them again gives the same)."""
    cache.clear()
    Release.objects.all().delete()
    out = {}
    for user in users:
        for name, period in (("2025", YEAR_2025), ("last-12-months", {})):
            scope = selectors.scope_for(user, **period)
            out[f"{user.username} summary {name}"] = stable(services.summary(user, scope))
            Release.objects.all().delete()
            out[f"{user.username} needs {name}"] = stable(selectors.needs_report(user, scope))
        client.force_login(user)
        for query in ("?from=2025-01-01&to=2025-12-31", ""):
            response = client.get(f"/api/v1/impact/summary{query}")
            assert response.status_code == 200, response.content[:300]
            out[f"{user.username} api {query}"] = stable(response.json())
            Release.objects.all().delete()
    cache.clear()
    return out


def differences(before: dict, after: dict, path: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        return [
            d for k in sorted(set(before) | set(after)) for d in differences(before.get(k), after.get(k), f"{path}/{k}")
        ]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            d for i, (b, a) in enumerate(zip(before, after, strict=True)) for d in differences(b, a, f"{path}[{i}]")
        ]
    return [] if before == after else [f"{path}: {before!r} → {after!r}"]


def login_for(person: Entrepreneur, name: str):
    user = UserFactory(username=name, role=Role.ENTREPRENEUR)
    Entrepreneur.objects.filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    return user


@pytest.fixture
def house(db):
    space = Space.objects.create(name="Salle Meuse", kind="room", capacity=8, closed_on_public_holidays=False)
    for weekday in range(5):
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(8, 0), closes=time(20, 0))
    return space


@pytest.fixture
def full_world(world, funded, funder, coach, house, admin_user):
    """The impact world, with logins, mentoring pairs, bookings and a dossier for the people to be erased."""
    import time_machine

    launched, follow_up, starting, paused = world["L"][0], world["S"][6], world["O"][0], world["paused"]
    users = {p.pk: login_for(p, f"person-{p.pk}") for p in (launched, follow_up, starting, paused)}

    # Six running pairs of local mentors and newcomers in the funded programme; the launched person is a mentee.
    mentees = [launched] + [make_mentee(newcomer=True, programme=funded) for _ in range(5)]
    Entrepreneur.objects.filter(pk=launched.pk).update(arrival_year=2019)
    launched.refresh_from_db()
    launched.spoken_languages.create(code="fr", level="B2")
    for mentee in mentees:
        mentor = make_mentor(is_local=True, capacity=1)
        match = make_offer(mentee, mentor, coach)
        mentoring_services.match_accept(match=match, by=mentor.user)
        Match.objects.filter(pk=match.pk).update(programme=funded)
        mentoring_services.session_log(match=match, by=mentor.user, minutes=90, note="Plan financier")
        mentoring_services.match_feedback(match=match, by=mentor.user, satisfaction=4, comment="Très motivée")
    launched_pair = Match.objects.get(mentee=launched)

    # Bookings in June 2025: six by the people to be erased and others, some checked in.
    with time_machine.travel(datetime(2025, 6, 2, 8, 0, tzinfo=BRUSSELS), tick=False):
        bookers = [*users.values(), coach, admin_user]
        for n, user in enumerate(bookers):
            start = datetime(2025, 6, 3 + n % 4, 9 + 2 * (n // 4), 0, tzinfo=BRUSSELS)
            tierslieu.book(by=coach, user=user, space=house, start=start, end=start + timedelta(hours=2), title="RDV")

    # A professional-card dossier for the launched person's project, submitted.
    project = launched.projects.get()
    dossier = dossier_services.dossier_create(project=project, by=coach)
    dossier_services.dossier_update(dossier=dossier, by=coach, project_summary="Traiteur", jobs_planned=2)
    return {"erased": [launched, follow_up, starting, paused], "users": users, "pair": launched_pair}


def erase_and_run_the_nightly_jobs(people, admin_user) -> None:
    from interlab.dossiers.services import dossiers_purge_erased
    from interlab.impact.participants import participants_refresh

    for person in people:
        crm_services.entrepreneur_erase(entrepreneur=person, by=admin_user)
    participants_refresh()
    dossiers_purge_erased()


def test_the_figures_are_identical_after_erasing_people_of_every_stage(client, full_world, admin_user, funder, coach):
    pair = full_world["pair"]
    mentoring_services.match_end(match=pair, by=pair.mentor.user, reason="Programme terminé")
    before = figures(client, [admin_user, funder])
    # The world is meaningful: the figures the comparison rests on are shown, not suppressed.
    summary = before["funder summary 2025"]
    assert summary["launched"]["total"]["value"] == 6
    assert summary["people"]["accompanied"]["value"] >= 10
    assert summary["financing"]["amount"]["value"] > 0
    mentoring = {row["key"]: row["value"] for row in before["admin summary last-12-months"]["mentoring"]}
    assert mentoring["pairs_active"] == 5 and mentoring["bridging_ties"] == 6
    spaces = {row["key"]: row["value"] for row in before["admin summary 2025"]["spaces"]["totals"]}
    assert spaces["bookings"] == 6 and spaces["occupancy"] > 0

    erase_and_run_the_nightly_jobs(full_world["erased"], admin_user)
    assert all(Entrepreneur.objects.get(pk=p.pk).erased_at for p in full_world["erased"])

    after = figures(client, [admin_user, funder])
    assert differences(before, after) == [], "\n".join(differences(before, after))


def test_deleting_a_person_instead_of_erasing_changes_the_figures(client, full_world, admin_user, funder):
    """The comparison above can fail: removing the person's rows (instead of erasing them) moves the figures."""
    before = figures(client, [admin_user, funder])
    full_world["erased"][0].projects.all().delete()
    after = figures(client, [admin_user, funder])
    assert differences(before, after)


def test_erasing_a_mentee_of_a_running_pair_only_ends_that_pair(client, full_world, admin_user, funder):
    """The one figure an erasure moves, on purpose: the running pair ends (the mentor's place is freed), so it
    leaves "active pairs" for "ended early". Every other figure stays as it was."""
    from interlab.mentoring.selectors import impact_figures

    launched = full_world["erased"][0]
    raw_before = impact_figures()
    before = figures(client, [admin_user, funder])
    erase_and_run_the_nightly_jobs([launched], admin_user)
    raw_after = impact_figures()
    after = figures(client, [admin_user, funder])

    assert raw_after["pairs_active"] == raw_before["pairs_active"] - 1
    assert raw_after["pairs_ended_early"] == raw_before["pairs_ended_early"] + 1
    moved = {key for key in raw_before if raw_before[key] != raw_after[key]}
    assert moved == {"pairs_active", "pairs_ended_early"}
    mentoring_rows = [row["key"] for row in before["admin summary last-12-months"]["mentoring"]]
    active_row = mentoring_rows.index("pairs_active")
    # The pairs are this year's: only the current year moves, which is staff's default view (a funder's default
    # is the last closed year).
    expected = {
        f"/{name}/mentoring[{active_row}]/value: 6 → 5"
        for name in before
        if name.startswith("admin") and ("summary last-12-months" in name or name.endswith("api "))
    }
    assert set(differences(before, after)) == expected
