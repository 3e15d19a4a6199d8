"""HTTP API of the dossiers app; registered on the root API in interlab/api.py."""

import json
from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints

from interlab.core.api_docs import errors
from interlab.core.api_tools import Bool, Date, Id, Int, Page, ParamId, paginate
from interlab.core.countries import country_name
from interlab.core.errors import Forbidden
from interlab.crm import selectors as crm_selectors

from . import finance, selectors, services
from .checklist import checklist, is_ready
from .models import Dossier, Exemption, ItemState
from .models import Status as DossierStatus

router = Router(tags=["dossiers"])

LongText = Annotated[str, StringConstraints(max_length=services.TEXT_LIMIT)]
ShortText = Annotated[str, StringConstraints(max_length=300)]


def _require_party_role(user) -> None:
    if not (user.is_staff_role or user.role == "entrepreneur"):
        raise Forbidden("Only coaches and entrepreneurs work on professional-card dossiers.")


class ChecklistItemOut(Schema):
    key: str
    label: str
    state: str
    required: bool
    requirement: str
    satisfied: bool
    document_date: date | None
    expires_on: date | None
    expired: bool
    annexes: list[int]


class BuildOut(Schema):
    id: int
    state: str
    step: str
    task: str
    requested_at: datetime
    finished_at: datetime | None
    pages: int
    sha256: str
    error: str


class AnnexOut(Schema):
    id: int
    title: str
    item: str | None
    document: int
    content_type: str
    pages: int


class ApplicantOut(Schema):
    """The applicant's identity block as the application form asks it. The nationality is a sensitive read: it is
    given (and logged) on the dossier's own address only, as a country code and its name in the reader's language."""

    nationality: str | None = None
    nationality_name: str | None = None
    birth_date: date | None
    address: str


class ApplicantPatch(Schema):
    nationality: Annotated[str, StringConstraints(max_length=2)] | None = Field(
        None, description="ISO 3166 country code (two letters); empty to clear it."
    )
    birth_date: Date | None = None
    address: Annotated[str, StringConstraints(max_length=300)] | None = None


class DossierOut(Schema):
    id: int
    project: int
    project_title: str
    entrepreneur: int
    status: str
    status_label: str
    eligibility: str
    exemption: str | None
    regulated: bool
    ready: bool
    ready_problems: list[str]
    checklist: list[ChecklistItemOut]
    project_summary: str
    market: str
    business_plan: str
    interest: dict[str, str]
    jobs_planned: int | None
    finance: dict[str, Any]
    finance_totals: dict[str, Any]
    annexes: list[AnnexOut]
    submitted_on: date | None
    guichet: str
    forwarded_on: date | None
    info_requested: str
    inadmissible_reason: str
    card_number: str
    valid_from: date | None
    valid_until: date | None
    refusal_reason: str
    appeal_deadline: date | None
    closed_on: date | None
    pdf: BuildOut | None
    latest_build: BuildOut | None
    residence_valid_until: date | None = None
    applicant: ApplicantOut
    created_at: datetime
    updated_at: datetime


class DossierSummary(Schema):
    id: int
    project: int
    project_title: str
    entrepreneur: int
    status: str
    eligibility: str
    updated_at: datetime


class DossierList(Schema):
    count: int
    items: list[DossierSummary]


class DossierIn(Schema):
    project: Id
    eligibility_answer: str | None = Field(
        None, max_length=40, description='An exemption key from the Walloon list, or "none" when none applies.'
    )


class ItemPatch(Schema):
    key: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    state: str | None = Field(None, max_length=20)
    document_date: Date | None = None
    note: ShortText | None = None


class DossierPatch(Schema):
    eligibility_answer: str | None = Field(None, max_length=40)
    project_summary: LongText | None = None
    market: LongText | None = None
    business_plan: LongText | None = None
    interest: dict[str, LongText] | None = None
    jobs_planned: Int | None = Field(None, ge=0, le=10_000)
    finance: dict[str, Any] | None = None
    regulated: Bool | None = None
    items: list[ItemPatch] | None = Field(None, max_length=50)
    status: str | None = Field(None, max_length=20)
    submitted_on: Date | None = None
    guichet: Annotated[str, StringConstraints(max_length=120)] | None = None
    forwarded_on: Date | None = None
    info_requested: LongText | None = None
    inadmissible_reason: LongText | None = None
    card_number: Annotated[str, StringConstraints(max_length=40)] | None = None
    valid_from: Date | None = None
    valid_until: Date | None = None
    refusal_reason: LongText | None = None
    appeal_deadline: Date | None = None
    closed_on: Date | None = None
    applicant: ApplicantPatch | None = None


