"""A pending offer holds one of the mentor's places; an offer that can no longer be honoured is withdrawn and its
mentee goes back to the pool with a notice (issue 17, "Pending offers do not hold a mentor's place")."""

import threading

import pytest
from django.db import connections

from interlab.core.errors import Conflict
from interlab.core.models import Notification
from interlab.mentoring import services
from interlab.mentoring.models import Match, MatchStatus, Withdrawal
from tests.factories import UserFactory

from .factories import make_mentee, make_mentor, make_offer, make_stale_offer

pytestmark = pytest.mark.django_db


def _proposal(mentee, mentor) -> Match:
    match = Match(mentee=mentee, mentor=mentor)
    services._rescore(match)
    match.save()
    return match


def test_a_mentor_whose_only_place_a_pending_offer_holds_gets_no_new_proposal(coach):
    mentor = make_mentor(capacity=1)
    make_offer(make_mentee(), mentor, coach)
    make_mentee()
    run = services.matching_run(by=coach)
    assert run.matches.filter(mentor=mentor).count() == 0


def test_a_run_counts_pending_offers_in_the_free_places(coach):
    mentor = make_mentor(capacity=2)
    make_offer(make_mentee(), mentor, coach)
    make_mentee()
    make_mentee()
    run = services.matching_run(by=coach)
    assert run.matches.filter(mentor=mentor).count() == 1


def test_publishing_a_second_run_leaves_no_more_open_offers_than_places(coach):
    mentor = make_mentor(capacity=1)
    make_mentee()
    first = services.matching_run(by=coach)
    services.run_publish(run=first, by=coach)
    make_mentee()
    second = services.matching_run(by=coach)
    services.run_publish(run=second, by=coach)
    assert Match.objects.filter(mentor=mentor, status=MatchStatus.OFFERED).count() == 1


def test_publishing_an_offer_beyond_the_mentor_s_places_is_refused(coach):
    mentor = make_mentor(capacity=1)
    make_offer(make_mentee(), mentor, coach)
    proposal = _proposal(make_mentee(), mentor)
    with pytest.raises(Conflict) as caught:
        services.match_publish(match=proposal, by=coach)
    assert caught.value.code == "mentor_full"


def test_the_next_proposal_after_a_decline_skips_a_mentor_whose_places_offers_hold(coach):
    mentee = make_mentee()
    declining = make_mentor()
    full = make_mentor(capacity=1)
    make_offer(make_mentee(), full, coach)
    match = make_offer(mentee, declining, coach)
    _declined, following = services.match_decline(match=match, by=declining.user, reason="no_time")
    assert following is None


def test_accepting_the_last_place_withdraws_the_mentor_s_other_offers(coach):
    mentor = make_mentor(capacity=1)
    first = make_offer(make_mentee(), mentor, coach)
    stale = make_stale_offer(make_mentee(), mentor)
    services.match_accept(match=first, by=mentor.user)
    stale.refresh_from_db()
    assert (stale.status, stale.withdrawal) == (MatchStatus.WITHDRAWN, Withdrawal.NO_PLACE)


def test_the_mentee_of_a_withdrawn_offer_is_told(coach):
    mentor = make_mentor(capacity=1)
    first = make_offer(make_mentee(), mentor, coach)
    person = UserFactory(role="entrepreneur")
    make_stale_offer(make_mentee(user=person), mentor)
    services.match_accept(match=first, by=mentor.user)
    assert Notification.objects.filter(user=person, kind="mentoring.offer_lapsed").count() == 1


def test_the_mentor_answering_the_withdrawn_offer_is_told_it_was_closed(coach):
    mentor = make_mentor(capacity=1)
    first = make_offer(make_mentee(), mentor, coach)
    stale = make_stale_offer(make_mentee(), mentor)
    services.match_accept(match=first, by=mentor.user)
    with pytest.raises(Conflict) as caught:
        services.match_accept(match=stale, by=mentor.user)
    assert caught.value.code == "withdrawn"


def test_a_mentee_whose_offer_can_no_longer_be_honoured_is_proposed_again_by_the_next_run(coach):
    full = make_mentor(capacity=1)
    services.match_accept(match=make_offer(make_mentee(), full, coach), by=full.user)
    waiting = make_mentee()
    make_stale_offer(waiting, full)  # the dead offer older code left behind
    other = make_mentor(capacity=1)
    run = services.matching_run(by=coach)
    assert list(run.matches.filter(mentee=waiting).values_list("mentor", flat=True)) == [other.pk]


def test_an_offer_closed_for_want_of_a_place_does_not_rule_the_mentor_out(coach):
    mentor = make_mentor(capacity=1)
    running = make_offer(make_mentee(), mentor, coach)
    waiting = make_mentee()
    make_stale_offer(waiting, mentor)
    services.match_accept(match=running, by=mentor.user)
    services.match_end(match=running, by=mentor.user, reason="objectif atteint")
    run = services.matching_run(by=coach)
    assert list(run.matches.filter(mentee=waiting).values_list("mentor", flat=True)) == [mentor.pk]


def test_an_offer_a_coach_withdrew_still_rules_the_pair_out(coach):
    mentor = make_mentor(capacity=1)
    mentee = make_mentee()
    services.match_withdraw(match=make_offer(mentee, mentor, coach), by=coach)
    run = services.matching_run(by=coach)
    assert run.matches.filter(mentee=mentee).count() == 0


def test_lowering_capacity_withdraws_the_newest_offers_beyond_it(coach):
    mentor = make_mentor(capacity=2)
    older = make_offer(make_mentee(), mentor, coach)
    newer = make_offer(make_mentee(), mentor, coach)
    services.mentor_update(mentor=mentor, by=mentor.user, capacity=1)
    statuses = dict(Match.objects.filter(pk__in=[older.pk, newer.pk]).values_list("pk", "status"))
    assert statuses == {older.pk: MatchStatus.OFFERED, newer.pk: MatchStatus.WITHDRAWN}


def test_the_api_counts_a_mentor_s_pending_offers(api, coach):
    mentor = make_mentor(capacity=2)
    make_offer(make_mentee(), mentor, coach)
    body = api.get(f"/api/v1/mentors/{mentor.pk}").json()
    assert (body["active_mentees"], body["pending_offers"]) == (0, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coaches_publishing_for_one_place_at_the_same_instant_send_one_offer(coach, other_coach):
    mentor = make_mentor(capacity=1)
    proposals = [_proposal(make_mentee(), mentor) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def publish(match, by):
        try:
            barrier.wait()
            services.match_publish(match=match, by=by)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # noqa: BLE001 - a lock timeout would show up here
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=publish, args=pair) for pair in zip(proposals, (coach, other_coach), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["mentor_full", "ok"], outcomes
