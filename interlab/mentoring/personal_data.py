"""Mentoring's data-protection interface (interlab.core.interfaces): mentor profiles, pairs, meetings, sessions,
feedback."""

from datetime import datetime

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from interlab.core.interfaces import Person, PersonRefs
from interlab.core.inventory import (
    KEPT_AS_AUTHOR,
    KEPT_WHILE_ACTIVE,
    PURPOSE_AUTHOR,
    PURPOSE_MENTORING,
    SELF,
    STAFF,
    personal,
)
from interlab.core.models import RetentionAction, RetentionUnit, Role, User
from interlab.core.retention_actions import ActionSpec, bulk_rule

from . import selectors, services
from .models import (
    ApplicationStatus,
    Match,
    MatchStatus,
    Meeting,
    MeetingStatus,
    MentorApplication,
    MentoringSession,
)

PAIR = (*STAFF, Role.MENTOR, SELF)

# The model of a person: a link to it is personal data wherever it stands (the inventory's check).
PERSON_MODEL = "mentoring.MentorProfile"

PERSONAL_DATA = [
    personal(
        "mentoring.MentorProfile",
        "user languages expertise expertise_text sectors commune hours_per_month",
        purpose=PURPOSE_MENTORING,
        seen_by=(*STAFF, SELF),
        retention=KEPT_WHILE_ACTIVE,
    ),
    personal(
        "mentoring.MentorProfile",
        "is_local",
        purpose=_("form local–newcomer pairs, the programme's purpose"),
        seen_by=(*STAFF, SELF),
        retention=KEPT_WHILE_ACTIVE,
    ),
    personal(
        "mentoring.MentorProfile",
        "gender",
        purpose=_("propose this mentor only to mentees who ask for a mentor of their gender (self-declared, optional)"),
        seen_by=(*STAFF, SELF),
        retention=KEPT_WHILE_ACTIVE,
    ),
    personal(
        "mentoring.MentorApplication",
        "gender",
        purpose=_("propose this mentor only to mentees who ask for a mentor of their gender (self-declared, optional)"),
        seen_by=(*STAFF, SELF),
        retention=RetentionAction.MENTOR_APPLICATIONS,
    ),
    personal(
        "mentoring.MentorWish",
        "mentee mentor_gender mentor_language",
        purpose=_("propose only mentors who fit what the mentee asked for (a gender, a language)"),
        seen_by=(*STAFF, SELF),
        retention=_("deleted with the mentee's file, or when the mentee takes the wish back"),
    ),
    personal("mentoring.MentorWish", "updated_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "mentoring.MentorApplication",
        "first_name last_name email phone languages expertise expertise_text commune hours_per_month mentor",
        purpose=_("answer a person who offered to mentor, and make their mentor profile"),
        seen_by=(*STAFF, SELF),
        retention=RetentionAction.MENTOR_APPLICATIONS,
    ),
    personal(
        "mentoring.MentorApplication",
        "is_local",
        purpose=_("form local–newcomer pairs, the programme's purpose"),
        seen_by=(*STAFF, SELF),
        retention=RetentionAction.MENTOR_APPLICATIONS,
    ),
    personal(
        "mentoring.MentorApplication", "decided_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR
    ),
    personal(
        "mentoring.MatchingWeights", "updated_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR
    ),
    personal("mentoring.MatchingRun", "created_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "mentoring.Match",
        "mentee mentor reasons features constraints info_question decline_reason decline_note mentor_fit "
        "mentee_fit end_reason reminders",
        purpose=PURPOSE_MENTORING,
        seen_by=PAIR,
        retention=_("texts blanked with the mentee's file; the pair's dates and status stay for the figures"),
    ),
    personal("mentoring.Match", "ended_by", purpose=PURPOSE_AUTHOR, seen_by=PAIR, retention=KEPT_AS_AUTHOR),
    personal(
        "mentoring.Exclusion",
        "mentee mentor reason",
        purpose=_("never propose a pair that did not work again"),
        seen_by=STAFF,
        retention=RetentionAction.ENTREPRENEUR_INACTIVE,
    ),
    personal("mentoring.Exclusion", "by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "mentoring.MentoringSession",
        "note",
        purpose=PURPOSE_MENTORING,
        seen_by=PAIR,
        retention=RetentionAction.ENTREPRENEUR_INACTIVE,
    ),
    personal("mentoring.MentoringSession", "logged_by", purpose=PURPOSE_AUTHOR, seen_by=PAIR, retention=KEPT_AS_AUTHOR),
    personal(
        "mentoring.Meeting",
        "options start place link note answer_note",
        purpose=_("let the mentor and the mentee schedule their meetings"),
        seen_by=PAIR,
        retention=_(
            "like the pair's sessions: texts blanked with the mentee's file (erasure, or no activity); "
            "meetings ahead cancelled when the pair ends"
        ),
    ),
    personal(
        "mentoring.Meeting",
        "proposed_by answered_by cancelled_by",
        purpose=PURPOSE_AUTHOR,
        seen_by=PAIR,
        retention=KEPT_AS_AUTHOR,
    ),
    personal(
        "mentoring.Feedback",
        "by comment",
        purpose=_("learn which pairs work, to propose better ones"),
        seen_by=STAFF,
        retention=_("the comment is blanked with the mentee's file; the 1–5 rating stays for the figures"),
    ),
]

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "mentoring.MatchingWeights": "the weights of the similarity model",
    "mentoring.MatchingRun": "settings and counts of a matching run",
}


