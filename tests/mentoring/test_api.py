"""The mentoring API rows of the contract: resource names, verbs, status codes, and bad input."""

import json

import pytest
from django.test import Client

from interlab.mentoring.models import Match, MatchStatus

from .factories import make_mentee, make_mentor, make_offer, make_stale_offer

pytestmark = pytest.mark.django_db


def post(client, path, body=None):
    return client.post(path, data=json.dumps(body or {}), content_type="application/json")


def test_a_coach_creates_lists_and_patches_mentors(api):
    created = post(
        api,
        "/api/v1/mentors",
        {
            "first_name": "Isabelle",
            "last_name": "Hennen",
            "email": "isabelle@example.org",
            "languages": ["fr", {"code": "nl", "level": "B2"}],
            "expertise": ["financing", "HACCP"],
            "capacity": 3,
            "is_local": True,
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["languages"] == ["fr", "nl"] and body["capacity"] == 3 and body["paused"] is False
    listed = api.get("/api/v1/mentors").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    patched = api.patch(f"/api/v1/mentors/{body['id']}", data={"paused": True}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["paused"] is True


def test_a_mentor_sees_and_patches_only_their_own_profile(client, mentor):
    own = make_mentor(user=mentor)
    other = make_mentor()
    client.force_login(mentor)
    assert client.get(f"/api/v1/mentors/{own.pk}").status_code == 200
    assert client.get(f"/api/v1/mentors/{other.pk}").status_code == 404
    assert client.get("/api/v1/me").json()["mentor_id"] == own.pk
    response = client.patch(f"/api/v1/mentors/{own.pk}", data={"capacity": 2}, content_type="application/json")
    assert response.status_code == 200 and response.json()["capacity"] == 2
    assert post(client, "/api/v1/mentors", {"first_name": "X"}).status_code == 403


def test_run_publish_accept_and_both_see_the_pair(api, coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentor = make_mentor()
    run = post(api, "/api/v1/matching/runs", {"seed": 3})
    assert run.status_code == 201
    proposals = run.json()["proposals"]
    assert len(proposals) == 1 and proposals[0]["mentee"] == mentee.pk and proposals[0]["mentor"] == mentor.pk
    assert proposals[0]["reasons"] and 0 <= proposals[0]["score"] <= 100
    match_id = proposals[0]["id"]
    assert post(api, f"/api/v1/matches/{match_id}/publish").json()["status"] == "offered"
    assert post(api, f"/api/v1/matches/{match_id}/publish").status_code == 409

    client = Client()
    client.force_login(mentor.user)
    assert client.get("/api/v1/matches?status=offered").json()["count"] == 1
    accepted = post(client, f"/api/v1/matches/{match_id}/accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"
    assert accepted.json()["constraints"] == [] and accepted.json()["features"] == {}

    client.force_login(entrepreneur_user)
    mine = client.get("/api/v1/matches").json()
    assert [m["id"] for m in mine["items"]] == [match_id]
    assert client.get("/api/v1/matches?status=accepted").json()["count"] == 1
    assert post(client, f"/api/v1/matches/{match_id}/fit", {"fit": "good"}).status_code == 200
    assert post(client, f"/api/v1/matches/{match_id}/feedback", {"satisfaction": 4}).status_code == 201
    assert post(client, f"/api/v1/matches/{match_id}/end", {"reason": "fini"}).json()["status"] == "ended"


def test_over_capacity_and_withdrawn_accepts_answer_409(api, coach):
    mentor = make_mentor(capacity=1)
    first = make_offer(make_mentee(), mentor, coach)
    third = make_offer(make_mentee(), make_mentor(), coach)
    client = Client()
    client.force_login(mentor.user)
    assert post(client, f"/api/v1/matches/{first.pk}/accept").status_code == 200
    second = make_stale_offer(make_mentee(), mentor)
    over = post(client, f"/api/v1/matches/{second.pk}/accept")
    assert over.status_code == 409 and over.json()["code"] == "over_capacity" and over.json()["detail"]
    assert post(api, f"/api/v1/matches/{second.pk}/withdraw").status_code == 200
    withdrawn = post(client, f"/api/v1/matches/{second.pk}/accept")
    assert withdrawn.status_code == 409 and withdrawn.json()["code"] == "withdrawn"
    # Another mentor's offer is not visible to this mentor at all.
    assert post(client, f"/api/v1/matches/{third.pk}/accept").status_code == 404


def test_decline_needs_a_known_reason_and_hides_the_next_proposal_from_the_mentor(coach, client):
    mentee = make_mentee()
    mentor, _other = make_mentor(), make_mentor()
    match = make_offer(mentee, mentor, coach)
    client.force_login(mentor.user)
    assert post(client, f"/api/v1/matches/{match.pk}/decline", {"reason": "bored"}).status_code == 422
    assert post(client, f"/api/v1/matches/{match.pk}/decline", {}).status_code == 422
    answer = post(client, f"/api/v1/matches/{match.pk}/decline", {"reason": "expertise", "note": "pas mon domaine"})
    assert answer.status_code == 200 and answer.json()["status"] == "declined"
    assert answer.json()["next_proposal"] is None
    assert Match.objects.filter(mentee=mentee, status=MatchStatus.PROPOSED).count() == 1


def test_the_mentor_can_ask_for_more_information(coach, client):
    mentor = make_mentor()
    match = make_offer(make_mentee(), mentor, coach)
    client.force_login(mentor.user)
    response = post(client, f"/api/v1/matches/{match.pk}/ask", {"question": "Quel quartier ?"})
    assert response.status_code == 200 and response.json()["info_requested_at"]
    assert response.json()["status"] == "offered"


def test_weights_get_and_suggest(api, admin_user, client):
    current = api.get("/api/v1/matching/weights")
    assert current.status_code == 200 and set(current.json()["weights"]) >= {"expertise", "languages"}
    suggested = post(api, "/api/v1/matching/weights/suggest")
    body = suggested.json()
    assert suggested.status_code == 200
    assert set(body) >= {"weights", "auc_current", "auc_suggested", "n_outcomes"}
    assert body["n_outcomes"] == 0 and body["auc_suggested"] is None
    assert post(api, "/api/v1/matching/weights", {"weights": {"expertise": 5}}).status_code == 403
    client.force_login(admin_user)
    applied = post(client, "/api/v1/matching/weights", {"weights": {"expertise": 5}})
    assert applied.status_code == 200 and applied.json()["weights"]["expertise"] == 5
    assert applied.json()["version"] == 2


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("post", "/api/v1/matching/runs", {"mode": "random"}),
        ("post", "/api/v1/matching/runs", {"seed": -1}),
        ("post", "/api/v1/matching/runs", {"programme": 10**30}),
        ("post", "/api/v1/mentors", {"first_name": "A", "capacity": 0}),
        ("post", "/api/v1/mentors", {"first_name": "A", "languages": ["french"]}),
        ("post", "/api/v1/mentors", {"first_name": "A", "languages": [{"code": "fr", "level": "Z9"}]}),
        ("post", "/api/v1/mentors", {"first_name": ""}),
        ("post", "/api/v1/mentors", {"first_name": "A", "user": 999999}),
        ("post", "/api/v1/mentors", {"first_name": "A", "mode": "telepathy"}),
        ("post", "/api/v1/matching/weights", {"weights": {"expertise": -1}}),
        ("post", "/api/v1/matching/weights", {"weights": {"nonsense": 1}}),
        ("get", "/api/v1/matches?status=maybe", None),
        ("get", "/api/v1/matches?page_size=1000", None),
        ("get", "/api/v1/matches/99999999999999999999", None),
        ("get", "/api/v1/mentors/abc", None),
        ("post", "/api/v1/matches/1/fit", {"fit": "perhaps"}),
        ("post", "/api/v1/matches/1/feedback", {"satisfaction": 9}),
        ("post", "/api/v1/matching/runs", "not json"),
    ],
)
def test_bad_input_is_refused_without_a_500(api, method, path, body):
    if method == "get":
        response = api.get(path)
    elif isinstance(body, str):
        response = api.post(path, data=body, content_type="application/json")
    else:
        response = post(api, path, body)
    assert response.status_code in (403, 404, 422), response.content
    assert "detail" in response.json()


def test_empty_pools_return_an_empty_run(api):
    response = post(api, "/api/v1/matching/runs")
    assert response.status_code == 201 and response.json()["proposals"] == []


def test_other_roles_cannot_run_matching_or_see_proposals(client, funder, partner_user, coach):
    match = Match.objects.create(mentee=make_mentee(), mentor=make_mentor(), score=50, reasons=[{"key": "goals"}])
    for user in (funder, partner_user):
        client.force_login(user)
        assert post(client, "/api/v1/matching/runs").status_code == 403
        assert client.get(f"/api/v1/matches/{match.pk}").status_code == 404
        assert client.get("/api/v1/matches").json()["count"] == 0
    client.logout()
    assert client.get("/api/v1/matches").status_code == 401


def test_the_pair_list_costs_the_same_queries_for_one_or_many_pairs(api, coach, django_assert_max_num_queries):
    mentor = make_mentor(capacity=10)
    for _ in range(2):
        make_offer(make_mentee(), mentor, coach)
    with django_assert_max_num_queries(8) as few:
        assert api.get("/api/v1/matches").json()["count"] == 2
    for _ in range(8):
        make_offer(make_mentee(), mentor, coach)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get("/api/v1/matches").json()["count"] == 10
