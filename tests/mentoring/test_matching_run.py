"""A matching run over the database: proposals, reasons, hard constraints, pins, exclusions, swaps."""

import pytest
from django.utils import translation

from interlab.core.errors import Conflict
from interlab.mentoring import services
from interlab.mentoring.models import Exclusion, Match, MatchStatus, RunMode
from interlab.mentoring.selectors import reasons_text

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


def test_it_proposes_the_best_pairs_with_reasons_in_words(coach):
    amina = make_mentee(languages=("ar", "fr"), needs=("financing",), newcomer=True, first_name="Amina")
    local = make_mentor(languages=("fr", "ar"), expertise=("financing",), is_local=True, commune="Liège")
    make_mentor(languages=("fr",), expertise=("network",), is_local=False)
    run = services.matching_run(by=coach)
    proposal = Match.objects.get(run=run)
    assert (proposal.mentee, proposal.mentor, proposal.status) == (amina, local, MatchStatus.PROPOSED)
    assert 0 < proposal.score <= 100
    with translation.override("en"):
        texts = reasons_text(proposal)
    assert "shared languages: Arabic, French" in texts
    assert "newcomer mentee × local mentor" in texts  # the mentee first, as in the review table
    assert any(t.startswith("expertise covers: financing") for t in texts)
    assert proposal.model_version == run.model_version
    assert set(proposal.features) >= {"expertise", "languages", "complementarity"}


def test_a_mentor_with_no_shared_language_is_never_proposed(coach):
    make_mentee(languages=("uk",))
    make_mentor(languages=("fr", "nl"), capacity=5)
    run = services.matching_run(by=coach)
    assert run.matches.count() == 0
    assert run.stats["unmatched"] == 1


def test_empty_pools_give_an_empty_run(coach):
    run = services.matching_run(by=coach)
    assert run.status == "done" and run.matches.count() == 0
    assert run.stats["mentees"] == 0 and run.stats["mentors"] == 0


def test_capacity_and_pause_are_respected(coach):
    for _ in range(4):
        make_mentee()
    busy = make_mentor(capacity=2)
    make_mentor(capacity=1, paused=True)
    run = services.matching_run(by=coach)
    assert run.matches.count() == 2
    assert set(run.matches.values_list("mentor", flat=True)) == {busy.pk}


def test_declined_and_excluded_pairs_are_not_proposed_again(coach):
    mentee = make_mentee()
    mentor = make_mentor()
    Exclusion.objects.create(mentee=mentee, mentor=mentor, reason="coach")
    assert services.matching_run(by=coach).matches.count() == 0


def test_pins_survive_a_new_run_and_exclude_removes_the_pair(coach):
    a, b = make_mentee(), make_mentee()
    make_mentor(capacity=1)
    make_mentor(capacity=1)
    run = services.matching_run(by=coach)
    first, second = run.matches.order_by("pk")
    services.match_pin(match=first, by=coach)
    services.match_exclude(match=second, by=coach)
    rerun = services.matching_run(by=coach)
    assert Match.objects.filter(pk=first.pk, run=rerun, pinned=True).exists()
    assert not Match.objects.filter(mentee=second.mentee, mentor=second.mentor).exists()
    assert {a.pk, b.pk} >= set(rerun.matches.values_list("mentee", flat=True))


def test_swap_exchanges_mentors_and_rescoring_refuses_no_shared_language(coach):
    make_mentee(languages=("fr",))
    make_mentee(languages=("fr", "ar"))
    make_mentor(languages=("fr",))
    make_mentor(languages=("fr", "ar"))
    run = services.matching_run(by=coach)
    first, second = run.matches.order_by("pk")
    before = (first.mentor_id, second.mentor_id)
    services.match_swap(match=first, other=second, by=coach)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.mentor_id, second.mentor_id) == before[::-1]


def test_a_swap_that_breaks_the_language_constraint_is_refused(coach):
    uk = make_mentee(languages=("uk",))
    fr = make_mentee(languages=("fr",))
    uk_mentor, fr_mentor = make_mentor(languages=("uk",)), make_mentor(languages=("fr",))
    run = services.matching_run(by=coach)
    one = run.matches.get(mentee=uk)
    other = run.matches.get(mentee=fr)
    assert (one.mentor, other.mentor) == (uk_mentor, fr_mentor)
    with pytest.raises(Conflict):
        services.match_swap(match=one, other=other, by=coach)
    one.refresh_from_db()
    assert one.mentor == uk_mentor  # nothing half-written


