"""HTTP API of the mentoring app: mentors, matching runs, pairs and their workflow, the weights."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from pydantic import Strict, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from interlab.core.api_docs import errors
from interlab.core.api_tools import Bool, Date, DateTime, Id, Int, Page, ParamId, paginate, require_staff
from interlab.core.errors import Forbidden
from interlab.core.models import User
from interlab.crm.models import Programme

from . import learning, meetings, selectors, services
from .model import BLOCKS
from .models import BinomeMode, DeclineReason, Fit, Match, MatchStatus, MeetingMode, Mode, RunMode

router = Router(tags=["mentoring"])

Code = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z]{2}$")]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Level = Literal["", "A1", "A2", "B1", "B2", "C1", "C2", "native"]
GenderIn = Literal["", "woman", "man", "other"]


def _programme(pk: int | None) -> Programme | None:
    if pk is None:
        return None
    from django.http import Http404

    found = Programme.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("programme")
    return found


# -- mentors -----------------------------------------------------------------------------------------------
class LanguageIn(Schema):
    code: Code
    level: Level = ""


class MentorIn(Schema):
    user: Id | None = Field(None, description="An existing login with the mentor role; else one is created.")
    first_name: str = Field("", max_length=150)
    last_name: str = Field("", max_length=150)
    email: str = Field("", max_length=254)
    languages: list[Code | LanguageIn] = Field(default_factory=list, max_length=20)
    expertise: list[Tag] = Field(default_factory=list, max_length=40)
    expertise_text: str = Field("", max_length=4000)
    sectors: list[Tag] = Field(default_factory=list, max_length=20)
    capacity: Int = Field(1, ge=1, le=10)
    hours_per_month: Int = Field(4, ge=0, le=200)
    commune: str = Field("", max_length=100)
    mode: Literal["in_person", "online", "both"] = Mode.BOTH
    is_local: Bool = True
    gender: GenderIn = Field("", description="Self-declared, optional: woman, man, other, or empty (not said).")
    paused: Bool = False
    programmes: list[Id] = Field(default_factory=list, max_length=50)


class MentorPatch(Schema):
    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    email: str | None = Field(None, max_length=254)
    languages: list[Code | LanguageIn] | None = Field(None, max_length=20)
    expertise: list[Tag] | None = Field(None, max_length=40)
    expertise_text: str | None = Field(None, max_length=4000)
    sectors: list[Tag] | None = Field(None, max_length=20)
    capacity: Int | None = Field(None, ge=1, le=10)
    hours_per_month: Int | None = Field(None, ge=0, le=200)
    commune: str | None = Field(None, max_length=100)
    mode: Literal["in_person", "online", "both"] | None = None
    is_local: Bool | None = None
    gender: GenderIn | None = None
    paused: Bool | None = None
    programmes: list[Id] | None = Field(None, max_length=50)


class MentorOut(Schema):
    id: int
    user: int
    first_name: str
    last_name: str
    email: str
    languages: list[str]
    language_levels: dict[str, str]
    expertise: list[str]
    expertise_text: str
    sectors: list[str]
    capacity: int
    active_mentees: int
    pending_offers: int
    hours_per_month: int
    commune: str
    mode: str
    is_local: bool
    gender: str
    paused: bool
    programmes: list[int]


class MentorList(Schema):
    count: int
    items: list[MentorOut]


def mentor_out(mentor) -> dict:
    return {
        "id": mentor.pk,
        "user": mentor.user_id,
        "first_name": mentor.user.first_name,
        "last_name": mentor.user.last_name,
        "email": mentor.user.email,
        "languages": mentor.language_codes,
        "language_levels": {i["code"]: i.get("level", "") for i in mentor.languages if i.get("level")},
        "expertise": mentor.expertise,
        "expertise_text": mentor.expertise_text,
        "sectors": mentor.sectors,
        "capacity": mentor.capacity,
        "active_mentees": (
            mentor.active_count if hasattr(mentor, "active_count") else mentor.matches.running().count()
        ),
        "pending_offers": (
            mentor.pending_count
            if hasattr(mentor, "pending_count")
            else mentor.matches.filter(status=MatchStatus.OFFERED).count()
        ),
        "hours_per_month": mentor.hours_per_month,
        "commune": mentor.commune,
        "mode": mentor.mode,
        "is_local": mentor.is_local,
        "gender": mentor.gender,
        "paused": mentor.paused,
        "programmes": [p.pk for p in mentor.programmes.all()],
    }


def _languages(items) -> list[dict] | None:
    if items is None:
        return None
    return [{"code": i, "level": ""} if isinstance(i, str) else {"code": i.code, "level": i.level} for i in items]


def _programmes(ids) -> list[Programme] | None:
    if ids is None:
        return None
    found = list(Programme.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        from django.core.exceptions import ValidationError

        raise ValidationError({"programmes": "Unknown programme."})
    return found


@router.get("/mentors", response=MentorList)
def mentor_list(request: HttpRequest, page: Query[Page]):
    return paginate(selectors.mentors_visible(request.auth), page, mentor_out)


@router.post("/mentors", response={201: MentorOut, **errors(403, 409)})
def mentor_create(request: HttpRequest, payload: MentorIn):
    require_staff(request.auth)
    data = payload.dict()
    user = None
    if data.pop("user") is not None:
        user = User.objects.filter(pk=payload.user).first()
        if user is None:
            from django.core.exceptions import ValidationError

            raise ValidationError({"user": "Unknown user."})
    data["languages"] = _languages(payload.languages)
    data["programmes"] = _programmes(data.pop("programmes"))
    mentor = services.mentor_create(by=request.auth, user=user, **data)
    return Status(201, mentor_out(selectors.mentor_get(request.auth, mentor.pk)))


@router.get("/mentors/{mentor_id}", response=MentorOut)
def mentor_detail(request: HttpRequest, mentor_id: ParamId):
    return mentor_out(selectors.mentor_get(request.auth, mentor_id))


@router.patch("/mentors/{mentor_id}", response={200: MentorOut, **errors(403)})
def mentor_patch(request: HttpRequest, mentor_id: ParamId, payload: MentorPatch):
    mentor = selectors.mentor_get(request.auth, mentor_id)
    data = payload.dict(exclude_unset=True)
    if "languages" in data:
        data["languages"] = _languages(payload.languages)
    if "programmes" in data:
        if not request.auth.is_staff_role:
            raise Forbidden("Only coaches set the programmes a mentor takes part in.")
        data["programmes"] = _programmes(data["programmes"])
    services.mentor_update(mentor=mentor, by=request.auth, **data)
    return mentor_out(selectors.mentor_get(request.auth, mentor_id))


# -- pairs -------------------------------------------------------------------------------------------------
class PartyOut(Schema):
    id: int
    first_name: str


class MatchOut(Schema):
    id: int
    mentee: PartyOut
    mentor: PartyOut
    score: float
    reasons: list[str]
    constraints: list[str]
    features: dict[str, float]
    status: str
    run: int | None
    programme: int | None
    model_version: int
    pinned: bool
    shortlist_rank: int | None
    offered_at: datetime | None
    accepted_at: datetime | None
    info_requested_at: datetime | None
    decline_reason: str
    mentor_fit: str
    mentee_fit: str
    ended_at: datetime | None
    ended_early: bool
    sessions: int


class MatchList(Schema):
    count: int
    items: list[MatchOut]


def match_out(match: Match, *, staff: bool = True, viewer=None) -> dict:
    viewer_is_mentor = viewer is not None and match.mentor.user_id == viewer.pk
    return {
        "id": match.pk,
        "mentee": {"id": match.mentee_id, "first_name": match.mentee.first_name if not match.mentee.erased_at else ""},
        "mentor": {"id": match.mentor_id, "first_name": match.mentor.user.first_name},
        "score": match.score,
        "reasons": selectors.reasons_text(match, audience=selectors.audience(match, viewer, staff=staff)),
        "constraints": selectors.constraints_text(match) if staff else [],
        "features": match.features if staff else {},
        "status": match.status,
        "run": match.run_id,
        "programme": match.programme_id,
        "model_version": match.model_version,
        "pinned": match.pinned,
        "shortlist_rank": match.shortlist_rank,
        "offered_at": match.offered_at,
        "accepted_at": match.accepted_at,
        "info_requested_at": match.info_requested_at,
        # The mentee is not told why a mentor said no; coaches and that mentor are.
        "decline_reason": match.decline_reason if staff or viewer_is_mentor else "",
        "mentor_fit": match.mentor_fit,
        "mentee_fit": match.mentee_fit,
        "ended_at": match.ended_at,
        "ended_early": match.ended_early,
        "sessions": match.session_count if hasattr(match, "session_count") else match.sessions.count(),
    }


def _out(request, match: Match) -> dict:
    return match_out(selectors.match_get(request.auth, match.pk), staff=request.auth.is_staff_role, viewer=request.auth)


class MatchFilters(Page):
    status: Literal["proposed", "offered", "accepted", "declined", "withdrawn", "active", "ended", ""] = ""


@router.get("/matches", response=MatchList)
def match_list(request: HttpRequest, filters: Query[MatchFilters]):
    qs = (
        selectors.match_list(request.auth, status=filters.status)
        .annotate(session_count=Count("sessions"))
        .order_by("-created_at", "-pk")
    )
    staff = request.auth.is_staff_role
    return paginate(qs, filters, lambda m: match_out(m, staff=staff, viewer=request.auth))


@router.get("/matches/{match_id}", response=MatchOut)
def match_detail(request: HttpRequest, match_id: ParamId):
    return match_out(selectors.match_get(request.auth, match_id), staff=request.auth.is_staff_role, viewer=request.auth)


@router.post("/matches/{match_id}/publish", response={200: MatchOut, **errors(403, 409)})
def match_publish(request: HttpRequest, match_id: ParamId):
    match = selectors.match_get(request.auth, match_id)
    return _out(request, services.match_publish(match=match, by=request.auth))


@router.post("/matches/{match_id}/withdraw", response={200: MatchOut, **errors(403, 409)})
def match_withdraw(request: HttpRequest, match_id: ParamId):
    match = selectors.match_get(request.auth, match_id)
    return _out(request, services.match_withdraw(match=match, by=request.auth))


@router.post("/matches/{match_id}/accept", response={200: MatchOut, **errors(403, 409)})
def match_accept(request: HttpRequest, match_id: ParamId):
    match = selectors.match_get(request.auth, match_id)
    return _out(request, services.match_accept(match=match, by=request.auth))


class DeclineIn(Schema):
    reason: Literal["no_time", "expertise", "other_mentor", "other"] = Field(
        ..., description=", ".join(DeclineReason.values)
    )
    note: str = Field("", max_length=4000)


class DeclineOut(MatchOut):
    next_proposal: int | None = None


@router.post("/matches/{match_id}/decline", response={200: DeclineOut, **errors(403, 409)})
def match_decline(request: HttpRequest, match_id: ParamId, payload: DeclineIn):
    match = selectors.match_get(request.auth, match_id)
    declined, following = services.match_decline(match=match, by=request.auth, reason=payload.reason, note=payload.note)
    # The mentor must not learn who was proposed next: only staff see that id.
    return {
        **_out(request, declined),
        "next_proposal": following.pk if following and request.auth.is_staff_role else None,
    }


class AskIn(Schema):
    question: str = Field("", max_length=2000)


@router.post("/matches/{match_id}/ask", response={200: MatchOut, **errors(403, 409)})
def match_ask(request: HttpRequest, match_id: ParamId, payload: AskIn):
    match = selectors.match_get(request.auth, match_id)
    return _out(request, services.match_ask(match=match, by=request.auth, question=payload.question))


class EndIn(Schema):
    reason: str = Field("", max_length=4000)
    early: Bool = False


@router.post("/matches/{match_id}/end", response={200: MatchOut, **errors(403, 409)})
def match_end(request: HttpRequest, match_id: ParamId, payload: EndIn):
    match = selectors.match_get(request.auth, match_id)
    return _out(request, services.match_end(match=match, by=request.auth, reason=payload.reason, early=payload.early))


class FitIn(Schema):
    fit: Literal["good", "unsure", "bad"] = Field(..., description=", ".join(Fit.values))


class FitOut(MatchOut):
    repair_offered: bool = False


@router.post("/matches/{match_id}/fit", response={200: FitOut, **errors(403, 409)})
def match_fit(request: HttpRequest, match_id: ParamId, payload: FitIn):
    match = selectors.match_get(request.auth, match_id)
    updated, following = services.match_fit(match=match, by=request.auth, fit=payload.fit)
    return {**_out(request, updated), "repair_offered": following is not None}


class FeedbackIn(Schema):
    satisfaction: Int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=4000)


class FeedbackOut(Schema):
    id: int
    match: int
    satisfaction: int
    comment: str
    at: datetime


@router.post("/matches/{match_id}/feedback", response={201: FeedbackOut, **errors(403, 409)})
def match_feedback(request: HttpRequest, match_id: ParamId, payload: FeedbackIn):
    match = selectors.match_get(request.auth, match_id)
    fb = services.match_feedback(
        match=match, by=request.auth, satisfaction=payload.satisfaction, comment=payload.comment
    )
    return Status(
        201, {"id": fb.pk, "match": match.pk, "satisfaction": fb.satisfaction, "comment": fb.comment, "at": fb.at}
    )


class SessionIn(Schema):
    held_on: Date | None = None
    minutes: Int = Field(60, ge=1, le=600)
    note: str = Field("", max_length=4000)


class SessionOut(Schema):
    id: int
    match: int
    held_on: date
    minutes: int
    note: str


@router.post("/matches/{match_id}/sessions", response={201: SessionOut, **errors(403, 409)})
def session_log(request: HttpRequest, match_id: ParamId, payload: SessionIn):
    match = selectors.match_get(request.auth, match_id)
    s = services.session_log(match=match, by=request.auth, **payload.dict())
    return Status(201, {"id": s.pk, "match": match.pk, "held_on": s.held_on, "minutes": s.minutes, "note": s.note})


# -- meetings ----------------------------------------------------------------------------------------------
class MeetingIn(Schema):
    starts: list[DateTime] = Field(
        ...,
        min_length=1,
        max_length=3,
        description="One to three proposed start times, ahead and within six months; without an offset: Brussels.",
    )
    minutes: Int = Field(60, ge=15, le=480)
    mode: Literal["in_person", "phone", "video"] = MeetingMode.IN_PERSON
    place: str = Field("", max_length=200, description="Where, for a meeting in person (required then).")
    link: str = Field("", max_length=500, description="An http(s) link, for a video call (optional).")
    note: str = Field("", max_length=2000)


class MeetingOut(Schema):
    id: int
    match: int
    status: str
    proposed_by: str = Field(description="mentor or mentee (empty once the login is gone)")
    options: list[datetime]
    start: datetime | None
    end: datetime | None
    minutes: int
    mode: str
    place: str
    link: str
    note: str
    message: str = Field(description="The word that came with a decline or a cancellation.")
    created_at: datetime
    answered_at: datetime | None
    cancelled_at: datetime | None
    session: int | None
    ics_url: str | None


class MeetingList(Schema):
    count: int
    items: list[MeetingOut]


class MeetingAcceptIn(Schema):
    start: DateTime = Field(..., description="One of the proposed times.")


class MeetingNoteIn(Schema):
    note: str = Field("", max_length=2000)


def meeting_out(meeting) -> dict:
    match = meeting.match
    side = ""
    if meeting.proposed_by_id is not None:
        side = "mentor" if meeting.proposed_by_id == match.mentor.user_id else "mentee"
    return {
        "id": meeting.pk,
        "match": meeting.match_id,
        "status": meeting.status,
        "proposed_by": side,
        "options": meeting.option_times,
        "start": meeting.start,
        "end": meeting.end,
        "minutes": meeting.minutes,
        "mode": meeting.mode,
        "place": meeting.place,
        "link": meeting.link,
        "note": meeting.note,
        "message": meeting.answer_note,
        "created_at": meeting.created_at,
        "answered_at": meeting.answered_at,
        "cancelled_at": meeting.cancelled_at,
        "session": meeting.session_id,
        "ics_url": reverse("mentoring:meeting_ics", args=[meeting.pk]) if meeting.start else None,
    }


def _meeting(request, meeting) -> dict:
    return meeting_out(selectors.meeting_get(request.auth, meeting.pk))


@router.get("/matches/{match_id}/meetings", response=MeetingList)
def meeting_list(request: HttpRequest, match_id: ParamId, page: Query[Page]):
    """The pair's meetings, proposed, fixed, declined or cancelled: for the pair and coaches."""
    match = selectors.match_get(request.auth, match_id)
    qs = selectors.meetings_visible(request.auth).filter(match=match).order_by("-created_at", "-pk")
    return paginate(qs, page, meeting_out)