class DossierFilters(Page):
    status: str = Field("", max_length=20)


class BuildQueued(Schema):
    task: str
    build: int
    state: str


def _build_out(build) -> dict | None:
    if build is None:
        return None
    return {
        "id": build.pk,
        "state": build.state,
        "step": build.step,
        "task": build.task_id,
        "requested_at": build.requested_at,
        "finished_at": build.finished_at,
        "pages": build.pages,
        "sha256": build.sha256,
        "error": build.error,
    }


def dossier_out(dossier: Dossier, *, user, context: str, with_residence: bool = False) -> dict:
    """The dossier as the API gives it; the situation named by the eligibility answer is read (and logged) under
    `context`, like the end date of the residence document with `with_residence`."""
    lines = checklist(dossier)
    totals = finance.totals(dossier.finance)
    annexes = dossier.annexes.select_related("document", "rule")
    out = {
        "id": dossier.pk,
        "project": dossier.project_id,
        "project_title": dossier.project.title,
        "entrepreneur": dossier.project.entrepreneur_id,
        "status": dossier.status,
        "status_label": str(DossierStatus(dossier.status).label),
        "eligibility": dossier.eligibility,
        "exemption": exemption.key
        if (exemption := services.exemption_read(user=user, dossier=dossier, context=context))
        else None,
        "regulated": dossier.regulated,
        "ready": is_ready(lines),
        "ready_problems": [str(p) for p in services.ready_problems(dossier, lines)]
        if dossier.status == "draft"
        else [],
        "checklist": [line.as_json() for line in lines],
        "interest": dossier.interest or {},
        "finance": dossier.finance or finance.empty(),
        "finance_totals": totals.as_json(),
        "annexes": [
            {
                "id": a.pk,
                "title": a.title,
                "item": a.rule.key if a.rule_id else None,
                "document": a.document_id,
                "content_type": a.document.content_type,
                "pages": a.pages,
            }
            for a in annexes
        ],
        "pdf": _build_out(selectors.build_current(dossier)),
        "latest_build": _build_out(selectors.build_latest(dossier)),
    }
    for name in selectors.DETAIL_FIELDS:
        out[name] = getattr(dossier, name)
    out["applicant"] = {"birth_date": dossier.applicant_birth_date, "address": dossier.applicant_address}
    if with_residence:
        out["residence_valid_until"] = services.residence_valid_until_read(user=user, dossier=dossier, context=context)
        code = services.applicant_nationality_read(user=user, dossier=dossier, context=context)
        out["applicant"].update(nationality=code, nationality_name=country_name(code) if code else "")
    return out


def _summary(dossier: Dossier) -> dict:
    return {
        "id": dossier.pk,
        "project": dossier.project_id,
        "project_title": dossier.project.title,
        "entrepreneur": dossier.project.entrepreneur_id,
        "status": dossier.status,
        "eligibility": dossier.eligibility,
        "updated_at": dossier.updated_at,
    }


def _exemption(answer: str) -> Exemption | None:
    """ "none" → no exemption applies; otherwise an active exemption key (422 when unknown)."""
    if answer == "none":
        return None
    exemption = Exemption.objects.filter(key=answer, active=True).first()
    if exemption is None:
        raise ValidationError({"eligibility_answer": 'Give an exemption key from the list, or "none".'})
    return exemption


