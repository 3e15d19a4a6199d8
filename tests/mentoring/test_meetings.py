"""A running pair schedules its meetings: one side proposes times, the other fixes one, either cancels; an .ics
for each member of the pair; a meeting that took place asks to be logged as a session."""

import json
import threading
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connections
from django.test import Client
from django.utils import timezone

from interlab.core.errors import Conflict, Forbidden
from interlab.core.interfaces import Person
from interlab.core.models import Notification, Role
from interlab.mentoring import meetings, personal_data, selectors, services
from interlab.mentoring.models import Meeting, MeetingStatus, MentoringSession
from tests.factories import UserFactory

from .factories import make_mentee, make_mentor, make_offer

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")
MINE = "/app/mentoring/mine/"


@pytest.fixture(autouse=True)
def _worker_inline(monkeypatch):
    """The worker's tasks run at once, in the test (django-q2 read its settings when it was imported)."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)


@pytest.fixture
def pair(coach, entrepreneur_user):
    """A running pair whose two members read InterLab in English (the messages below are the English ones)."""
    entrepreneur_user.preferred_language = "en"
    entrepreneur_user.save(update_fields=["preferred_language"])
    mentee = make_mentee(user=entrepreneur_user, first_name="Amina")
    mentor = make_mentor(user=UserFactory(role=Role.MENTOR, first_name="Pierre", preferred_language="en"))
    match = make_offer(mentee, mentor, coach)
    return services.match_accept(match=match, by=mentor.user)


def local(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """That many days from today, at that Brussels time."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def proposal_form(*moments: datetime, **extra) -> dict:
    data = {"minutes": "60", "mode": "in_person", "place": "Café du Marché, Liège", "note": ""}
    for i, moment in enumerate(moments, start=1):
        data[f"date_{i}"] = moment.date().isoformat()
        data[f"time_{i}"] = moment.strftime("%H:%M")
    return {**data, **extra}


def propose(pair, *moments, by=None, **fields) -> Meeting:
    fields.setdefault("mode", "phone")
    return meetings.meeting_propose(match=pair, by=by or pair.mentor.user, starts=list(moments), **fields)


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