@router.post("/matches/{match_id}/meetings", response={201: MeetingOut, **errors(403, 409)})
def meeting_propose(request: HttpRequest, match_id: ParamId, payload: MeetingIn):
    match = selectors.match_get(request.auth, match_id)
    meeting = meetings.meeting_propose(match=match, by=request.auth, **payload.dict())
    return Status(201, _meeting(request, meeting))


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def meeting_detail(request: HttpRequest, meeting_id: ParamId):
    return meeting_out(selectors.meeting_get(request.auth, meeting_id))


@router.post("/meetings/{meeting_id}/accept", response={200: MeetingOut, **errors(403, 409)})
def meeting_accept(request: HttpRequest, meeting_id: ParamId, payload: MeetingAcceptIn):
    """The other side of the proposer fixes one of the proposed times."""
    meeting = selectors.meeting_get(request.auth, meeting_id)
    return _meeting(request, meetings.meeting_accept(meeting=meeting, by=request.auth, start=payload.start))


@router.post("/meetings/{meeting_id}/decline", response={200: MeetingOut, **errors(403, 409)})
def meeting_decline(request: HttpRequest, meeting_id: ParamId, payload: MeetingNoteIn):
    meeting = selectors.meeting_get(request.auth, meeting_id)
    return _meeting(request, meetings.meeting_decline(meeting=meeting, by=request.auth, note=payload.note))