def test_shortlist_mode_gives_each_mentee_up_to_three_ranked_choices(coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    for _ in range(4):
        make_mentor()
    run = services.matching_run(by=coach, mode=RunMode.SHORTLIST)
    ranks = list(run.matches.filter(mentee=mentee).order_by("shortlist_rank").values_list("shortlist_rank", flat=True))
    assert ranks == [1, 2, 3]
    services.run_publish(run=run, by=coach)
    chosen = run.matches.get(mentee=mentee, shortlist_rank=2)
    services.shortlist_choose(match=chosen, by=entrepreneur_user)
    chosen.refresh_from_db()
    assert chosen.status == MatchStatus.OFFERED
    assert Match.objects.filter(mentee=mentee).count() == 1


def test_mentees_with_a_pair_in_progress_are_left_out(coach):
    mentee = make_mentee()
    mentor = make_mentor(capacity=3)
    make_offer(mentee, mentor, coach)
    assert services.matching_run(by=coach).matches.count() == 0


def test_same_data_and_seed_give_the_same_proposals(coach):
    for _ in range(5):
        make_mentee()
    for _ in range(3):
        make_mentor(capacity=2)
    first = services.matching_run(by=coach, seed=7)
    pairs = sorted(first.matches.values_list("mentee", "mentor"))
    second = services.matching_run(by=coach, seed=7)
    assert sorted(second.matches.values_list("mentee", "mentor")) == pairs


def test_the_run_page_names_each_mentee_left_without_a_proposal_and_why(client, coach):
    make_mentee(languages=("uk",), first_name="Olena", last_name="Shevchenko")
    fatou = make_mentee(languages=("fr",), first_name="Fatou", last_name="Ndiaye")
    karim = make_mentee(languages=("fr",), first_name="Karim", last_name="Haddad")
    make_mentee(languages=("fr",), first_name="Rania", last_name="Saleh")
    only = make_mentor(languages=("fr",), capacity=1)
    Exclusion.objects.create(mentee=fatou, mentor=only, reason="coach")
    run = services.matching_run(by=coach)
    proposal = run.matches.get()
    assert proposal.mentee.first_name in ("Karim", "Rania")
    left = "Rania Saleh" if proposal.mentee == karim else "Karim Haddad"
    client.force_login(coach)
    with translation.override("en"):
        html = client.get(f"/app/mentoring/runs/{run.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3 mentees without a proposal" in html and 'href="#unmatched"' in html
    assert "Olena Shevchenko</bdi>: no mentor with a free place shares a language with them" in html
    assert "Fatou Ndiaye</bdi>: every mentor with a free place is excluded for them" in html
    assert f"{left}</bdi>: a mentor fits, but their free places went to other mentees in this run" in html


def test_a_coach_restores_an_excluded_pair_and_the_next_run_proposes_it(client, coach):
    mentee = make_mentee(first_name="Fatou")
    mentor = make_mentor()
    exclusion = Exclusion.objects.create(mentee=mentee, mentor=mentor, reason="coach", by=coach)
    run = services.matching_run(by=coach)
    client.force_login(coach)
    page = client.get(f"/app/mentoring/runs/{run.pk}/").content.decode()
    assert f'data-exclusion="{exclusion.pk}"' in page
    with translation.override("en"):
        response = client.post(
            f"/app/mentoring/exclusions/{exclusion.pk}/restore/",
            {"next": f"/app/mentoring/runs/{run.pk}/"},
            HTTP_ACCEPT_LANGUAGE="en",
            follow=True,
        )
    assert response.redirect_chain[-1][0] == f"/app/mentoring/runs/{run.pk}/"
    assert "Pair restored" in response.content.decode()
    assert not Exclusion.objects.filter(pk=exclusion.pk).exists()
    assert services.matching_run(by=coach).matches.get().mentor == mentor


def test_a_mentors_own_decline_is_not_restored_by_a_coach(client, coach):
    mentee, mentor = make_mentee(), make_mentor()
    declined = Exclusion.objects.create(mentee=mentee, mentor=mentor, reason="declined")
    client.force_login(coach)
    with translation.override("en"):
        response = client.post(
            f"/app/mentoring/exclusions/{declined.pk}/restore/", HTTP_ACCEPT_LANGUAGE="en", follow=True
        )
    assert "a mentor's decline is theirs" in response.content.decode().replace("&#x27;", "'")
    assert Exclusion.objects.filter(pk=declined.pk).exists()