# -- proposing ---------------------------------------------------------------------------------------------
def test_the_mentor_proposes_two_times_from_the_inbox_and_the_mentee_is_told(
    pair, entrepreneur_user, django_capture_on_commit_callbacks
):
    first, second = local(3, 10), local(4, 14, 30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(pair.mentor.user).post(
            f"/app/mentoring/pairs/{pair.pk}/meeting/", proposal_form(first, second), follow=True
        )
    assert response.status_code == 200
    meeting = Meeting.objects.get(match=pair)
    assert (meeting.status, meeting.option_times, meeting.minutes, meeting.place, meeting.proposed_by) == (
        MeetingStatus.PROPOSED,
        [first.astimezone(UTC), second.astimezone(UTC)],
        60,
        "Café du Marché, Liège",
        pair.mentor.user,
    )
    notification = Notification.objects.get(user=entrepreneur_user)
    assert (notification.kind, notification.subject) == ("mentoring.meeting_proposed", "Pierre proposes a meeting")
    assert not Notification.objects.filter(user=pair.mentor.user).exists()


def test_the_mentee_proposes_from_their_own_page_and_the_mentor_is_told(
    pair, entrepreneur_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(entrepreneur_user).post(f"/app/mentoring/pairs/{pair.pk}/meeting/", proposal_form(local(2)))
    assert Meeting.objects.get(match=pair).proposed_by == entrepreneur_user
    assert Notification.objects.get(user=pair.mentor.user).kind == "mentoring.meeting_proposed"


def test_a_past_time_is_refused_with_a_message(pair):
    response = client_for(pair.mentor.user).post(
        f"/app/mentoring/pairs/{pair.pk}/meeting/", proposal_form(local(-1)), follow=True
    )
    assert not Meeting.objects.exists()
    assert messages_of(response) == [("error", "A proposed time must be in the future.")]


def test_a_time_more_than_six_months_ahead_is_refused(pair):
    with pytest.raises(ValidationError) as refused:
        propose(pair, local(200))
    assert refused.value.message_dict == {"starts": ["Propose times within the next six months."]}


def test_a_date_without_a_time_is_refused_with_a_message(pair):
    data = proposal_form(local(3))
    data["date_2"] = local(4).date().isoformat()
    response = client_for(pair.mentor.user).post(f"/app/mentoring/pairs/{pair.pk}/meeting/", data, follow=True)
    assert not Meeting.objects.exists()
    assert messages_of(response) == [("error", "Give both a date and a time.")]


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.org/room"])
def test_a_video_link_must_be_a_web_address(pair, link):
    with pytest.raises(ValidationError) as refused:
        propose(pair, local(3), mode="video", link=link)
    assert list(refused.value.message_dict) == ["link"]
    assert propose(pair, local(3), mode="video", link="https://meet.example.org/abc").link


def test_a_meeting_in_person_needs_a_place(pair):
    with pytest.raises(ValidationError) as refused:
        propose(pair, local(3), mode="in_person", place=" ")
    assert list(refused.value.message_dict) == ["place"]


def test_a_coach_does_not_schedule_for_the_pair(pair, coach):
    with pytest.raises(Forbidden):
        propose(pair, local(3), by=coach)


def test_an_ended_pair_schedules_nothing(pair):
    services.match_end(match=pair, by=pair.mentor.user)
    response = client_for(pair.mentor.user).post(
        f"/app/mentoring/pairs/{pair.pk}/meeting/", proposal_form(local(3)), follow=True
    )
    assert not Meeting.objects.exists()
    assert messages_of(response) == [("error", "Meetings are scheduled by a running pair only.")]


# -- answering ---------------------------------------------------------------------------------------------
def test_the_mentee_accepts_one_time_in_one_click_and_the_mentor_is_told(
    pair, entrepreneur_user, django_capture_on_commit_callbacks
):
    meeting = propose(pair, local(3, 10), local(5, 18))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(entrepreneur_user).post(
            f"/app/mentoring/meetings/{meeting.pk}/accept/", {"start": meeting.options[1]}
        )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.start, meeting.answered_by) == (
        MeetingStatus.ACCEPTED,
        local(5, 18),
        entrepreneur_user,
    )
    notification = Notification.objects.get(user=pair.mentor.user)
    assert (notification.kind, notification.subject) == ("mentoring.meeting_accepted", "Amina accepted your meeting")


def test_the_proposer_cannot_accept_their_own_times(pair):
    meeting = propose(pair, local(3))
    response = client_for(pair.mentor.user).post(
        f"/app/mentoring/meetings/{meeting.pk}/accept/", {"start": meeting.options[0]}, follow=True
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PROPOSED
    assert messages_of(response) == [("error", "You proposed this meeting: the other side chooses the time.")]


def test_the_proposer_gets_403_from_the_api(pair):
    meeting = propose(pair, local(3))
    response = client_for(pair.mentor.user).post(
        f"/api/v1/meetings/{meeting.pk}/accept",
        json.dumps({"start": meeting.options[0]}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_somebody_outside_the_pair_gets_404(pair):
    meeting = propose(pair, local(3))
    outsider = make_mentee(user=UserFactory(role=Role.ENTREPRENEUR)).user
    response = client_for(outsider).post(f"/app/mentoring/meetings/{meeting.pk}/accept/", {"start": meeting.options[0]})
    assert response.status_code == 404


def test_a_time_that_was_not_proposed_is_refused(pair, entrepreneur_user):
    meeting = propose(pair, local(3))
    with pytest.raises(ValidationError):
        meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=local(3, 11))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PROPOSED


def test_a_second_accept_gets_a_clear_message_and_keeps_the_first_time(pair, entrepreneur_user):
    meeting = propose(pair, local(3, 10), local(4, 10))
    client = client_for(entrepreneur_user)
    client.post(f"/app/mentoring/meetings/{meeting.pk}/accept/", {"start": meeting.options[0]}, follow=True)
    response = client.post(f"/app/mentoring/meetings/{meeting.pk}/accept/", {"start": meeting.options[1]}, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == [("error", "This meeting is already fixed.")]
    meeting.refresh_from_db()
    assert meeting.start == local(3, 10)


def test_accepting_a_withdrawn_proposal_gets_a_clear_message(pair, entrepreneur_user):
    meeting = propose(pair, local(3))
    meetings.meeting_cancel(meeting=meeting, by=pair.mentor.user)
    response = client_for(entrepreneur_user).post(
        f"/app/mentoring/meetings/{meeting.pk}/accept/", {"start": meeting.options[0]}, follow=True
    )
    assert messages_of(response) == [("error", "This proposal was cancelled.")]
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED


def test_the_api_answers_409_to_a_second_accept(pair, entrepreneur_user):
    meeting = propose(pair, local(3))
    client = client_for(entrepreneur_user)
    url, body = f"/api/v1/meetings/{meeting.pk}/accept", json.dumps({"start": meeting.options[0]})
    assert client.post(url, body, content_type="application/json").status_code == 200
    second = client.post(url, body, content_type="application/json")
    assert (second.status_code, second.json()["code"]) == (409, "already_accepted")


def test_a_time_that_passed_before_the_answer_is_refused(pair, entrepreneur_user):
    start = local(1, 10)
    meeting = propose(pair, start)
    with time_machine.travel(start + timedelta(hours=1)):
        response = client_for(entrepreneur_user).post(
            f"/app/mentoring/meetings/{meeting.pk}/accept/", {"start": meeting.options[0]}, follow=True
        )
    assert messages_of(response) == [("error", "This time has passed: propose other times.")]


def test_the_other_side_declines_with_a_word_and_the_proposer_is_told(
    pair, entrepreneur_user, django_capture_on_commit_callbacks
):
    meeting = propose(pair, local(3))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(entrepreneur_user).post(f"/app/mentoring/meetings/{meeting.pk}/decline/", {"note": "Je travaille"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.answer_note) == (MeetingStatus.DECLINED, "Je travaille")
    notification = Notification.objects.get(user=pair.mentor.user)
    assert notification.kind == "mentoring.meeting_declined" and "Je travaille" in notification.body


def test_proposing_other_times_declines_the_first_proposal_and_tells_the_proposer_once(
    pair, entrepreneur_user, django_capture_on_commit_callbacks
):
    meeting = propose(pair, local(3))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(entrepreneur_user).post(
            f"/app/mentoring/pairs/{pair.pk}/meeting/", proposal_form(local(6, 9), replaces=str(meeting.pk))
        )
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.DECLINED
    counter = Meeting.objects.exclude(pk=meeting.pk).get()
    assert (counter.proposed_by, counter.option_times) == (entrepreneur_user, [local(6, 9).astimezone(UTC)])
    assert list(Notification.objects.filter(user=pair.mentor.user).values_list("kind", flat=True)) == [
        "mentoring.meeting_proposed"
    ]


def test_three_proposals_waiting_are_enough(pair):
    for days in (2, 3, 4):
        propose(pair, local(days))
    response = client_for(pair.mentor.user).post(
        f"/app/mentoring/pairs/{pair.pk}/meeting/", proposal_form(local(5)), follow=True
    )
    assert Meeting.objects.count() == 3
    assert messages_of(response)[0][0] == "error"


# -- cancelling --------------------------------------------------------------------------------------------
def test_only_the_proposer_withdraws_a_proposal(pair, entrepreneur_user):
    meeting = propose(pair, local(3))
    with pytest.raises(Forbidden):
        meetings.meeting_cancel(meeting=meeting, by=entrepreneur_user)
    assert meetings.meeting_cancel(meeting=meeting, by=pair.mentor.user).status == MeetingStatus.CANCELLED


def test_either_side_cancels_a_fixed_meeting_and_the_other_is_told(
    pair, entrepreneur_user, django_capture_on_commit_callbacks
):
    meeting = propose(pair, local(3))
    meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=local(3))
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(entrepreneur_user).post(f"/app/mentoring/meetings/{meeting.pk}/cancel/", {"note": "Malade"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancelled_by, meeting.sequence) == (MeetingStatus.CANCELLED, entrepreneur_user, 1)
    notification = Notification.objects.get()
    assert (notification.user, notification.kind) == (pair.mentor.user, "mentoring.meeting_cancelled")
    assert "Malade" in notification.body


def test_a_meeting_that_started_can_no_longer_be_cancelled(pair, entrepreneur_user):
    start = local(1)
    meeting = propose(pair, start)
    meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=start)
    with time_machine.travel(start + timedelta(minutes=15)):
        response = client_for(pair.mentor.user).post(f"/app/mentoring/meetings/{meeting.pk}/cancel/", follow=True)
    assert messages_of(response) == [("error", "This meeting has already started: it can no longer be cancelled.")]
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.ACCEPTED


def test_ending_the_pair_cancels_the_meetings_ahead(pair, entrepreneur_user):
    waiting = propose(pair, local(2))
    fixed = propose(pair, local(3))
    meetings.meeting_accept(meeting=fixed, by=entrepreneur_user, start=local(3))
    services.match_end(match=pair, by=entrepreneur_user)
    assert dict(Meeting.objects.values_list("pk", "status")) == {
        waiting.pk: MeetingStatus.CANCELLED,
        fixed.pk: MeetingStatus.CANCELLED,
    }
    assert Meeting.objects.get(pk=fixed.pk).sequence == 1


# -- the calendar file ---------------------------------------------------------------------------------------
def _fixed_meeting_at(coach, moment: datetime, **fields):
    """A pair made and a meeting fixed a few weeks before `moment` (the clock moved there)."""
    with time_machine.travel(moment - timedelta(days=25), tick=False):
        mentee_user = UserFactory(role=Role.ENTREPRENEUR, first_name="Amina")
        mentee = make_mentee(user=mentee_user, first_name="Amina")
        mentor = make_mentor(user=UserFactory(role=Role.MENTOR, first_name="Pierre"))
        match = services.match_accept(match=make_offer(mentee, mentor, coach), by=mentor.user)
        meeting = meetings.meeting_propose(match=match, by=mentor.user, starts=[moment], minutes=90, **fields)
        meeting = meetings.meeting_accept(meeting=meeting, by=mentee_user, start=moment)
    return meeting, mentor.user, mentee_user


def _event(response) -> icalendar.Event:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]


@pytest.mark.parametrize(
    ("moment", "utc_hour"),
    [(datetime(2031, 7, 15, 10, 0, tzinfo=BRUSSELS), 8), (datetime(2032, 1, 15, 10, 0, tzinfo=BRUSSELS), 9)],
    ids=["summer", "winter"],
)
def test_the_ics_holds_the_meeting_at_its_brussels_time(coach, moment, utc_hour):
    meeting, mentor_user, mentee_user = _fixed_meeting_at(
        coach, moment, mode="video", link="https://meet.example.org/abc", note="Plan financier; budget, TVA"
    )
    with time_machine.travel(moment - timedelta(days=1)):
        event = _event(client_for(mentee_user).get(f"/app/mentoring/meetings/{meeting.pk}.ics"))
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.astimezone(UTC) == datetime(moment.year, moment.month, 15, utc_hour, 0, tzinfo=UTC)
    assert end - start == timedelta(minutes=90)
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"
    assert (str(event["uid"]), int(event["sequence"]), str(event["status"])) == (
        f"{meeting.uid}@interlab",
        0,
        "CONFIRMED",
    )
    assert str(event["summary"]) == "Mentoring with Pierre"
    assert (str(event["url"]), str(event["location"])) == (
        "https://meet.example.org/abc",
        "https://meet.example.org/abc",
    )
    assert str(event["description"]) == "Plan financier; budget, TVA"
    assert b"Plan financier\\; budget\\, TVA" in event.to_ical()
    assert event.decoded("dtstamp").tzinfo is not None


def test_a_cancelled_meeting_s_ics_says_so_with_a_higher_sequence(pair, entrepreneur_user):
    meeting = propose(pair, local(3))
    meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=local(3))
    meetings.meeting_cancel(meeting=meeting, by=pair.mentor.user)
    event = _event(client_for(pair.mentor.user).get(f"/app/mentoring/meetings/{meeting.pk}.ics"))
    assert (str(event["status"]), int(event["sequence"]), str(event["summary"])) == (
        "CANCELLED",
        1,
        "Mentoring with Amina",
    )


def test_the_pair_and_coaches_download_the_ics_others_get_404(pair, entrepreneur_user, coach, funder):
    meeting = propose(pair, local(3))
    url = f"/app/mentoring/meetings/{meeting.pk}.ics"
    assert client_for(entrepreneur_user).get(url).status_code == 404  # no fixed time yet: no file
    meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=local(3))
    other_mentor = make_mentor(user=UserFactory(role=Role.MENTOR))
    outsider = make_mentee(user=UserFactory(role=Role.ENTREPRENEUR)).user
    statuses = {
        name: client_for(user).get(url).status_code
        for name, user in [
            ("mentee", entrepreneur_user),
            ("mentor", pair.mentor.user),
            ("coach", coach),
            ("other mentor", other_mentor.user),
            ("other entrepreneur", outsider),
            ("funder", funder),
        ]
    }
    assert statuses == {
        "mentee": 200,
        "mentor": 200,
        "coach": 200,
        "other mentor": 404,
        "other entrepreneur": 404,
        "funder": 404,
    }


# -- after the meeting -------------------------------------------------------------------------------------
def test_a_meeting_that_took_place_is_offered_to_be_logged_with_its_date_and_length(pair, entrepreneur_user):
    start = local(2, 17)
    meeting = propose(pair, start, minutes=45)
    meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=start)
    client = client_for(entrepreneur_user)
    with time_machine.travel(start + timedelta(hours=2)):
        current = client.get(MINE).context["current"]
        assert [m.pk for m in current.meetings_to_log] == [meeting.pk]
        form = current.meetings_to_log[0].log_form
        assert (form.initial["held_on"], form.initial["minutes"]) == (start.date(), 45)
        client.post(
            f"/app/mentoring/pairs/{pair.pk}/session/",
            {"held_on": start.date().isoformat(), "minutes": "45", "note": "", "meeting": str(meeting.pk)},
        )
        assert client.get(MINE).context["current"].meetings_to_log == []
    session = MentoringSession.objects.get()
    assert (session.held_on, session.minutes, Meeting.objects.get().session) == (start.date(), 45, session)