@router.post("/meetings/{meeting_id}/cancel", response={200: MeetingOut, **errors(403, 409)})
def meeting_cancel(request: HttpRequest, meeting_id: ParamId, payload: MeetingNoteIn):
    """The proposer withdraws a proposal; either side cancels a fixed meeting before it starts."""
    meeting = selectors.meeting_get(request.auth, meeting_id)
    return _meeting(request, meetings.meeting_cancel(meeting=meeting, by=request.auth, note=payload.note))


class SwapIn(Schema):
    other: Id


@router.post("/matches/{match_id}/pin", response={200: MatchOut, **errors(403, 409)})
def match_pin(request: HttpRequest, match_id: ParamId):
    match = selectors.match_get(request.auth, match_id)
    return _out(request, services.match_pin(match=match, by=request.auth, pinned=not match.pinned))


@router.post("/matches/{match_id}/exclude", response={204: None, **errors(403, 409)})
def match_exclude(request: HttpRequest, match_id: ParamId):
    match = selectors.match_get(request.auth, match_id)
    services.match_exclude(match=match, by=request.auth)
    return Status(204, None)


@router.post("/matches/{match_id}/swap", response={200: list[MatchOut], **errors(403, 409)})
def match_swap(request: HttpRequest, match_id: ParamId, payload: SwapIn):
    match = selectors.match_get(request.auth, match_id)
    other = selectors.match_get(request.auth, payload.other)
    first, second = services.match_swap(match=match, other=other, by=request.auth)
    return [_out(request, first), _out(request, second)]


