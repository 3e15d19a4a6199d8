"""API of the pipeline: entrepreneurs, stages, projects, their transitions and history."""

from datetime import date, datetime
from typing import Annotated

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import StringConstraints

from interlab.core.api_docs import errors
from interlab.core.api_tools import Date, Id, Int, Page, ParamId, paginate, require_staff
from interlab.core.errors import Forbidden
from interlab.core.models import User

from . import selectors, services
from .models import Cohort, Programme, Project, Stage, StageTransition

router = Router(tags=["pipeline"])

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class LanguageIn(Schema):
    code: str
    level: str = ""


class EntrepreneurIn(Schema):
    first_name: Name
    last_name: str = Field("", max_length=100)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    languages: list[str | LanguageIn] = []
    commune: str = Field("", max_length=100)
    arrival_year: Int | None = None
    birth_year: Int | None = None
    skills: str = ""
    needs: list[str] = []
    gender: str = Field("", max_length=60)
    project_title: str = Field("", max_length=200, description="Creates a first project in the intake stage.")
    country_of_origin: str | None = Field(None, max_length=80)
    residence_situation: str | None = None


class EntrepreneurPatch(Schema):
    first_name: Name | None = None
    last_name: str | None = Field(None, max_length=100)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    languages: list[str | LanguageIn] | None = None
    commune: str | None = Field(None, max_length=100)
    arrival_year: Int | None = None
    birth_year: Int | None = None
    skills: str | None = None
    needs: list[str] | None = None
    gender: str | None = Field(None, max_length=60)
    country_of_origin: str | None = Field(None, max_length=80)
    residence_situation: str | None = None
    residence_valid_until: Date | None = None


class SensitiveOut(Schema):
    country_of_origin: str
    residence_situation: str
    residence_valid_until: date | None


class EntrepreneurOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    email_pending: str = Field("", description="A new address waiting for confirmation from its mailbox.")
    phone: str
    languages: list[str]
    language_levels: dict[str, str]
    commune: str
    arrival_year: int | None
    birth_year: int | None
    skills: str
    needs: list[str]
    gender: str
    projects: list[int]
    possible_duplicate_of: int | None
    created_at: datetime
    sensitive: SensitiveOut | None = None


class EntrepreneurList(Schema):
    count: int
    items: list[EntrepreneurOut]


class EntrepreneurFilters(Page):
    q: str = Field("", max_length=200)
    stage: str = Field("", max_length=40)
    coach: ParamId | None = None


def entrepreneur_out(entrepreneur, *, sensitive=None, project_ids=None) -> dict:
    languages = list(entrepreneur.spoken_languages.all())
    return {
        "id": entrepreneur.pk,
        "first_name": entrepreneur.first_name,
        "last_name": entrepreneur.last_name,
        "email": entrepreneur.email,
        "email_pending": entrepreneur.email_pending,
        "phone": entrepreneur.phone,
        "languages": [sl.code for sl in languages],
        "language_levels": {sl.code: sl.level for sl in languages if sl.level},
        "commune": entrepreneur.commune,
        "arrival_year": entrepreneur.arrival_year,
        "birth_year": entrepreneur.birth_year,
        "skills": entrepreneur.skills,
        "needs": entrepreneur.needs or [],
        "gender": entrepreneur.gender,
        "projects": project_ids if project_ids is not None else [p.pk for p in entrepreneur.projects.all()],
        "possible_duplicate_of": entrepreneur.possible_duplicate_of_id,
        "created_at": entrepreneur.created_at,
        "sensitive": sensitive,
    }


def _sensitive_out(profile) -> dict | None:
    if profile is None:
        return {"country_of_origin": "", "residence_situation": "", "residence_valid_until": None}
    return {
        "country_of_origin": profile.country_of_origin,
        "residence_situation": profile.residence_situation,
        "residence_valid_until": profile.residence_valid_until,
    }