def test_a_meeting_still_ahead_cannot_be_logged(pair, entrepreneur_user):
    meeting = propose(pair, local(2))
    meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=local(2))
    with pytest.raises(ValidationError):
        services.session_log(match=pair, by=entrepreneur_user, meeting=meeting)
    assert not MentoringSession.objects.exists()


def test_the_pages_show_what_each_side_has_to_do(pair, entrepreneur_user):
    meeting = propose(pair, local(3, 10), local(4, 11))
    mentee_page = client_for(entrepreneur_user).get(MINE)
    assert [m.pk for m in mentee_page.context["current"].meetings_to_answer] == [meeting.pk]
    assert mentee_page.content.count(b'data-action="accept-meeting"') == 2
    mentor_page = client_for(pair.mentor.user).get("/app/mentoring/inbox/")
    assert [m.pk for m in mentor_page.context["active"][0].meetings_proposed] == [meeting.pk]
    assert b'data-action="accept-meeting"' not in mentor_page.content


def test_the_coach_reads_the_pair_s_meetings_through_the_api(pair, coach):
    meeting = propose(pair, local(3))
    items = client_for(coach).get(f"/api/v1/matches/{pair.pk}/meetings").json()["items"]
    assert [(i["id"], i["status"], i["proposed_by"]) for i in items] == [(meeting.pk, "proposed", "mentor")]


