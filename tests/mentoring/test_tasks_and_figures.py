"""Reminders in each person's language, the schedules, the figures for impact, learning, the demo data."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from interlab.crm.models import Programme
from interlab.mentoring import learning, services, tasks
from interlab.mentoring.models import BinomeMode, Match, MatchStatus, MentorProfile
from interlab.mentoring.selectors import export_for_user, impact_figures

from .factories import binome_rule, make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


def test_an_offer_pending_72_hours_is_reminded_once_in_the_mentors_language(coach, django_capture_on_commit_callbacks):
    mentor = make_mentor()
    mentor.user.preferred_language = "en"
    mentor.user.save()
    match = make_offer(make_mentee(), mentor, coach)
    assert tasks.remind_pending_offers() == 0
    Match.objects.filter(pk=match.pk).update(offered_at=timezone.now() - timedelta(hours=73))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_pending_offers() == 1
        assert tasks.remind_pending_offers() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [mentor.user.email]
    assert "waiting" in mail.outbox[0].subject


def test_the_offer_mail_names_the_mentee_and_links_the_inbox(coach, django_capture_on_commit_callbacks):
    mentor = make_mentor()
    match = make_offer(make_mentee(first_name="Fatou"), mentor, coach)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_offer_mail(match.pk)
    assert "Fatou" in mail.outbox[0].subject
    assert "/app/mentoring/inbox/" in mail.outbox[0].body and mail.outbox[0].to == [mentor.user.email]


def test_unlogged_sessions_and_checkins_are_reminded(coach, entrepreneur_user):
    mentor = make_mentor()
    match = make_offer(make_mentee(user=entrepreneur_user), mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    Match.objects.filter(pk=match.pk).update(accepted_at=timezone.now() - timedelta(days=100))
    mail.outbox.clear()
    assert tasks.remind_unlogged_sessions() == 1
    assert tasks.remind_unlogged_sessions() == 0
    assert tasks.remind_checkins() == 4  # the fit check and the 3-month check-in, to both
    assert tasks.remind_checkins() == 0


def test_the_schedules_exist_after_migrate():
    from django.core.management import call_command

    # Earlier flushing tests may have emptied the table: migrate itself must (re)create the schedules.
    Schedule.objects.filter(name__startswith="mentoring.").delete()
    call_command("migrate", verbosity=0)
    rows = {s.name: s for s in Schedule.objects.filter(name__startswith="mentoring.")}
    assert set(rows) == {"mentoring.pending_offers", "mentoring.unlogged_sessions", "mentoring.checkins"}
    assert rows["mentoring.pending_offers"].func == "interlab.mentoring.tasks.remind_pending_offers"
    assert all(r.repeats == -1 and r.next_run > timezone.now() for r in rows.values())
    call_command("migrate", verbosity=0)  # and never twice
    assert Schedule.objects.filter(name__startswith="mentoring.").count() == 3


def test_impact_figures_count_pairs_satisfaction_and_the_tie_network(coach, entrepreneur_user):
    programme = Programme.objects.create(name="Femmes entrepreneures")
    # Pairs that are not local × newcomer only form where the programme does not require it.
    binome_rule(BinomeMode.PREFERRED)
    local_mentor = make_mentor(is_local=True, capacity=3)
    newcomer_mentor = make_mentor(is_local=False, capacity=3)
    newcomer = make_mentee(newcomer=True, user=entrepreneur_user)
    local = make_mentee(newcomer=False)
    other = make_mentee(newcomer=True)
    pairs = []
    for mentee, mentor in ((newcomer, local_mentor), (local, local_mentor), (other, newcomer_mentor)):
        match = make_offer(mentee, mentor, coach)
        services.match_accept(match=match, by=mentor.user)
        pairs.append(match)
    Match.objects.filter(pk=pairs[0].pk).update(programme=programme)
    services.match_feedback(match=pairs[0], by=entrepreneur_user, satisfaction=4)
    services.match_feedback(match=pairs[0], by=local_mentor.user, satisfaction=5)
    services.match_end(match=pairs[1], by=local_mentor.user, reason="objectif atteint")
    figures = impact_figures()
    assert figures["pairs_active"] == 2 and figures["pairs_completed"] == 1 and figures["pairs_ended_early"] == 0
    assert figures["mean_satisfaction"] == 4.5 and figures["satisfaction_responses"] == 2
    assert figures["ties_created"] == 3 and figures["bridging_ties"] == 1
    assert figures["bridging_share"] == round(1 / 3, 4)
    # local_mentor reaches 2 mentees; each of them reaches the mentor and the other mentee; the last pair 1 each.
    assert figures["people_in_network"] == 5 and figures["reach_two_steps_total"] == 2 + 2 + 2 + 1 + 1
    only = impact_figures(programme_ids=[programme.pk])
    assert only["ties_created"] == 1 and only["bridging_share"] == 1.0
    later = impact_figures(start=timezone.localdate() + timedelta(days=1))
    assert later["ties_created"] == 0 and later["bridging_share"] is None and later["mean_satisfaction"] is None


def test_learning_suggests_weights_with_held_out_auc_from_outcomes(coach):
    mentor_good = make_mentor(capacity=10, expertise=("financing",))
    mentor_bad = make_mentor(capacity=10, expertise=("network",))
    for k in range(16):
        accepted = k % 2 == 0
        match = Match.objects.create(
            mentee=make_mentee(),
            mentor=mentor_good if accepted else mentor_bad,
            score=50,
            status=MatchStatus.ENDED if accepted else MatchStatus.DECLINED,
            accepted_at=timezone.now() if accepted else None,
            features={
                "expertise": 0.9 if accepted else 0.1,
                "sector": 0.5,
                "goals": 0.2,
                "languages": 1.0,
                "complementarity": float(k % 3 == 0),
                "place": 0.5,
                "availability": 1.0,
            },
        )
        assert match.pk
    result = learning.suggest(services.weights_for(None).weights)
    assert result["enough"] and result["n_outcomes"] == 16
    assert result["auc_suggested"] is not None and result["auc_current"] is not None
    assert result["weights"]["expertise"] == max(result["weights"].values())


def test_the_demo_seed_gives_the_mentor_an_offer_and_leaves_work_for_a_run(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # safe to run twice
    demo = MentorProfile.objects.get(user__username="mentor")
    assert demo.matches.filter(status=MatchStatus.OFFERED).count() >= 1
    assert MentorProfile.objects.count() >= 5
    coach = demo.matches.first().mentee.projects.first().coach
    run = services.matching_run(by=coach)
    assert run.matches.count() >= 2


def test_a_question_from_the_mentor_reaches_the_coach_of_the_project(coach, django_capture_on_commit_callbacks):
    mentor = make_mentor()
    match = make_offer(make_mentee(), mentor, coach)
    services.match_ask(match=match, by=mentor.user, question="L'atelier a-t-il déjà un local ?")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_info_request_mail(match.pk) == 1
    assert mail.outbox[0].to == [coach.email] and "L'atelier a-t-il" in mail.outbox[0].body


def test_erasing_a_mentee_ends_their_pair_and_blanks_free_text_but_keeps_the_counts(coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentor = make_mentor()
    match = make_offer(mentee, mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    services.session_log(match=match, by=mentor.user, note="Parlé de son titre de séjour")
    services.match_feedback(match=match, by=entrepreneur_user, satisfaction=4, comment="Mon mentor m'a aidée")
    services.mentee_erase(entrepreneur=mentee)
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED and match.ended_early
    assert list(match.sessions.values_list("note", flat=True)) == [""]
    assert list(match.feedback.values_list("comment", "satisfaction")) == [("", 4)]
    assert impact_figures()["mean_satisfaction"] == 4


def test_the_export_holds_the_callers_mentoring_data_only(coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentor = make_mentor()
    match = make_offer(mentee, mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    services.match_feedback(match=match, by=mentor.user, satisfaction=5, comment="note du mentor")
    services.match_feedback(match=match, by=entrepreneur_user, satisfaction=3, comment="ma note")
    mine = export_for_user(entrepreneur_user)
    assert mine["mentor_profile"] is None and [p["role"] for p in mine["mentoring_pairs"]] == ["mentee"]
    assert [f["comment"] for f in mine["mentoring_pairs"][0]["feedback"]] == ["ma note"]
    theirs = export_for_user(mentor.user)
    assert theirs["mentor_profile"]["capacity"] == mentor.capacity
    assert [f["comment"] for f in theirs["mentoring_pairs"][0]["feedback"]] == ["note du mentor"]