def _split_sensitive(data: dict) -> dict:
    """Sensitive fields sent (null clears them); they are written apart, to SensitiveProfile."""
    keys = ("country_of_origin", "residence_situation", "residence_valid_until")
    sensitive = {}
    for key in keys:
        if key in data:
            value = data.pop(key)
            sensitive[key] = "" if value is None and key != "residence_valid_until" else value
    return sensitive


@router.get("/entrepreneurs", response={200: EntrepreneurList, **errors(403)})
def entrepreneur_list(request: HttpRequest, filters: Query[EntrepreneurFilters]):
    require_staff(request.auth)
    qs = selectors.entrepreneur_list(request.auth, q=filters.q, stage=filters.stage, coach=filters.coach)
    return paginate(qs.prefetch_related("projects"), filters, entrepreneur_out)


@router.post("/entrepreneurs", response={201: EntrepreneurOut, **errors(403, 409)})
def entrepreneur_create(request: HttpRequest, payload: EntrepreneurIn):
    require_staff(request.auth)
    data = payload.dict()
    sensitive = {k: v for k, v in _split_sensitive(data).items() if v}
    entrepreneur = services.entrepreneur_create(by=request.auth, sensitive=sensitive or None, **data)
    return Status(201, entrepreneur_out(selectors.entrepreneur_get(request.auth, entrepreneur.pk)))


@router.get("/entrepreneurs/{entrepreneur_id}", response=EntrepreneurOut)
def entrepreneur_detail(request: HttpRequest, entrepreneur_id: ParamId):
    entrepreneur = selectors.entrepreneur_get(request.auth, entrepreneur_id)
    sensitive = None
    if request.auth.is_staff_role:
        profile = services.sensitive_profile_read(
            user=request.auth, entrepreneur=entrepreneur, context="api:entrepreneur_detail"
        )
        sensitive = _sensitive_out(profile)
    return entrepreneur_out(entrepreneur, sensitive=sensitive)


@router.patch("/entrepreneurs/{entrepreneur_id}", response={200: EntrepreneurOut, **errors(403)})
def entrepreneur_patch(request: HttpRequest, entrepreneur_id: ParamId, payload: EntrepreneurPatch):
    entrepreneur = selectors.entrepreneur_get(request.auth, entrepreneur_id)
    data = payload.dict(exclude_unset=True)
    sensitive = _split_sensitive(data)
    if sensitive and not request.auth.is_staff_role:
        raise Forbidden("Only coaches and administrators record residence and origin.")
    for key in ("last_name", "email", "phone", "commune", "skills", "gender"):
        if key in data and data[key] is None:
            data[key] = ""
    if "needs" in data and data["needs"] is None:
        data["needs"] = []
    with transaction.atomic():  # all of the change or none of it
        services.entrepreneur_update(entrepreneur=entrepreneur, by=request.auth, **data)
        if sensitive:
            services.sensitive_profile_update(entrepreneur=entrepreneur, by=request.auth, **sensitive)
    return entrepreneur_detail(request, entrepreneur_id)


class ErasedOut(Schema):
    id: int
    erased_at: datetime


@router.post("/entrepreneurs/{entrepreneur_id}/erase", response={200: ErasedOut, **errors(403)})
def entrepreneur_erase(request: HttpRequest, entrepreneur_id: ParamId):
    entrepreneur = selectors.entrepreneur_get(request.auth, entrepreneur_id)
    if not request.auth.is_admin_role:
        raise Forbidden("Only an administrator can erase a person's data.")
    entrepreneur = services.entrepreneur_erase(entrepreneur=entrepreneur, by=request.auth)
    return {"id": entrepreneur.pk, "erased_at": entrepreneur.erased_at}


class StageOut(Schema):
    key: str
    name: str
    name_fr: str
    names: dict[str, str]
    order: int
    is_exit: bool
    is_launch: bool
    stalled_after_days: int | None
    requires_enterprise_number: bool
    requires_reason: bool
    next_stages: list[str]