def _require_json_object(request: HttpRequest) -> None:
    """A body that is a list, a string or null would otherwise read as "change nothing" and answer 200."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return  # a body that is not JSON at all was already refused by the API
    if not isinstance(body, dict):
        raise ValidationError({"body": "Send a JSON object."})


@router.get("/dossiers", response={200: DossierList, **errors(403)})
def dossier_list(request: HttpRequest, filters: Query[DossierFilters]):
    _require_party_role(request.auth)
    return paginate(selectors.dossier_list(request.auth, status=filters.status), filters, _summary)


@router.post("/dossiers", response={201: DossierOut, **errors(403, 404, 409)})
def dossier_create(request: HttpRequest, payload: DossierIn):
    _require_party_role(request.auth)
    project = crm_selectors.project_get(request.auth, payload.project)
    with transaction.atomic():
        if payload.eligibility_answer is not None:
            dossier = services.dossier_create(
                project=project, by=request.auth, exemption=_exemption(payload.eligibility_answer), assess=True
            )
        else:
            dossier = services.dossier_create(project=project, by=request.auth)
    dossier = selectors.dossier_get(request.auth, dossier.pk)
    return Status(201, dossier_out(dossier, user=request.auth, context="api:dossier_create"))


@router.get("/dossiers/{dossier_id}", response=DossierOut)
def dossier_detail(request: HttpRequest, dossier_id: ParamId):
    dossier = selectors.dossier_get(request.auth, dossier_id)
    return dossier_out(dossier, user=request.auth, context="api:dossier_detail", with_residence=True)


@router.patch("/dossiers/{dossier_id}", response={200: DossierOut, **errors(403, 409)})
def dossier_patch(request: HttpRequest, dossier_id: ParamId, payload: DossierPatch):
    dossier = selectors.dossier_get(request.auth, dossier_id)
    _require_json_object(request)
    data = payload.dict(exclude_unset=True)
    user = request.auth
    status = data.pop("status", None)
    status_details = {k: data.pop(k) for k in list(data) if k in services.ALL_STATUS_DETAILS}
    items = data.pop("items", None) or []
    answer = data.pop("eligibility_answer", None)
    applicant = data.pop("applicant", None)
    with transaction.atomic():  # all of the change or none of it
        if applicant:
            # What is not sent stays as it is; the service takes the whole block.
            services.applicant_identity_update(
                dossier=dossier,
                by=user,
                nationality=applicant.get("nationality", dossier.applicant_nationality),
                birth_date=applicant.get("birth_date", dossier.applicant_birth_date),
                address=applicant.get("address", dossier.applicant_address),
            )
        if answer is not None:
            services.eligibility_set(dossier=dossier, by=user, exemption=_exemption(answer))
        content = {k: v for k, v in data.items() if v is not None}
        if content:
            services.dossier_update(dossier=dossier, by=user, **content)
        for item in items:
            if item.get("state") is not None and item["state"] not in ItemState.values:
                raise ValidationError({"items.state": "Choose missing, provided, verified or not_applicable."})
            services.item_set(dossier=dossier, by=user, **item)
        if status is not None:
            services.status_change(dossier=dossier, by=user, to=status, **status_details)
        elif status_details:
            raise ValidationError({sorted(status_details)[0]: "Send it with the status it belongs to."})
    return dossier_detail(request, dossier_id)


@router.post("/dossiers/{dossier_id}/pdf", response={202: BuildQueued})
def dossier_pdf_build(request: HttpRequest, dossier_id: ParamId):
    dossier = selectors.dossier_get(request.auth, dossier_id)
    build = services.pdf_request(dossier=dossier, by=request.auth)
    return Status(202, {"task": build.task_id, "build": build.pk, "state": build.state})


@router.get(
    "/dossiers/{dossier_id}/pdf",
    openapi_extra={
        "responses": {
            200: {
                "description": "The newest built PDF, as an attachment (404 until one was built).",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def dossier_pdf_download(request: HttpRequest, dossier_id: ParamId):
    dossier = selectors.dossier_get(request.auth, dossier_id)
    return pdf_response(dossier, user=request.auth, context="api:dossier_pdf")


def pdf_response(dossier: Dossier, *, user, context: str) -> FileResponse:
    """The newest successful PDF as a private download; 404 until one was built. A read of what it holds."""
    build = selectors.build_current(dossier)
    if build is None:
        raise Http404("pdf")
    services.pdf_read(user=user, dossier=dossier, build=build, context=context)
    try:
        handle = build.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("pdf") from None
    name = f"carte-professionnelle-{dossier.pk}-{build.finished_at:%Y%m%d-%H%M}.pdf"
    response = FileResponse(handle, content_type="application/pdf", as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Checksum-SHA256"] = build.sha256
    return response
