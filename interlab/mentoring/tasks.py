"""django-q2 entry points of mentoring: the notifications of the workflow and the reminders. Thin and idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from interlab.core.models import User
from interlab.core.notifications import notify

from .meetings import meeting_other_side
from .models import Match, MatchStatus, Meeting, MeetingStatus

OFFER_PENDING_HOURS = 72
SESSION_SILENCE_DAYS = 21
CHECKIN_DAYS = 90


# Where each message leads, by template.
_PAGES = {
    "accepted": lambda match: reverse("mentoring:mine"),
    "checkin": lambda match: reverse("mentoring:home"),
    "fit_reminder": lambda match: reverse("mentoring:home"),
    "offer": lambda match: reverse("mentoring:inbox"),
    "offer_reminder": lambda match: reverse("mentoring:inbox"),
    "session_reminder": lambda match: reverse("mentoring:inbox"),
    "shortlist": lambda match: reverse("mentoring:mine"),
    "info_request": lambda match: (
        reverse("mentoring:run", args=[match.run_id]) if match.run_id else reverse("mentoring:runs")
    ),
    "declined": lambda match: (
        reverse("mentoring:run", args=[match.run_id]) if match.run_id else reverse("mentoring:runs")
    ),
    "meeting_proposed": lambda match: reverse("mentoring:home"),
    "meeting_accepted": lambda match: reverse("mentoring:home"),
    "meeting_declined": lambda match: reverse("mentoring:home"),
    "meeting_cancelled": lambda match: reverse("mentoring:home"),
}


def _mail(user: User | None, template: str, context: dict) -> bool:
    """One notification (core decides: in the app, by e-mail, by SMS) in the recipient's own language."""
    match = context["match"]
    notification = notify(
        user,
        f"mentoring.{template}",
        template=f"mentoring/email/{template}",
        context=context,
        url=_PAGES[template](match),
        about=match.mentee,
    )
    return notification is not None


def _match(pk: int) -> Match | None:
    return Match.objects.select_related("mentor__user", "mentee__user").filter(pk=pk).first()


def send_offer_mail(match_id: int) -> bool:
    match = _match(match_id)
    if match is None or match.status != MatchStatus.OFFERED:
        return False
    return _mail(match.mentor.user, "offer", {"match": match})


def send_accepted_mail(match_id: int) -> bool:
    match = _match(match_id)
    if match is None or match.status != MatchStatus.ACTIVE:
        return False
    return _mail(match.mentee.user, "accepted", {"match": match})


def send_info_request_mail(match_id: int) -> int:
    match = _match(match_id)
    if match is None:
        return 0
    coaches = {p.coach for p in match.mentee.projects.select_related("coach") if p.coach} or set(User.objects.coaches())
    return sum(_mail(coach, "info_request", {"match": match}) for coach in coaches)


def send_declined_mail(match_id: int, declined_at: str | None = None) -> int:
    """The mentor's no reaches the coaches of the mentee's projects (or every coach when none is named).

    Sent after the few minutes a decline can be undone (`declined_at`: the decline it was queued for). A decline
    taken back, or taken back and made again later (that one has its own mail), is not told.
    """
    match = _match(match_id)
    if match is None or match.status != MatchStatus.DECLINED:
        return 0
    if declined_at is not None and (match.responded_at is None or match.responded_at.isoformat() != declined_at):
        return 0
    coaches = {p.coach for p in match.mentee.projects.select_related("coach") if p.coach} or set(User.objects.coaches())
    return sum(_mail(coach, "declined", {"match": match}) for coach in coaches)


def send_shortlist_mail(mentee_id: int) -> bool:
    match = Match.objects.select_related("mentee__user").filter(mentee_id=mentee_id, shortlist_open=True).first()
    if match is None:
        return False
    return _mail(match.mentee.user, "shortlist", {"match": match})