def me(user: User, request: HttpRequest | None = None) -> dict:
    return {"mentor_id": selectors.mentor_id_for_user(user)}


def export(user: User, request: HttpRequest | None = None) -> dict:
    return {"mentoring": selectors.export_for_user(user)}


def erase(person: Person) -> None:
    services.mentee_erase(entrepreneur=person.entrepreneur)
    services.mentor_applications_erase(email=person.email, user=person.user)


def activity(cutoff: datetime, refs: PersonRefs) -> list[QuerySet]:
    """A pair proposed, accepted, running or ended; a session held; a meeting proposed or fixed."""
    return [
        Meeting.objects.filter(
            Q(created_at__gte=cutoff) | Q(status=MeetingStatus.ACCEPTED, start__gte=cutoff),
            match__mentee=refs.entrepreneur,
        ),
        Match.objects.filter(
            Q(created_at__gte=cutoff)
            | Q(accepted_at__gte=cutoff)
            | Q(ended_at__gte=cutoff)
            | Q(status__in=[MatchStatus.OFFERED, MatchStatus.ACCEPTED, MatchStatus.ACTIVE]),
            mentee=refs.entrepreneur,
        ),
        MentoringSession.objects.filter(match__mentee=refs.entrepreneur, held_on__gte=timezone.localdate(cutoff)),
    ]


# An answered application has done its work: declined, or approved (the profile then holds what the mentor
# keeps up to date, and an invitation not taken up has long expired). One still waiting for a coach stays.
_applications_candidates, _applications_count, _applications_delete = bulk_rule(
    lambda cutoff: MentorApplication.objects.filter(
        status__in=[ApplicationStatus.APPROVED, ApplicationStatus.DECLINED], decided_at__lt=cutoff
    ),
    without_claimed=lambda rows, claimed: rows.annotate(
        _email=Lower("email"), _username=Coalesce(Lower("mentor__user__username"), Value(""))
    ).exclude(Q(_email__in=claimed.emails) | Q(_username__in=claimed.usernames)),
)

RETENTION = [
    ActionSpec(
        RetentionAction.MENTOR_APPLICATIONS,
        6,
        RetentionUnit.MONTHS,
        30,
        _("Applications to mentor answered (approved or declined) longer ago than this are deleted."),
        ngettext_lazy("%(count)s mentor application", "%(count)s mentor applications", "count"),
        _applications_candidates,
        apply_bulk=_applications_delete,
        count_bulk=_applications_count,
    ),
]