# -- runs --------------------------------------------------------------------------------------------------
class RunIn(Schema):
    programme: Id | None = None
    mode: Literal["optimal", "shortlist"] = RunMode.OPTIMAL
    seed: Int = Field(0, ge=0, le=2**31 - 1)


class ProposalOut(Schema):
    id: int
    mentee: int
    mentor: int
    score: float
    reasons: list[str]
    constraints: list[str]
    shortlist_rank: int | None
    pinned: bool


class RunOut(Schema):
    id: int
    programme: int | None
    mode: str
    seed: int
    status: str
    model_version: int
    stats: dict
    created_at: datetime
    proposals: list[ProposalOut]


def run_out(run) -> dict:
    proposals = selectors.run_proposals(run).filter(status=MatchStatus.PROPOSED)
    return {
        "id": run.pk,
        "programme": run.programme_id,
        "mode": run.mode,
        "seed": run.seed,
        "status": run.status,
        "model_version": run.model_version,
        "stats": run.stats,
        "created_at": run.created_at,
        "proposals": [
            {
                "id": m.pk,
                "mentee": m.mentee_id,
                "mentor": m.mentor_id,
                "score": m.score,
                "reasons": selectors.reasons_text(m, audience="staff"),
                "constraints": selectors.constraints_text(m),
                "shortlist_rank": m.shortlist_rank,
                "pinned": m.pinned,
            }
            for m in proposals
        ],
    }