# A meeting's news, the state it must still be in to be told, and whose doing it was (the other side is told).
_MEETING_EVENTS = {
    "proposed": (MeetingStatus.PROPOSED, "proposed_by_id"),
    "accepted": (MeetingStatus.ACCEPTED, "answered_by_id"),
    "declined": (MeetingStatus.DECLINED, "answered_by_id"),
    "cancelled": (MeetingStatus.CANCELLED, "cancelled_by_id"),
}


def send_meeting_mail(meeting_id: int, event: str) -> bool:
    """A meeting proposed, accepted, declined or cancelled: the other member of the pair is told. News that
    no longer holds when the worker gets to it (a proposal cancelled meanwhile) is not sent."""
    if event not in _MEETING_EVENTS:
        return False
    status, author_field = _MEETING_EVENTS[event]
    meeting = Meeting.objects.select_related("match__mentor__user", "match__mentee__user").filter(pk=meeting_id).first()
    if meeting is None or meeting.status != status:
        return False
    author_id = getattr(meeting, author_field)
    match = meeting.match
    author = match.mentor.user.first_name if author_id == match.mentor.user_id else match.mentee.first_name
    context = {"match": match, "meeting": meeting, "author": author, "times": meeting.option_times}
    return _mail(meeting_other_side(meeting, author_id), f"meeting_{event}", context)


def _remind_once(match: Match, key: str) -> bool:
    """Record that a reminder went out, in the same row, so that two workers never send it twice.

    The row is locked and read again: the reminders run at the same hour in several workers, and writing
    back a stale copy would drop the key another reminder just recorded (and send that one again).
    """
    with transaction.atomic():
        current = Match.objects.select_for_update().filter(pk=match.pk).values_list("reminders", flat=True).first()
        if current is None:
            return False
        current = current if isinstance(current, dict) else {}
        if key in current:
            return False
        Match.objects.filter(pk=match.pk).update(reminders={**current, key: timezone.now().isoformat()})
    return True


def remind_pending_offers(now=None) -> int:
    """Offers waiting for the mentor's answer for more than 72 hours: one reminder each."""
    now = now or timezone.now()
    sent = 0
    due = Match.objects.filter(status=MatchStatus.OFFERED, offered_at__lte=now - timedelta(hours=OFFER_PENDING_HOURS))
    for match in due.select_related("mentor__user", "mentee"):
        if "offer_pending" not in (match.reminders or {}) and _remind_once(match, "offer_pending"):
            sent += _mail(match.mentor.user, "offer_reminder", {"match": match})
    return sent


def remind_unlogged_sessions(now=None) -> int:
    """Running pairs with no session logged for three weeks: the mentor is reminded, once per silence."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=SESSION_SILENCE_DAYS)
    sent = 0
    pairs = (
        Match.objects.filter(status=MatchStatus.ACTIVE, accepted_at__lte=cutoff)
        .annotate(last=Max("sessions__held_on"))
        .filter(Q(last__isnull=True) | Q(last__lt=cutoff.date()))
        .select_related("mentor__user", "mentee")
    )
    for match in pairs:
        key = f"session:{(match.last or match.accepted_at.date()).isoformat()}"
        if key not in (match.reminders or {}) and _remind_once(match, key):
            sent += _mail(match.mentor.user, "session_reminder", {"match": match})
    return sent


def remind_checkins(now=None) -> int:
    """The first-session fit check (a week after accepting) and the 3-month check-in, to both sides."""
    now = now or timezone.now()
    sent = 0
    for key, days, template in (("fit", 7, "fit_reminder"), ("checkin", CHECKIN_DAYS, "checkin")):
        due = Match.objects.filter(status=MatchStatus.ACTIVE, accepted_at__lte=now - timedelta(days=days))
        if key == "fit":
            due = due.filter(Q(mentor_fit="") | Q(mentee_fit=""))
        for match in due.select_related("mentor__user", "mentee__user"):
            if key not in (match.reminders or {}) and _remind_once(match, key):
                sent += _mail(match.mentor.user, template, {"match": match})
                sent += _mail(match.mentee.user, template, {"match": match})
    return sent
