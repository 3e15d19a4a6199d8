"""The local–newcomer pair per programme: required (the default), preferred (a bonus) or indifferent
(issue 17: 7 of 291 proposed pairs were local × local or newcomer × newcomer)."""

import json

import pytest
from django.utils import translation

from interlab.crm.models import Programme
from interlab.mentoring import services
from interlab.mentoring.model import MenteeData, MentorData, Scored
from interlab.mentoring.models import BinomeMode, MatchingWeights
from interlab.mentoring.selectors import constraints_text

from .factories import make_mentee, make_mentor

pytestmark = pytest.mark.django_db


def _rule(programme, binome):
    return MatchingWeights.objects.create(programme=programme, weights={}, binome=binome)


def test_by_default_a_local_mentee_is_never_paired_with_a_local_mentor(coach):
    make_mentee(newcomer=False)
    make_mentor(is_local=True)
    assert services.matching_run(by=coach).matches.count() == 0


def test_by_default_a_newcomer_is_never_paired_with_a_newcomer_mentor(coach):
    make_mentee(newcomer=True)
    make_mentor(is_local=False)
    assert services.matching_run(by=coach).matches.count() == 0


def test_a_programme_that_prefers_the_binome_still_pairs_two_local_people(coach):
    _rule(None, BinomeMode.PREFERRED)
    make_mentee(newcomer=False)
    make_mentor(is_local=True)
    assert services.matching_run(by=coach).matches.count() == 1


def test_each_programme_follows_its_own_rule_in_a_run_over_all_programmes(coach):
    open_programme = Programme.objects.create(name="Ouvert")
    _rule(open_programme, BinomeMode.INDIFFERENT)
    free = make_mentee(newcomer=False, programme=open_programme)
    make_mentee(newcomer=False, programme=Programme.objects.create(name="Binômes"))
    make_mentor(is_local=True, capacity=2)
    run = services.matching_run(by=coach)
    assert list(run.matches.values_list("mentee", flat=True)) == [free.pk]


def test_the_proposal_says_the_binome_is_required(coach):
    make_mentee(newcomer=True)
    make_mentor(is_local=True)
    proposal = services.matching_run(by=coach).matches.get()
    with translation.override("en"):
        assert "local × newcomer required in this programme" in constraints_text(proposal)


def _two_mentors_one_local():
    mentee = MenteeData(id=1, needs=["financing"], languages={"fr": "B2"}, newcomer=True)
    same = {"expertise": ["financing"], "languages": {"fr": "C1"}, "commune": "Liège"}
    return [mentee], [MentorData(id=1, is_local=True, **same), MentorData(id=2, is_local=False, **same)]


def test_preferred_gives_the_local_mentor_of_a_newcomer_a_bonus():
    mentees, mentors = _two_mentors_one_local()
    scored = Scored(mentees, mentors, binome="preferred")
    assert scored.score[0, 0] > scored.score[0, 1]


def test_indifferent_gives_the_binome_no_bonus():
    mentees, mentors = _two_mentors_one_local()
    scored = Scored(mentees, mentors, binome="indifferent")
    assert scored.score[0, 0] == pytest.approx(scored.score[0, 1])


def test_indifferent_leaves_the_binome_out_of_the_reasons():
    mentees, mentors = _two_mentors_one_local()
    scored = Scored(mentees, mentors, binome="indifferent")
    assert "binome" not in {reason["key"] for reason in scored.reasons(0, 0)}


def test_required_makes_the_same_side_pair_infeasible():
    mentees, mentors = _two_mentors_one_local()
    scored = Scored(mentees, mentors, binome="required")
    assert scored.feasible.tolist() == [[True, False]]


def test_an_administrator_sets_a_programme_s_rule_on_the_weights_page(client, admin_user):
    programme = Programme.objects.create(name="Ouvert")
    values = dict(services.weights_for(None).weights)
    client.force_login(admin_user)
    client.post(f"/app/mentoring/weights/?programme={programme.pk}", {**values, "binome": "preferred"})
    assert MatchingWeights.objects.get(programme=programme).binome == BinomeMode.PREFERRED


def test_a_programme_s_first_weights_keep_the_rule_it_followed(admin_user):
    _rule(None, BinomeMode.INDIFFERENT)
    programme = Programme.objects.create(name="Ouvert")
    row = services.weights_set(by=admin_user, programme=programme, weights={"languages": 2})
    assert row.binome == BinomeMode.INDIFFERENT


def test_the_api_sets_and_shows_the_rule(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/matching/weights",
        data=json.dumps({"weights": {}, "binome": "indifferent"}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["binome"]) == (200, "indifferent")


def test_the_api_refuses_an_unknown_rule(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/matching/weights",
        data=json.dumps({"weights": {}, "binome": "sometimes"}),
        content_type="application/json",
    )
    assert response.status_code == 422
