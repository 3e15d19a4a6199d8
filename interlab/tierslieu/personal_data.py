"""Personal data held by the tiers-lieu, for the data inventory (interlab.core.inventory)."""

from django.utils.translation import gettext_lazy as _

from interlab.core.inventory import (
    KEPT_AS_AUTHOR,
    KEPT_WHILE_ACTIVE,
    PURPOSE_AUTHOR,
    PURPOSE_BOOKING,
    SELF,
    STAFF,
    personal,
)

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
