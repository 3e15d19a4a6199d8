"""Services of the meetings a pair schedules: one side proposes times, the other fixes one, either cancels.

Every write locks the pair, then the meeting, in a transaction: two clicks on "accept" at the same instant are
served one after the other, and the second gets a clear message instead of a second fixed time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from interlab.core.errors import Conflict, Forbidden
from interlab.core.models import User

from .models import Match, MatchStatus, Meeting, MeetingMode, MeetingStatus
from .services import _locked, _notify, _party

# One to three times to choose from, none past, none further ahead than about six months.
MAX_OPTIONS = 3
MAX_AHEAD = timedelta(days=183)
# Proposals waiting for an answer in one pair: enough to juggle, not a flood of notifications.
MAX_OPEN_PROPOSALS = 3


def aware(moment: datetime, field: str = "starts") -> datetime:
    """A time without an offset is the house's local time (Europe/Brussels); returned in UTC."""
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, timezone.get_default_timezone())
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 pushed past the calendar by its offset
        raise ValidationError({field: _("This date is out of range.")}) from None


def _locked_meeting(meeting: Meeting) -> tuple[Match, Meeting]:
    """The pair, then the meeting, locked and read afresh (always in that order: no deadlock with a proposal)."""
    match = _locked(meeting.match)
    found = Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if found is None:
        raise Http404("meeting")
    found.match = match
    return match, found


def _clean_options(starts, now: datetime) -> list[datetime]:
    moments = sorted({aware(moment) for moment in starts or []})
    if not moments:
        raise ValidationError({"starts": _("Propose at least one time.")})
    if len(moments) > MAX_OPTIONS:
        raise ValidationError({"starts": _("Propose three times at most.")})
    if any(moment <= now for moment in moments):
        raise ValidationError({"starts": _("A proposed time must be in the future.")})
    if any(moment > now + MAX_AHEAD for moment in moments):
        raise ValidationError({"starts": _("Propose times within the next six months.")})
    return moments


def _open_proposals(match: Match, now: datetime) -> int:
    waiting = match.meetings.filter(status=MeetingStatus.PROPOSED)
    return sum(1 for meeting in waiting if any(moment > now for moment in meeting.option_times))


def _not_open_message(meeting: Meeting) -> Conflict:
    """Why a meeting can no longer be answered, in words."""
    if meeting.status == MeetingStatus.ACCEPTED:
        return Conflict(_("This meeting is already fixed."), code="already_accepted")
    if meeting.status == MeetingStatus.DECLINED:
        return Conflict(_("This proposal was already declined."), code="declined")
    return Conflict(_("This proposal was cancelled."), code="cancelled")


def _decline(meeting: Meeting, by: User, note: str) -> Meeting:
    if meeting.status != MeetingStatus.PROPOSED:
        raise _not_open_message(meeting)
    if meeting.proposed_by_id == by.pk:
        raise Forbidden(_("You proposed this meeting: withdraw it instead."))
    meeting.status, meeting.answered_by, meeting.answered_at = MeetingStatus.DECLINED, by, timezone.now()
    meeting.answer_note = (note or "").strip()[:2000]
    meeting.save(update_fields=["status", "answered_by", "answered_at", "answer_note"])
    return meeting


