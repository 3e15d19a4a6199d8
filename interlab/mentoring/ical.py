"""The .ics of one fixed meeting of a pair (RFC 5545), for either member of the pair to add to their calendar.

A meeting cancelled after it was fixed is still given, with STATUS:CANCELLED and a higher SEQUENCE under the
same UID: a calendar that imported it takes the change when the file is opened again. A proposal that was never
fixed has no time and no file. The time zone is written with its yearly rules (interlab.core.ical).
"""

from __future__ import annotations

from datetime import UTC

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from interlab.core.ical import add_timezones
from interlab.core.models import User

from .models import Meeting, MeetingMode, MeetingStatus

PRODID = "-//InterLab//Mentoring//FR"


def _summary(meeting: Meeting, viewer: User) -> str:
    match = meeting.match
    mentor, mentee = match.mentor.user.first_name, match.mentee.first_name
    if viewer.pk == match.mentor.user_id:
        return _("Mentoring with %(name)s") % {"name": mentee}
    if match.mentee.user_id is not None and viewer.pk == match.mentee.user_id:
        return _("Mentoring with %(name)s") % {"name": mentor}
    return _("Mentoring: %(mentor)s and %(mentee)s") % {"mentor": mentor, "mentee": mentee}


def _location(meeting: Meeting) -> str:
    if meeting.mode == MeetingMode.IN_PERSON:
        return meeting.place
    if meeting.mode == MeetingMode.VIDEO:
        return meeting.link or str(_("Video call"))
    return str(_("Phone call"))


def meeting_ics(meeting: Meeting, viewer: User) -> bytes:
    """The calendar file of a fixed (or fixed, then cancelled) meeting, as `viewer` sees it."""
    if meeting.start is None:
        raise ValueError("a meeting without a fixed time has no calendar file")
    house = timezone.get_default_timezone()
    summary = " ".join(_summary(meeting, viewer).split())
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    event = icalendar.Event()
    event.add("uid", f"{meeting.uid}@interlab")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.start.astimezone(house))
    event.add("dtend", meeting.end.astimezone(house))
    event.add("summary", summary)
    location = _location(meeting)
    if location:
        event.add("location", location)
    if meeting.mode == MeetingMode.VIDEO and meeting.link:
        event.add("url", meeting.link)
    if meeting.note:
        event.add("description", meeting.note)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    cal.add_component(event)
    add_timezones(cal)
    return cal.to_ical()