class StageList(Schema):
    count: int
    items: list[StageOut]


def stage_out(stage: Stage) -> dict:
    return {
        "key": stage.key,
        "name": stage.display_name(),
        "name_fr": stage.name,
        "names": {"fr": stage.name, **stage.name_translations},
        "order": stage.order,
        "is_exit": stage.is_exit,
        "is_launch": stage.is_launch,
        "stalled_after_days": stage.stalled_after_days,
        "requires_enterprise_number": stage.requires_enterprise_number,
        "requires_reason": stage.requires_reason,
        "next_stages": [s.key for s in stage.next_stages.all()],
    }


@router.get("/stages", response=StageList)
def stage_list(request: HttpRequest):
    stages = selectors.stages_ordered()
    return {"count": len(stages), "items": [stage_out(s) for s in stages]}


class ProjectIn(Schema):
    entrepreneur: Id
    title: Title
    description: str = ""
    sector: str = Field("", max_length=120)
    nace_code: str = Field("", max_length=7)
    legal_form: str = "undecided"
    coach: Id | None = None
    cohort: Id | None = None
    programme: Id | None = None


class ProjectPatch(Schema):
    title: Title | None = None
    description: str | None = None
    sector: str | None = Field(None, max_length=120)
    nace_code: str | None = Field(None, max_length=7)
    legal_form: str | None = None
    coach: Id | None = None
    cohort: Id | None = None
    programme: Id | None = None
    enterprise_number: str | None = Field(None, max_length=14)


class ProjectOut(Schema):
    id: int
    entrepreneur: int
    title: str
    description: str
    sector: str
    nace_code: str
    legal_form: str
    stage: str
    stage_name: str
    stage_entered_at: datetime
    coach: int | None
    cohort: int | None
    programme: int | None
    enterprise_number: str
    created_at: datetime


class ProjectList(Schema):
    count: int
    items: list[ProjectOut]


class ProjectFilters(Page):
    q: str = Field("", max_length=200, description="Words of the title or the person's name, or a phone number.")
    stage: str = Field("", max_length=40)
    entrepreneur: ParamId | None = None
    coach: ParamId | None = None


def project_out(project: Project) -> dict:
    return {
        "id": project.pk,
        "entrepreneur": project.entrepreneur_id,
        "title": project.title,
        "description": project.description,
        "sector": project.sector,
        "nace_code": project.nace_code,
        "legal_form": project.legal_form,
        "stage": project.stage.key,
        "stage_name": project.stage.display_name(),
        "stage_entered_at": project.stage_entered_at,
        "coach": project.coach_id,
        "cohort": project.cohort_id,
        "programme": project.programme_id,
        "enterprise_number": project.enterprise_number,
        "created_at": project.created_at,
    }


STAFF_ONLY_PROJECT_FIELDS = {"coach", "cohort", "programme"}


def _resolve_relations(data: dict) -> dict:
    """Turn ids into objects, with a field error (422) for an id that does not exist."""
    from django.core.exceptions import ValidationError

    lookups = {
        "coach": User.objects.coaches(),
        "cohort": Cohort.objects.all(),
        "programme": Programme.objects.all(),
    }
    for name, qs in lookups.items():
        if name in data and data[name] is not None:
            obj = qs.filter(pk=data[name]).first()
            if obj is None:
                raise ValidationError({name: f"No {name} with id {data[name]}."})
            data[name] = obj
    return data


@router.get("/projects", response=ProjectList)
def project_list(request: HttpRequest, filters: Query[ProjectFilters]):
    qs = selectors.projects_visible(request.auth).select_related("stage")
    if filters.q:
        qs = qs.search(filters.q)
    if filters.stage:
        qs = qs.filter(stage__key=filters.stage)
    if filters.entrepreneur:
        qs = qs.filter(entrepreneur_id=filters.entrepreneur)
    if filters.coach:
        qs = qs.filter(coach_id=filters.coach)
    return paginate(qs.order_by("-created_at", "-id"), filters, project_out)


