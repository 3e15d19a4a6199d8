"""The tiers-lieu's data-protection interface (interlab.core.interfaces): bookings, waiting list, cards, feeds."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from interlab.core.interfaces import ExportFile, Person, PersonRefs
from interlab.core.inventory import (
    KEPT_AS_AUTHOR,
    KEPT_WHILE_ACTIVE,
    PURPOSE_AUTHOR,
    PURPOSE_BOOKING,
    SELF,
    STAFF,
    personal,
)
from interlab.core.models import User

from . import selectors, services
from .cards import card_pdf
from .models import Booking, WaitlistEntry

MEMBER = (*STAFF, SELF)

PERSONAL_DATA = [
    personal(
        "tierslieu.Series",
        "user title",
        purpose=PURPOSE_BOOKING,
        seen_by=MEMBER,
        retention=_("titles blanked on erasure; times and spaces stay for occupancy"),
    ),
    personal(
        "tierslieu.Booking",
        "user title checked_in_at",
        purpose=PURPOSE_BOOKING,
        seen_by=MEMBER,
        retention=_("titles blanked on erasure; times and spaces stay for occupancy"),
    ),
    personal(
        "tierslieu.Booking", "cancelled_by created_by", purpose=PURPOSE_AUTHOR, seen_by=MEMBER, retention=KEPT_AS_AUTHOR
    ),
    personal(
        "tierslieu.WaitlistEntry",
        "user title",
        purpose=PURPOSE_BOOKING,
        seen_by=MEMBER,
        retention=_("deleted on erasure"),
    ),
    personal(
        "tierslieu.CalendarFeed",
        "user token",
        purpose=_("publish the member's bookings to their own calendar"),
        seen_by=(SELF,),
        retention=KEPT_WHILE_ACTIVE,
    ),
    personal(
        "tierslieu.MemberCard",
        "user token",
        purpose=_("check in at the tiers-lieu with a card that carries no personal data"),
        seen_by=MEMBER,
        retention=KEPT_WHILE_ACTIVE,
    ),
]

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "tierslieu.MemberGroup": "booking rules per group of members",
    "tierslieu.Space": "rooms, desks and their rules",
    "tierslieu.OpeningHours": "opening hours of a space",
    "tierslieu.Closure": "closures of a space",
    "tierslieu.HousekeepingRun": "counts of the no-show schedule",
    "tierslieu.Series.skipped": "the dates a series skipped",
}


def me(user: User, request: HttpRequest | None = None) -> dict:
    """The caller's own booking feed (created on first use)."""
    return {"ical_url": services.ical_url_for_user(user, request)}


def export(user: User, request: HttpRequest | None = None) -> dict:
    return {"tiers_lieu": services.person_export(user)}


def files(user: User, request: HttpRequest | None = None) -> list[ExportFile]:
    """The member card in use, printed on request (it is never stored)."""
    card = selectors.member_card_current(user)
    if card is None:
        return []
    return [
        ExportFile(
            app="tierslieu",
            title="member-card",
            content_type="application/pdf",
            meta={"member_card": card.pk, "created_at": card.created_at},
            render=lambda: card_pdf(request, card),
        )
    ]


def erase(person: Person) -> None:
    if person.user is not None:
        services.person_erase(person.user)


def activity(cutoff: datetime, refs: PersonRefs) -> list[QuerySet]:
    """A booking or a waiting-list entry made, or starting, since the cutoff."""
    return [
        Booking.objects.filter(Q(start__gte=cutoff) | Q(created_at__gte=cutoff), user=refs.user),
        WaitlistEntry.objects.filter(Q(start__gte=cutoff) | Q(created_at__gte=cutoff), user=refs.user),
    ]
