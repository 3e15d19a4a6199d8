"""Regressions from the review round: session dates, what a mentee learns of a decline, weights input and races."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from interlab.mentoring import services
from interlab.mentoring.models import MatchingWeights, MentoringSession, MentorProfile

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


def post(client, path, body=None):
    return client.post(
        path, data=body if isinstance(body, str) else json.dumps(body or {}), content_type="application/json"
    )


@pytest.fixture
def running_pair(coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentor = make_mentor()
    match = make_offer(mentee, mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    return match


@pytest.mark.parametrize("held_on", ["9999-12-31", "0001-01-01"])
def test_a_session_far_in_the_future_or_before_the_pair_is_refused_by_the_api(running_pair, held_on):
    client = Client()
    client.force_login(running_pair.mentor.user)
    response = post(client, f"/api/v1/matches/{running_pair.pk}/sessions", {"held_on": held_on})
    assert response.status_code == 422, response.content
    assert response.json()["errors"][0]["field"] == "held_on"
    assert not MentoringSession.objects.exists()
    today = timezone.localdate().isoformat()
    assert post(client, f"/api/v1/matches/{running_pair.pk}/sessions", {"held_on": today}).status_code == 201


def test_a_session_before_the_pair_started_is_a_message_on_the_page(running_pair, entrepreneur_user):
    client = Client()
    client.force_login(entrepreneur_user)
    before = timezone.localdate(running_pair.accepted_at) - timedelta(days=1)
    response = client.post(
        f"/app/mentoring/pairs/{running_pair.pk}/session/",
        {"held_on": before.isoformat(), "minutes": "60"},
        follow=True,
    )
    assert response.status_code == 200
    assert not MentoringSession.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_the_mentee_is_not_told_why_a_mentor_declined(coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentor = make_mentor()
    match = make_offer(mentee, mentor, coach)
    services.match_decline(match=match, by=mentor.user, reason="no_time", note="trop occupé")
    client = Client()
    client.force_login(entrepreneur_user)
    items = client.get("/api/v1/matches?status=declined").json()["items"]
    assert [i["id"] for i in items] == [match.pk] and items[0]["decline_reason"] == ""
    assert client.get(f"/api/v1/matches/{match.pk}").json()["decline_reason"] == ""
    client.force_login(mentor.user)
    assert client.get(f"/api/v1/matches/{match.pk}").json()["decline_reason"] == "no_time"
    client.force_login(coach)
    assert client.get(f"/api/v1/matches/{match.pk}").json()["decline_reason"] == "no_time"


@pytest.mark.parametrize(
    "value", ["true", "false", '"3"', "null", "NaN", "Infinity", "-Infinity", "-0.5", "1e400", "101"]
)
def test_weights_that_are_not_a_number_from_0_to_100_are_422(client, admin_user, value):
    client.force_login(admin_user)
    response = post(client, "/api/v1/matching/weights", f'{{"weights": {{"languages": {value}}}}}')
    assert response.status_code == 422, response.content
    assert not MatchingWeights.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_administrators_saving_the_first_weights_at_once_both_succeed(admin_user):
    from tests.factories import UserFactory

    other = UserFactory(role=admin_user.role)
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, value):
        try:
            barrier.wait()
            services.weights_set(by=user, programme=None, weights={"languages": value})
            outcomes.append("ok")
        except Exception as exc:  # noqa: BLE001 - an IntegrityError here was a server error
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(u, v)) for u, v in ((admin_user, 2.0), (other, 4.0))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == ["ok", "ok"], outcomes
    row = MatchingWeights.objects.get(programme__isnull=True)
    assert row.weights["languages"] in (2.0, 4.0) and row.version == 3
    assert connection.vendor in ("sqlite", "postgresql")


def test_the_first_weights_saved_past_the_check_update_the_row_another_admin_created(admin_user, monkeypatch):
    services.weights_set(by=admin_user, programme=None, weights={"languages": 2})
    # As if the other administrator's row was not committed yet when this one looked for it.
    monkeypatch.setattr(MatchingWeights.objects, "select_for_update", lambda: MatchingWeights.objects.none())
    row = services.weights_set(by=admin_user, programme=None, weights={"languages": 5})
    assert row.version == 3 and MatchingWeights.objects.get().weights["languages"] == 5.0


def test_matching_with_odd_data_never_fails(coach):
    no_language = make_mentee(languages=())
    make_mentee(languages=("fr",), needs=())
    arabic = make_mentee(languages=("ar",), needs=("financing", "financing"))
    full = make_mentor(languages=("fr", "ar"))
    MentorProfile.objects.filter(pk=full.pk).update(capacity=0)  # older rows may hold 0 places
    make_mentor(languages=("fr",), paused=True)
    open_mentor = make_mentor(languages=("ar", "fr"), expertise=(), expertise_text="")
    make_mentor(languages=())
    services.match_exclude  # noqa: B018 - exclusions below are both a coach's and a decline's
    from interlab.mentoring.models import Exclusion

    Exclusion.objects.create(mentee=arabic, mentor=open_mentor, reason="coach")
    for mode in ("optimal", "shortlist"):
        run = services.matching_run(by=coach, mode=mode)
        pairs = set(run.matches.values_list("mentee_id", "mentor_id"))
        assert run.status == "done" and pairs
        assert all(mentee != no_language.pk and mentor != full.pk for mentee, mentor in pairs)
        assert (arabic.pk, open_mentor.pk) not in pairs
    assert services.propose_next(mentee=no_language, programme=None) is None


def test_the_database_holds_one_default_weights_row_only():
    from django.db import IntegrityError, transaction

    MatchingWeights.objects.create(programme=None, weights={})
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchingWeights.objects.create(programme=None, weights={})


def test_a_reminder_recorded_from_a_stale_copy_keeps_the_others(running_pair):
    from interlab.mentoring import tasks
    from interlab.mentoring.models import Match

    stale = Match.objects.get(pk=running_pair.pk)
    assert tasks._remind_once(Match.objects.get(pk=running_pair.pk), "fit")  # another worker, same hour
    assert tasks._remind_once(stale, "session:2026-01-01")
    assert not tasks._remind_once(stale, "fit")
    assert set(Match.objects.get(pk=running_pair.pk).reminders) == {"fit", "session:2026-01-01"}


@pytest.mark.parametrize(
    "body,expected",
    [
        ({"first_name": "Anne", "last_name": "D'Hondt"}, "anne.dhondt"),
        ({"first_name": "Zoë", "last_name": "Van (Gent)"}, "zoë.vangent"),
        ({"first_name": "Seán", "email": "o'neil@example.org"}, "oneil"),
        ({"first_name": "'", "last_name": "'"}, "mentor"),
    ],
)
def test_a_mentor_with_an_apostrophe_or_brackets_in_the_name_is_created(api, body, expected):
    response = post(api, "/api/v1/mentors", body)
    assert response.status_code == 201, response.content
    assert MentorProfile.objects.get(pk=response.json()["id"]).user.username == expected


def test_a_login_name_taken_at_the_same_instant_gets_another_one(coach, monkeypatch):
    from django.db.models import QuerySet

    from interlab.core.models import User
    from tests.factories import UserFactory

    UserFactory(username="isabelle")
    real_exists, real_clean = QuerySet.exists, User.full_clean
    # As if the other login was committed after this one's checks.
    monkeypatch.setattr(
        QuerySet,
        "exists",
        lambda qs: False if qs.model is User and "username" in str(qs.query.where) else real_exists(qs),
    )
    monkeypatch.setattr(User, "full_clean", lambda self, **kw: real_clean(self, **{**kw, "validate_unique": False}))
    mentor = services.mentor_create(by=coach, first_name="Isabelle", email="isabelle@example.org")
    assert mentor.user.username.startswith("isabelle-") and User.objects.filter(username="isabelle").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coaches_swapping_the_same_proposals_in_opposite_directions_never_deadlock(coach):
    from interlab.mentoring.models import Match

    a, b = make_mentor(languages=("fr",)), make_mentor(languages=("fr",))
    first = Match.objects.create(mentee=make_mentee(), mentor=a, score=50)
    second = Match.objects.create(mentee=make_mentee(), mentor=b, score=50)
    outcomes = []

    for _round in range(4):
        barrier = threading.Barrier(2)

        def swap(x, y, barrier=barrier):
            try:
                barrier.wait()
                services.match_swap(match=x, other=y, by=coach)
                outcomes.append("ok")
            except Exception as exc:  # noqa: BLE001 - a deadlock would show up here
                outcomes.append(repr(exc))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=swap, args=p) for p in ((first, second), (second, first))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert outcomes == ["ok"] * 8, outcomes
    # Eight swaps: every mentor is back in place.
    assert Match.objects.get(pk=first.pk).mentor_id == a.pk and Match.objects.get(pk=second.pk).mentor_id == b.pk


def test_a_proposal_excluded_by_another_coach_meanwhile_is_not_found(client, coach):
    from interlab.mentoring.models import Match

    match = Match.objects.create(mentee=make_mentee(), mentor=make_mentor(), score=50)
    stale = Match.objects.get(pk=match.pk)
    services.match_exclude(match=match, by=coach)
    from django.http import Http404

    with pytest.raises(Http404):
        services.match_publish(match=stale, by=coach)