@router.post("/projects", response={201: ProjectOut, **errors(403, 409)})
def project_create(request: HttpRequest, payload: ProjectIn):
    from django.core.exceptions import ValidationError

    user = request.auth
    data = payload.dict()
    try:
        entrepreneur = selectors.entrepreneur_get(user, data.pop("entrepreneur"))
    except Exception:
        raise ValidationError({"entrepreneur": "No such entrepreneur among those you follow."}) from None
    if not user.is_staff_role and any(data.get(f) for f in STAFF_ONLY_PROJECT_FIELDS):
        raise Forbidden("Only coaches set the coach, cohort or programme of a project.")
    project = services.project_create(entrepreneur=entrepreneur, by=user, **_resolve_relations(data))
    return Status(201, project_out(selectors.project_get(user, project.pk)))


@router.get("/projects/{project_id}", response=ProjectOut)
def project_detail(request: HttpRequest, project_id: ParamId):
    return project_out(selectors.project_get(request.auth, project_id))


@router.patch("/projects/{project_id}", response={200: ProjectOut, **errors(403)})
def project_patch(request: HttpRequest, project_id: ParamId, payload: ProjectPatch):
    user = request.auth
    project = selectors.project_get(user, project_id)
    data = payload.dict(exclude_unset=True)
    if not user.is_staff_role and set(data) & (STAFF_ONLY_PROJECT_FIELDS | {"enterprise_number"}):
        raise Forbidden("Only coaches set the coach, cohort, programme or enterprise number.")
    for key in ("description", "sector", "nace_code", "enterprise_number"):
        if key in data and data[key] is None:
            data[key] = ""
    if "title" in data and data["title"] is None:
        data.pop("title")
    if "legal_form" in data and data["legal_form"] is None:
        data.pop("legal_form")
    services.project_update(project=project, by=user, **_resolve_relations(data))
    return project_out(selectors.project_get(user, project_id))


class TransitionIn(Schema):
    to_stage: str = Field(..., min_length=1, max_length=40)
    reason: str = Field("", max_length=2000)


class TransitionOut(Schema):
    id: int
    project: int
    from_stage: str | None
    to_stage: str
    at: datetime
    by: int | None
    by_name: str
    reason: str


class TransitionList(Schema):
    count: int
    items: list[TransitionOut]


def transition_out(event: StageTransition) -> dict:
    return {
        "id": event.pk,
        "project": event.project_id,
        "from_stage": event.from_stage.key if event.from_stage else None,
        "to_stage": event.to_stage.key,
        "at": event.at,
        "by": event.by_id,
        "by_name": str(event.by) if event.by else "",
        "reason": event.reason,
    }


@router.post("/projects/{project_id}/transitions", response={201: TransitionOut, **errors(403, 409)})
def transition_create(request: HttpRequest, project_id: ParamId, payload: TransitionIn):
    from django.core.exceptions import ValidationError

    user = request.auth
    project = selectors.project_get(user, project_id)
    if not user.is_staff_role:
        raise Forbidden("Only a coach moves a project between stages.")
    to_stage = Stage.objects.filter(key=payload.to_stage).first()
    if to_stage is None:
        raise ValidationError({"to_stage": f"There is no stage “{payload.to_stage}”."})
    event = services.project_move(project=project, to_stage=to_stage, by=user, reason=payload.reason)
    return Status(201, transition_out(event))


@router.get("/projects/{project_id}/history", response=TransitionList)
def project_history(request: HttpRequest, project_id: ParamId):
    project = selectors.project_get(request.auth, project_id)
    events = list(selectors.project_history(request.auth, project))
    return {"count": len(events), "items": [transition_out(e) for e in events]}