@router.post("/matching/runs", response={201: RunOut, **errors(403, 404, 409)})
def run_create(request: HttpRequest, payload: RunIn):
    require_staff(request.auth)
    run = services.matching_run(
        by=request.auth, programme=_programme(payload.programme), mode=payload.mode, seed=payload.seed
    )
    return Status(201, run_out(run))


@router.get("/matching/runs/{run_id}", response=RunOut)
def run_detail(request: HttpRequest, run_id: ParamId):
    return run_out(selectors.run_get(request.auth, run_id))


class PublishOut(Schema):
    published: int
    skipped: int


@router.post("/matching/runs/{run_id}/publish", response={200: PublishOut, **errors(403, 409)})
def run_publish(request: HttpRequest, run_id: ParamId):
    return services.run_publish(run=selectors.run_get(request.auth, run_id), by=request.auth)


# -- weights -----------------------------------------------------------------------------------------------
class WeightsQuery(Schema):
    programme: ParamId | None = None


Binome = Literal["required", "preferred", "indifferent"]


class WeightsOut(Schema):
    programme: int | None
    version: int
    weights: dict[str, float]
    binome: str = Field(..., description="The local–newcomer rule: " + ", ".join(BinomeMode.values))
    auc: float | None = Field(..., description="Mean AUC over the cross-validation folds, computed by the server.")
    auc_sd: float | None = Field(..., description="Standard deviation of the AUC over the folds.")
    auc_outcomes: int | None = Field(..., description="How many recorded outcomes the AUC rests on.")