@transaction.atomic
def meeting_propose(
    *,
    match: Match,
    by: User,
    starts: list[datetime],
    minutes: int = 60,
    mode: str = MeetingMode.IN_PERSON,
    place: str = "",
    link: str = "",
    note: str = "",
    replaces: Meeting | None = None,
) -> Meeting:
    """Either side of a running pair proposes one to three times; the other side is told.

    With `replaces`, the proposer answers the other side's proposal with times of their own: that proposal is
    declined in the same transaction, and only the new proposal is announced.
    """
    match = _locked(match)
    _party(match, by)
    if match.status != MatchStatus.ACTIVE:
        raise Conflict(_("Meetings are scheduled by a running pair only."), code="wrong_state")
    now = timezone.now()
    options = _clean_options(starts, now)
    if replaces is not None:
        old = Meeting.objects.select_for_update().filter(pk=replaces.pk, match=match).first()
        if old is None:
            raise Http404("meeting")
        _decline(old, by, "")
    if _open_proposals(match, now) >= MAX_OPEN_PROPOSALS:
        raise Conflict(
            _("Three proposals already wait for an answer in this pair: cancel one first."), code="too_many_proposals"
        )
    if mode not in MeetingMode.values:
        raise ValidationError({"mode": _("Choose in person, by phone or by video call.")})
    place = (place or "").strip() if mode == MeetingMode.IN_PERSON else ""
    link = (link or "").strip() if mode == MeetingMode.VIDEO else ""
    if mode == MeetingMode.IN_PERSON and not place:
        raise ValidationError({"place": _("Say where you meet.")})
    meeting = Meeting(
        match=match,
        options=[moment.isoformat() for moment in options],
        minutes=minutes,
        mode=mode,
        place=place,
        link=link,
        note=(note or "").strip(),
        proposed_by=by,
    )
    meeting.full_clean()
    meeting.save()
    _notify("send_meeting_mail", meeting.pk, "proposed")
    return meeting


@transaction.atomic
def meeting_accept(*, meeting: Meeting, by: User, start: datetime) -> Meeting:
    """The other side fixes one of the proposed times in one click; the proposer is told."""
    match, meeting = _locked_meeting(meeting)
    _party(match, by)
    if meeting.proposed_by_id == by.pk:
        raise Forbidden(_("You proposed this meeting: the other side chooses the time."))
    if meeting.status != MeetingStatus.PROPOSED:
        raise _not_open_message(meeting)
    if match.status != MatchStatus.ACTIVE:
        raise Conflict(_("Meetings are scheduled by a running pair only."), code="wrong_state")
    start = aware(start, "start")
    if start not in meeting.option_times:
        raise ValidationError({"start": _("Choose one of the proposed times.")})
    if start <= timezone.now():
        raise Conflict(_("This time has passed: propose other times."), code="time_passed")
    meeting.status, meeting.start = MeetingStatus.ACCEPTED, start
    meeting.answered_by, meeting.answered_at = by, timezone.now()
    meeting.save(update_fields=["status", "start", "answered_by", "answered_at"])
    _notify("send_meeting_mail", meeting.pk, "accepted")
    return meeting


@transaction.atomic
def meeting_decline(*, meeting: Meeting, by: User, note: str = "") -> Meeting:
    """The other side says none of the times suits them, with a message if they like; the proposer is told."""
    match, meeting = _locked_meeting(meeting)
    _party(match, by)
    meeting = _decline(meeting, by, note)
    _notify("send_meeting_mail", meeting.pk, "declined")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, note: str = "") -> Meeting:
    """The proposer withdraws a proposal, or either side cancels a fixed meeting before it starts; the other
    side is told. A fixed meeting's SEQUENCE goes up, so that a calendar that imported it takes the change."""
    match, meeting = _locked_meeting(meeting)
    _party(match, by)
    if meeting.status == MeetingStatus.PROPOSED:
        if meeting.proposed_by_id != by.pk:
            raise Forbidden(_("Only the person who proposed these times can withdraw them; decline them instead."))
    elif meeting.status == MeetingStatus.ACCEPTED:
        if meeting.start <= timezone.now():
            raise Conflict(_("This meeting has already started: it can no longer be cancelled."), code="started")
        meeting.sequence += 1
    else:
        raise _not_open_message(meeting)
    meeting.status, meeting.cancelled_by, meeting.cancelled_at = MeetingStatus.CANCELLED, by, timezone.now()
    meeting.answer_note = (note or "").strip()[:2000]
    meeting.save(update_fields=["status", "cancelled_by", "cancelled_at", "answer_note", "sequence"])
    _notify("send_meeting_mail", meeting.pk, "cancelled")
    return meeting


def meeting_other_side(meeting: Meeting, user_id: int | None) -> User | None:
    """The member of the pair who is not `user_id`: whom a proposal, a cancellation… is for."""
    match = meeting.match
    mentor, mentee = match.mentor.user, match.mentee.user
    if user_id is not None and user_id == mentor.pk:
        return mentee
    if user_id is not None and mentee is not None and user_id == mentee.pk:
        return mentor
    return None