def test_the_api_refuses_a_past_time_with_422(pair):
    response = client_for(pair.mentor.user).post(
        f"/api/v1/matches/{pair.pk}/meetings",
        json.dumps({"starts": [local(-2).isoformat()], "mode": "phone"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "starts"


# -- personal data -----------------------------------------------------------------------------------------
def test_the_export_holds_the_pair_s_meetings(pair, entrepreneur_user):
    meeting = propose(pair, local(3), mode="in_person", place="Rue Saint-Gilles 12", note="Apporter le budget")
    meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=local(3))
    exported = selectors.export_for_user(entrepreneur_user)["mentoring_pairs"][0]["meetings"]
    assert [(m["status"], m["start"], m["place"], m["note"], m["proposed_by_me"]) for m in exported] == [
        ("accepted", local(3), "Rue Saint-Gilles 12", "Apporter le budget", False)
    ]
    mentor_export = selectors.export_for_user(pair.mentor.user)["mentoring_pairs"][0]["meetings"]
    assert mentor_export[0]["proposed_by_me"] is True


def test_erasure_blanks_the_meetings_texts_and_cancels_those_ahead(pair, entrepreneur_user):
    past = propose(pair, local(1), mode="in_person", place="Rue Saint-Gilles 12", note="Budget")
    meetings.meeting_accept(meeting=past, by=entrepreneur_user, start=local(1))
    ahead = propose(pair, local(5), mode="video", link="https://meet.example.org/x")
    meetings.meeting_accept(meeting=ahead, by=entrepreneur_user, start=local(5))
    now = local(3)
    with time_machine.travel(now):
        personal_data.erase(Person(entrepreneur_id=pair.mentee_id, entrepreneur=pair.mentee, user=entrepreneur_user))
    rows = {m.pk: m for m in Meeting.objects.all()}
    assert [(m.place, m.link, m.note, m.answer_note) for m in rows.values()] == [("", "", "", "")] * 2
    assert (rows[past.pk].status, rows[ahead.pk].status) == (MeetingStatus.ACCEPTED, MeetingStatus.CANCELLED)


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_a_time_at_the_edge_of_the_calendar_is_422_not_a_server_error(pair, moment):
    response = client_for(pair.mentor.user).post(
        f"/api/v1/matches/{pair.pk}/meetings",
        json.dumps({"starts": [moment], "mode": "phone"}),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_accepts_at_the_same_instant_fix_one_time_and_tell_the_other_it_is_taken(pair, entrepreneur_user):
    meeting = propose(pair, local(3, 10), local(4, 10))
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(start):
        try:
            barrier.wait()
            meetings.meeting_accept(meeting=meeting, by=entrepreneur_user, start=start)
            outcomes.append("fixed")
        except Conflict as exc:
            outcomes.append(exc.code)
        except Exception as exc:  # noqa: BLE001 - anything else would be a server error
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(start,)) for start in meeting.option_times]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_accepted", "fixed"], outcomes
    assert Meeting.objects.get().start in meeting.option_times