class WeightsIn(Schema):
    programme: Id | None = None
    # Strict: true/false or "3" are not weights (NaN, infinities and out-of-range values: 422 from the service).
    weights: dict[Literal[BLOCKS], Annotated[float, Strict()]]  # type: ignore[valid-type]
    binome: Binome | None = Field(None, description="The local–newcomer rule; left out: unchanged.")
    auc: Any = Field(
        None, description="Refused with 422 unless null: the server computes the AUC of the weights it stores itself."
    )

    @field_validator("auc", mode="before")
    @classmethod
    def _auc_is_the_server_s(cls, value):
        if value is None:
            return None
        raise PydanticCustomError(
            "server_computed", "The AUC is computed by the server from the recorded outcomes; do not send it."
        )


class SuggestOut(Schema):
    weights: dict[str, float]
    current_weights: dict[str, float]
    auc_current: float | None = Field(..., description="Mean cross-validated AUC of the current weights.")
    auc_current_sd: float | None
    auc_suggested: float | None = Field(..., description="Mean cross-validated AUC of the suggested weights.")
    auc_suggested_sd: float | None
    folds: int
    n_outcomes: int
    enough: bool


def weights_out(row) -> dict:
    return {
        "programme": row.programme_id,
        "version": row.version,
        "weights": row.weights,
        "binome": row.binome,
        "auc": row.auc,
        "auc_sd": row.auc_sd,
        "auc_outcomes": row.auc_outcomes,
    }


@router.get("/matching/weights", response={200: WeightsOut, **errors(403, 404)})
def weights_get(request: HttpRequest, query: Query[WeightsQuery]):
    require_staff(request.auth)
    return weights_out(services.weights_for(_programme(query.programme)))


@router.post("/matching/weights", response={200: WeightsOut, **errors(403, 404)})
def weights_set(request: HttpRequest, payload: WeightsIn):
    """Apply weights and the local–newcomer rule (administrators), e.g. the suggested weights after reading
    their AUC. The AUC stored with them is computed by the server by cross-validation on the recorded
    outcomes; a request that sends `auc` is refused with 422."""
    require_staff(request.auth)
    row = services.weights_set(
        by=request.auth,
        programme=_programme(payload.programme),
        weights=dict(payload.weights),
        binome=payload.binome,
    )
    return weights_out(row)


@router.post("/matching/weights/suggest", response={200: SuggestOut, **errors(403, 404)})
def weights_suggest(request: HttpRequest, query: Query[WeightsQuery]):
    require_staff(request.auth)
    programme = _programme(query.programme)
    current = services.weights_for(programme).weights
    return {**learning.suggest(current, programme), "current_weights": current}
