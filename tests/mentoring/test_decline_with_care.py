"""Declining an offer: confirmed, with a reason and the mentor's words, and taken back within a few minutes."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from interlab.core.errors import Conflict, Forbidden
from interlab.mentoring import services
from interlab.mentoring.models import Exclusion, Match, MatchStatus

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(coach, mentor):
    return make_offer(make_mentee(first_name="Fatou"), make_mentor(user=mentor), coach)


def _decline(client, match, **data):
    return client.post(f"/app/mentoring/pairs/{match.pk}/decline/", {"reason": "expertise", "confirm": "1", **data})


def test_an_unconfirmed_decline_leaves_the_offer_open(client, mentor, offer):
    client.force_login(mentor)
    client.post(f"/app/mentoring/pairs/{offer.pk}/decline/", {"reason": "no_time"})
    offer.refresh_from_db()
    assert offer.status == MatchStatus.OFFERED


def test_the_decline_keeps_the_reason_and_the_mentor_s_words(client, mentor, offer):
    client.force_login(mentor)
    _decline(client, offer, note="  Je ne connais pas la restauration.  ")
    offer.refresh_from_db()
    assert (offer.decline_reason, offer.decline_note) == ("expertise", "Je ne connais pas la restauration.")


def test_an_unknown_reason_is_refused_with_a_message(client, mentor, offer):
    client.force_login(mentor)
    response = _decline(client, offer, reason="bored")
    offer.refresh_from_db()
    assert offer.status == MatchStatus.OFFERED and response.status_code == 302


def test_the_inbox_offers_the_undo_after_a_decline(client, mentor, offer):
    client.force_login(mentor)
    _decline(client, offer)
    assert 'data-action="undo-decline"' in client.get("/app/mentoring/inbox/").content.decode()


def test_the_mentor_takes_a_decline_back_within_the_window(client, mentor, offer):
    client.force_login(mentor)
    _decline(client, offer)
    with time_machine.travel(timezone.now() + timedelta(minutes=4)):
        client.post(f"/app/mentoring/pairs/{offer.pk}/undo-decline/")
    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason, offer.responded_at) == (MatchStatus.OFFERED, "", None)


def test_an_undo_lifts_the_exclusion_and_the_proposal_made_in_its_place(client, mentor, offer):
    make_mentor(languages=("fr",))  # a second mentor with a free place: the decline proposes them
    client.force_login(mentor)
    _decline(client, offer)
    client.post(f"/app/mentoring/pairs/{offer.pk}/undo-decline/")
    proposals = Match.objects.filter(mentee=offer.mentee, status=MatchStatus.PROPOSED).count()
    assert (Exclusion.objects.count(), proposals) == (0, 0)


def test_after_the_window_the_decline_stands(mentor, offer):
    services.match_decline(match=offer, by=mentor, reason="no_time")
    later = timezone.now() + timedelta(minutes=services.DECLINE_UNDO_MINUTES, seconds=1)
    with time_machine.travel(later), pytest.raises(Conflict) as refused:
        services.match_decline_undo(match=offer, by=mentor)
    assert refused.value.code == "undo_expired"


def test_the_inbox_no_longer_offers_the_undo_after_the_window(client, mentor, offer):
    services.match_decline(match=offer, by=mentor, reason="no_time")
    client.force_login(mentor)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        content = client.get("/app/mentoring/inbox/").content.decode()
    assert 'data-action="undo-decline"' not in content


def test_no_undo_once_the_coach_offered_another_mentor(coach, mentor, offer):
    services.match_decline(match=offer, by=mentor, reason="no_time")
    make_offer(offer.mentee, make_mentor(), coach)
    with pytest.raises(Conflict) as refused:
        services.match_decline_undo(match=offer, by=mentor)
    assert refused.value.code == "mentee_taken"


def test_only_the_mentor_can_take_the_decline_back(coach, mentor, offer):
    services.match_decline(match=offer, by=mentor, reason="no_time")
    with pytest.raises(Forbidden):
        services.match_decline_undo(match=offer, by=coach)


def test_the_coach_sees_the_mentor_s_words_on_the_run(client, coach, mentor):
    make_mentee()
    make_mentor(user=mentor)
    run = services.matching_run(by=coach, seed=1)
    match = run.matches.get()
    services.match_publish(match=match, by=coach)
    services.match_decline(match=match, by=mentor, reason="expertise", note="Pas mon domaine")
    client.force_login(coach)
    assert "Pas mon domaine" in client.get(f"/app/mentoring/runs/{run.pk}/").content.decode()


def test_the_fit_check_shows_what_the_mentor_answered(client, coach, mentor, offer):
    services.match_accept(match=offer, by=mentor)
    services.match_fit(match=offer, by=mentor, fit="unsure")
    client.force_login(mentor)
    content = client.get("/app/mentoring/inbox/").content.decode()
    assert 'data-fit="unsure"' in content


def _queued_decline_mails():
    from django_q.models import Schedule

    return list(Schedule.objects.filter(func="interlab.mentoring.tasks.send_declined_mail").order_by("pk"))


def _run(scheduled) -> int:
    import ast

    from interlab.mentoring import tasks

    return tasks.send_declined_mail(*ast.literal_eval(scheduled.args))


def test_the_coach_hears_of_a_decline_once_it_can_no_longer_be_undone(
    client, mentor, offer, django_capture_on_commit_callbacks
):
    client.force_login(mentor)
    with django_capture_on_commit_callbacks(execute=True):
        _decline(client, offer)
    offer.refresh_from_db()
    [queued] = _queued_decline_mails()
    assert queued.next_run == offer.responded_at + timedelta(minutes=services.DECLINE_UNDO_MINUTES)
    assert _run(queued) == 1


def test_a_decline_taken_back_is_never_told_to_the_coach(client, mentor, offer, django_capture_on_commit_callbacks):
    from interlab.core.models import Notification

    client.force_login(mentor)
    with django_capture_on_commit_callbacks(execute=True):
        _decline(client, offer)
        client.post(f"/app/mentoring/pairs/{offer.pk}/undo-decline/")
    [queued] = _queued_decline_mails()
    assert _run(queued) == 0
    assert not Notification.objects.filter(kind="mentoring.declined").exists()


def test_declined_again_after_an_undo_the_coach_is_told_once(client, mentor, offer, django_capture_on_commit_callbacks):
    client.force_login(mentor)
    with django_capture_on_commit_callbacks(execute=True):
        _decline(client, offer)
        client.post(f"/app/mentoring/pairs/{offer.pk}/undo-decline/")
    with time_machine.travel(timezone.now() + timedelta(seconds=30)), django_capture_on_commit_callbacks(execute=True):
        _decline(client, offer, reason="no_time")
    first, second = _queued_decline_mails()
    assert (_run(first), _run(second)) == (0, 1)
