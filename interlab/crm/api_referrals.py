"""API of the referrals: coaches follow them all, a partner organisation sees and answers those sent to it."""

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from interlab.core.api_docs import errors
from interlab.core.api_tools import Date, Page, ParamId, paginate
from interlab.core.errors import Forbidden

from . import selectors, services
from .choices import PARTNER_ANSWERS

router = Router(tags=["referrals"])

# The stored outcome in the API's words (PARTNER_ANSWERS the other way round); the others keep their key.
STATUS_OF_OUTCOME = {outcome.value: status for status, outcome in PARTNER_ANSWERS.items()}
Status = Literal["pending", "accepted", "declined", "done", "no_response"]


class PersonOut(Schema):
    """Only with the person's consent to share with partners (always for coaches); never residence or origin."""

    first_name: str
    last_name: str
    email: str
    phone: str
    languages: list[str]


class ReferralOut(Schema):
    id: int
    partner: int
    partner_name: str
    direction: str
    purpose: str
    status: Status = Field(..., description="pending, accepted, declined, done or no_response")
    outcome: str = Field(..., description="The stored outcome key (crm.choices.ReferralOutcome).")
    outcome_label: str
    referred_on: date
    outcome_on: date | None = Field(None, description="The date the partner gave with its answer.")
    closed_on: date | None
    answered_at: datetime | None
    note: str = Field(..., description="The partner's note written back to the coach.")
    person: PersonOut | None = Field(
        None, description="Name and contact: null when the person did not consent to share them with partners."
    )
    entrepreneur: int | None = Field(None, description="The person's file (coaches and admins only).")
    referred_by: str = Field(..., description="The coach who made the referral.")


class ReferralList(Schema):
    count: int
    items: list[ReferralOut]


class ReferralFilters(Page):
    status: Status | None = None
    partner: ParamId | None = None


class AnswerIn(Schema):
    status: Literal["accepted", "declined", "done"]
    note: str = Field("", max_length=services.ANSWER_NOTE_MAX)
    date: Date | None = Field(None, description="The date of the outcome; today when left out.")


def referral_out(view: selectors.ReferralView, *, staff: bool) -> dict:
    referral = view.referral
    person = view.person
    return {
        "id": referral.pk,
        "partner": referral.partner_id,
        "partner_name": referral.partner.name,
        "direction": referral.direction,
        "purpose": referral.purpose,
        "status": STATUS_OF_OUTCOME.get(referral.outcome, referral.outcome),
        "outcome": referral.outcome,
        "outcome_label": str(referral.get_outcome_display()),
        "referred_on": referral.referred_on,
        "outcome_on": referral.outcome_on,
        "closed_on": referral.closed_on,
        "answered_at": referral.answered_at,
        "note": referral.answer_note,
        "person": person.__dict__ if person else None,
        "entrepreneur": referral.entrepreneur_id if staff else None,
        "referred_by": str(referral.by) if referral.by else "",
    }


def _out(user, referral) -> dict:
    return referral_out(selectors.referral_views(user, [referral])[0], staff=user.is_staff_role)


@router.get("/referrals", response={200: ReferralList, **errors(403)})
def referral_list(request: HttpRequest, filters: Query[ReferralFilters]):
    user = request.auth
    if not selectors.may_follow_referrals(user):
        raise Forbidden("Only coaches, administrators and partner organisations follow referrals.")
    outcome = PARTNER_ANSWERS.get(filters.status, filters.status) if filters.status else ""
    qs = selectors.referral_list(user, outcome=outcome, partner=filters.partner)
    page = paginate(qs, filters, lambda referral: referral)
    staff = user.is_staff_role
    page["items"] = [referral_out(view, staff=staff) for view in selectors.referral_views(user, page["items"])]
    return page


@router.get("/referrals/{referral_id}", response=ReferralOut)
def referral_detail(request: HttpRequest, referral_id: ParamId):
    return _out(request.auth, selectors.referral_get(request.auth, referral_id))


@router.post("/referrals/{referral_id}/answer", response={200: ReferralOut, **errors(403, 409)})
def referral_answer(request: HttpRequest, referral_id: ParamId, payload: AnswerIn):
    user = request.auth
    referral = selectors.referral_get(user, referral_id)
    referral = services.referral_answer(
        referral=referral,
        by=user,
        outcome=PARTNER_ANSWERS[payload.status],
        note=payload.note,
        on=payload.date,
    )
    return _out(user, selectors.referral_get(user, referral.pk))
