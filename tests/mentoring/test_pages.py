"""The coach's, the mentor's and the mentee's pages: what each sees, one-click answers, no sensitive data."""

import pytest
from django.utils import timezone

from interlab.crm import services as crm_services
from interlab.mentoring import services
from interlab.mentoring.models import Match, MatchStatus

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db


def test_the_coach_runs_reviews_and_publishes(client, coach):
    mentee = make_mentee(first_name="Olena")
    mentor = make_mentor()
    client.force_login(coach)
    page = client.get("/app/mentoring/runs/")
    assert page.status_code == 200 and b"data-progress" in page.content
    response = client.post("/app/mentoring/runs/", {"mode": "optimal", "seed": "1"}, follow=True)
    assert response.status_code == 200
    match = Match.objects.get(mentee=mentee, mentor=mentor)
    content = response.content.decode()
    assert f'data-match="{match.pk}"' in content and "Olena" in content
    client.post(f"/app/mentoring/runs/{match.run_id}/publish/")
    match.refresh_from_db()
    assert match.status == MatchStatus.OFFERED


def test_the_review_table_actions_pin_swap_and_exclude(client, coach):
    for _ in range(2):
        make_mentee()
        make_mentor()
    client.force_login(coach)
    client.post("/app/mentoring/runs/", {"mode": "optimal"})
    first, second = Match.objects.order_by("pk")
    client.post(f"/app/mentoring/proposals/{first.pk}/pin/")
    first.refresh_from_db()
    assert first.pinned
    mentors = (first.mentor_id, second.mentor_id)
    client.post(f"/app/mentoring/proposals/{first.pk}/swap/", {"other": second.pk})
    first.refresh_from_db()
    assert first.mentor_id == mentors[1]
    client.post(f"/app/mentoring/proposals/{second.pk}/exclude/")
    assert not Match.objects.filter(pk=second.pk).exists()
    # A swap with nonsense answers with a message, never a 500.
    assert client.post(f"/app/mentoring/proposals/{first.pk}/swap/", {"other": "x"}).status_code in (302, 404)


def test_the_mentor_inbox_shows_a_limited_profile_and_accepts_in_one_click(client, coach, mentor):
    person = make_mentee(first_name="Yusuf", last_name="Haidari", phone="+32 470 99 88 77")
    crm_services.sensitive_profile_update(
        entrepreneur=person, by=coach, country_of_origin="Afghanistan", residence_situation="refugee"
    )
    profile = make_mentor(user=mentor)
    match = make_offer(person, profile, coach)
    client.force_login(mentor)
    content = client.get("/app/mentoring/inbox/").content.decode()
    assert f'data-match="{match.pk}"' in content and "Yusuf" in content
    for secret in ("Afghanistan", "refugee", "réfugié", "Haidari", "+32 470 99 88 77", person.email):
        assert secret not in content
    client.post(f"/app/mentoring/pairs/{match.pk}/accept/")
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    content = client.get("/app/mentoring/inbox/").content.decode()
    assert "Afghanistan" not in content and "Haidari" in content  # contact details once the pair runs


def test_the_mentor_declines_with_a_reason_once_confirmed(client, coach, mentor):
    match = make_offer(make_mentee(), make_mentor(user=mentor), coach)
    client.force_login(mentor)
    client.post(f"/app/mentoring/pairs/{match.pk}/decline/", {"reason": "no_time", "confirm": "1"})
    match.refresh_from_db()
    assert (match.status, match.decline_reason) == (MatchStatus.DECLINED, "no_time")


def test_the_mentee_sees_their_mentor_and_logs_a_session(client, coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentor = make_mentor()
    match = make_offer(mentee, mentor, coach)
    services.match_accept(match=match, by=mentor.user)
    client.force_login(entrepreneur_user)
    content = client.get("/app/mentoring/mine/").content.decode()
    assert f'data-match="{match.pk}"' in content and mentor.user.first_name in content
    today = timezone.localdate().isoformat()
    client.post(f"/app/mentoring/pairs/{match.pk}/session/", {"held_on": today, "minutes": "45", "note": "Café"})
    assert match.sessions.count() == 1
    bad = client.post(f"/app/mentoring/pairs/{match.pk}/session/", {"held_on": "not a date", "minutes": "-3"})
    assert bad.status_code == 302 and match.sessions.count() == 1


@pytest.mark.parametrize(
    "path,allowed",
    [
        ("/app/mentoring/runs/", {"coach"}),
        ("/app/mentoring/weights/", {"coach"}),
        ("/app/mentoring/inbox/", {"coach", "mentor"}),
        ("/app/mentoring/mine/", {"entrepreneur"}),
    ],
)
def test_each_page_is_for_its_roles(client, coach, mentor, funder, entrepreneur_user, path, allowed):
    users = {"coach": coach, "mentor": mentor, "funder": funder, "entrepreneur": entrepreneur_user}
    for role, user in users.items():
        client.force_login(user)
        assert client.get(path).status_code == (200 if role in allowed else 403), (role, path)
    client.logout()
    assert client.get(path).status_code == 302


def test_other_people_pairs_are_not_found(client, coach, mentor, entrepreneur_user):
    match = make_offer(make_mentee(), make_mentor(), coach)
    for user in (mentor, entrepreneur_user):
        client.force_login(user)
        assert client.post(f"/app/mentoring/pairs/{match.pk}/accept/").status_code == 404
    match.refresh_from_db()
    assert match.status == MatchStatus.OFFERED


def test_the_mentee_chooses_a_mentor_from_their_shortlist(client, coach, entrepreneur_user):
    mentee = make_mentee(user=entrepreneur_user)
    mentors = [make_mentor() for _ in range(3)]
    run = services.matching_run(by=coach, mode="shortlist")
    client.force_login(entrepreneur_user)
    assert b'data-action="choose"' not in client.get("/app/mentoring/mine/").content  # not opened yet
    services.run_publish(run=run, by=coach)
    content = client.get("/app/mentoring/mine/").content.decode()
    choices = list(run.matches.filter(mentee=mentee).order_by("shortlist_rank"))
    assert len(choices) == 3 and all(f'data-match="{m.pk}"' in content for m in choices)
    client.post(f"/app/mentoring/pairs/{choices[2].pk}/choose/")
    chosen = Match.objects.get(mentee=mentee)
    assert chosen.pk == choices[2].pk and chosen.status == MatchStatus.OFFERED
    assert chosen.mentor in mentors


def test_an_admin_saves_weights_and_a_coach_asks_for_a_suggestion(client, admin_user, coach):
    client.force_login(coach)
    page = client.get("/app/mentoring/weights/?suggest=1")
    assert page.status_code == 200 and b'id="suggestion"' in page.content
    values = {"expertise": "4", "sector": "1", "goals": "1", "languages": "2", "complementarity": "3"}
    values |= {"place": "1", "availability": "0.5"}
    client.post("/app/mentoring/weights/", values)
    assert services.weights_for(None).version == 1  # coaches read, administrators change
    client.force_login(admin_user)
    client.post("/app/mentoring/weights/", values)
    saved = services.weights_for(None)
    assert saved.version == 2 and saved.weights["expertise"] == 4.0
    bad = client.post("/app/mentoring/weights/", {**values, "expertise": "-5"})
    assert bad.status_code == 200 and services.weights_for(None).version == 2
