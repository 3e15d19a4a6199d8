"""The life of a pair: offer, accept within capacity, decline with the next proposal, fit, sessions, end."""

import threading

import pytest
from django.db import connection, connections

from interlab.core.errors import Conflict, Forbidden
from interlab.mentoring import services
from interlab.mentoring.models import Exclusion, Match, MatchStatus, MentorProfile
from tests.factories import UserFactory

from .factories import make_mentee, make_mentor, make_offer, make_stale_offer


@pytest.mark.django_db
def test_the_mentor_accepts_and_the_pair_is_active(coach):
    mentor = make_mentor()
    match = make_offer(make_mentee(), mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE and match.accepted_at is not None


@pytest.mark.django_db
def test_accepting_beyond_capacity_is_a_conflict(coach):
    mentor = make_mentor(capacity=1)
    first = make_offer(make_mentee(), mentor, coach)
    services.match_accept(match=first, by=mentor.user)
    second = make_stale_offer(make_mentee(), mentor)
    with pytest.raises(Conflict) as caught:
        services.match_accept(match=second, by=mentor.user)
    assert caught.value.code == "over_capacity"
    second.refresh_from_db()
    assert second.status == MatchStatus.OFFERED


@pytest.mark.django_db
def test_accepting_a_withdrawn_offer_is_a_conflict(coach):
    mentor = make_mentor()
    match = make_offer(make_mentee(), mentor, coach)
    services.match_withdraw(match=match, by=coach)
    with pytest.raises(Conflict) as caught:
        services.match_accept(match=match, by=mentor.user)
    assert caught.value.code == "withdrawn"


@pytest.mark.django_db
def test_only_the_offered_mentor_can_answer(coach, mentor):
    other = make_mentor()
    match = make_offer(make_mentee(), other, coach)
    with pytest.raises(Forbidden):
        services.match_accept(match=match, by=mentor)


@pytest.mark.django_db
def test_a_decline_records_the_reason_and_proposes_the_next_best_mentor(coach):
    mentee = make_mentee()
    first, second = make_mentor(), make_mentor()
    match = make_offer(mentee, first, coach)
    declined, following = services.match_decline(match=match, by=first.user, reason="no_time")
    assert declined.status == MatchStatus.DECLINED and declined.decline_reason == "no_time"
    assert Exclusion.objects.filter(mentee=mentee, mentor=first).exists()
    assert following is not None and following.mentor == second and following.status == MatchStatus.PROPOSED
    # The declined pair is never proposed again, even by a new run.
    run = services.matching_run(by=coach)
    assert not run.matches.filter(mentor=first).exists()


@pytest.mark.django_db
def test_a_bad_fit_ends_the_pair_early_and_offers_a_re_pair(coach):
    mentee_user = UserFactory(role="entrepreneur")
    mentee = make_mentee(user=mentee_user)
    first, second = make_mentor(), make_mentor()
    match = make_offer(mentee, first, coach)
    services.match_accept(match=match, by=first.user)
    services.session_log(match=match, by=mentee_user, minutes=45, note="Premier café")
    updated, following = services.match_fit(match=match, by=mentee_user, fit="bad")
    assert updated.status == MatchStatus.ENDED and updated.ended_early
    assert following is not None and following.mentor == second


@pytest.mark.django_db
def test_mentor_or_mentee_end_the_pair_and_give_feedback(coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentor = make_mentor()
    match = make_offer(mentee, mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    services.match_feedback(match=match, by=entrepreneur_user, satisfaction=5, comment="Merci")
    services.match_end(match=match, by=entrepreneur_user, reason="Objectif atteint")
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED and not match.ended_early
    with pytest.raises(Conflict):
        services.match_end(match=match, by=mentor.user)


@pytest.mark.django_db
def test_a_mentee_cannot_have_two_offers_at_once(coach):
    mentee = make_mentee()
    make_offer(mentee, make_mentor(), coach)
    with pytest.raises(Conflict):
        make_offer(mentee, make_mentor(), coach)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_accepts_at_the_same_instant_never_exceed_capacity(coach):
    mentor = make_mentor(capacity=4)
    offers = [make_offer(make_mentee(), mentor, coach) for _ in range(4)]
    # Four offers for one place, as a capacity lowered outside the services (or older data) leaves them.
    MentorProfile.objects.filter(pk=mentor.pk).update(capacity=1)
    barrier = threading.Barrier(len(offers))
    outcomes = []

    def accept(match):
        try:
            barrier.wait()
            services.match_accept(match=match, by=mentor.user)
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        except Exception as exc:  # noqa: BLE001 - a lock timeout would show up here
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(m,)) for m in offers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 3 + ["ok"], outcomes
    assert Match.objects.filter(mentor=mentor, status=MatchStatus.ACTIVE).count() == 1
    assert connection.vendor in ("sqlite", "postgresql")


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_pair_for_one_mentee_even_past_the_check(coach, monkeypatch):
    mentee = make_mentee()
    make_offer(mentee, make_mentor(), coach)
    second = Match.objects.create(mentee=mentee, mentor=make_mentor(), score=40)
    # As if another coach's check ran before the first offer was committed.
    monkeypatch.setattr(Match.objects, "open", lambda: Match.objects.none())
    with pytest.raises(Conflict):
        services.match_publish(match=second, by=coach)
    second.refresh_from_db()
    assert second.status == MatchStatus.PROPOSED
