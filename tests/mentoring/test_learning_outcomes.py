"""Learning from outcomes: a failure is any rating of 1 or 2 (not a low mean), AUCs come from stratified
cross-validation with their spread, and the AUC kept with the weights is the server's own (issue 17, "Learning")."""

import json

import pytest
from django.utils import timezone

from interlab.mentoring import learning, services
from interlab.mentoring.model import BLOCKS
from interlab.mentoring.models import Feedback, Match, MatchingWeights, MatchStatus

from .factories import make_mentee, make_mentor

pytestmark = pytest.mark.django_db


def _features(expertise: float, k: int) -> dict:
    return dict.fromkeys(BLOCKS, 0.5) | {"expertise": expertise, "complementarity": float(k % 3 == 0)}


def _pair(mentee, mentor, *, status=MatchStatus.ENDED, ratings=(), expertise=0.5, k=0, **fields) -> Match:
    match = Match.objects.create(
        mentee=mentee,
        mentor=mentor,
        score=50,
        status=status,
        accepted_at=None if status == MatchStatus.DECLINED else timezone.now(),
        features=_features(expertise, k),
        **fields,
    )
    for rating in ratings:
        Feedback.objects.create(match=match, satisfaction=rating)
    return match


@pytest.fixture
def pair_people():
    return make_mentee(), make_mentor(capacity=10)


@pytest.fixture
def twenty_outcomes(pair_people):
    """Ten successes and ten failures; expertise mostly, but not always, tells them apart."""
    mentee, mentor = pair_people
    for k in range(20):
        success = k % 2 == 0
        expertise = (0.8 if success else 0.3) + (0.4 if k in (3, 7) else 0) - (0.4 if k in (4, 10) else 0)
        _pair(mentee, mentor, status=MatchStatus.ENDED if success else MatchStatus.DECLINED, expertise=expertise, k=k)


def test_a_pair_rated_2_and_5_counts_as_a_failure(pair_people):
    _pair(*pair_people, ratings=(2, 5))
    assert learning.outcomes()[1].tolist() == [0]


def test_a_pair_rated_3_and_5_counts_as_a_success(pair_people):
    _pair(*pair_people, ratings=(3, 5))
    assert learning.outcomes()[1].tolist() == [1]


def test_a_pair_one_side_called_a_bad_fit_counts_as_a_failure_whatever_its_ratings(pair_people):
    _pair(*pair_people, ratings=(5,), mentee_fit="bad")
    assert learning.outcomes()[1].tolist() == [0]


def test_a_declined_pair_counts_as_a_failure(pair_people):
    _pair(*pair_people, status=MatchStatus.DECLINED)
    assert learning.outcomes()[1].tolist() == [0]


def test_the_suggestion_is_measured_by_five_fold_cross_validation(twenty_outcomes):
    assert learning.suggest(services.weights_for(None).weights)["folds"] == 5


def test_the_suggestion_reports_the_spread_of_the_auc_over_the_folds(twenty_outcomes):
    result = learning.suggest(services.weights_for(None).weights)
    assert result["auc_suggested_sd"] > 0


def test_the_current_weights_are_measured_on_the_suggestion_s_folds(twenty_outcomes):
    current = services.weights_for(None).weights
    assert learning.evaluate(current)["auc"] == learning.suggest(current)["auc_current"]


def test_too_few_outcomes_give_no_auc(pair_people):
    _pair(*pair_people)
    assert learning.evaluate(services.weights_for(None).weights)["auc"] is None


def test_saved_weights_keep_the_auc_the_server_computed(admin_user, twenty_outcomes):
    weights = {"expertise": 5.0}
    row = services.weights_set(by=admin_user, programme=None, weights=weights)
    expected = learning.evaluate(row.weights)
    assert (row.auc, row.auc_sd, row.auc_outcomes) == (expected["auc"], expected["auc_sd"], 20)


def test_the_api_refuses_an_auc_sent_by_the_client(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/matching/weights",
        data=json.dumps({"weights": {"expertise": 5}, "auc": 0.99}),
        content_type="application/json",
    )
    assert (response.status_code, MatchingWeights.objects.exists()) == (422, False)


def test_the_api_answers_with_the_auc_the_server_computed(client, admin_user, twenty_outcomes):
    client.force_login(admin_user)
    response = client.post(
        "/api/v1/matching/weights", data=json.dumps({"weights": {"expertise": 5}}), content_type="application/json"
    )
    assert response.json()["auc"] == learning.evaluate(services.weights_for(None).weights)["auc"]


def test_the_weights_page_shows_the_cross_validated_auc_and_its_spread(client, coach, twenty_outcomes):
    client.force_login(coach)
    page = client.get("/app/mentoring/weights/?suggest=1", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "AUC by 5-fold cross-validation (mean ± standard deviation)" in page
