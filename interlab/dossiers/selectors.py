"""Reads of dossiers, always scoped to the user asking: coaches and admins see all, the owner their own."""

from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from interlab.core.models import User
from interlab.crm.models import Project, SensitiveProfile

from . import finance
from .checklist import checklist
from .models import BuildState, Dossier, DossierBuild, Exemption, Status


def dossiers_visible(user: User) -> QuerySet[Dossier]:
    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    # The erased are left out on the entrepreneur the page joins anyway (a subquery over every person cost more).
    active = Dossier.objects.filter(project__entrepreneur__erased_at__isnull=True)
    if user.is_staff_role:
        return active
    if user.role == "entrepreneur":
        return active.filter(project__entrepreneur__user=user)
    return Dossier.objects.none()


def dossier_list(user: User, *, status: str = "") -> QuerySet[Dossier]:
    qs = dossiers_visible(user).select_related("project__entrepreneur", "project__coach")
    if status:
        qs = qs.filter(status=status)
    return qs


def dossier_get(user: User, pk) -> Dossier:
    try:
        return dossiers_visible(user).select_related("project__entrepreneur", "project__coach", "exemption").get(pk=pk)
    except (Dossier.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("dossier") from None


def is_owner(user: User, dossier: Dossier) -> bool:
    return user.is_authenticated and dossier.project.entrepreneur.user_id == user.pk


def projects_for_new_dossier(user: User) -> QuerySet[Project]:
    """Projects the user may open a dossier for: their own, or any for coaches."""
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    qs = Project.objects.active().select_related("entrepreneur")
    if user.is_staff_role:
        return qs
    if user.role == "entrepreneur":
        return qs.filter(entrepreneur__user=user)
    return Project.objects.none()


def residence_held(user: User, dossier: Dossier) -> list[date | None]:
    """The end date of the residence document as held, for the coach or the owner only: one value, or an empty
    list when no residence situation is held (or the user may not see it). Pages, the API and the reminders
    read it through services.residence_valid_until_read, which logs the read."""
    if not (user.is_staff_role or is_owner(user, dossier)):
        return []
    rows = SensitiveProfile.objects.filter(entrepreneur_id=dossier.project.entrepreneur_id)
    return list(rows.values_list("residence_valid_until", flat=True)[:1])


def exemption_implied(user: User, dossier: Dossier) -> list[tuple[str, Exemption]]:
    """The residence situation of the person's file and the exemption it implies (editable data), for a coach on a
    dossier still being prepared: one pair, or an empty list when the file implies no exemption, the dossier already
    holds that one, or the coach set the proposal aside and the file has not changed since. The eligibility step
    reads it through services.exemption_proposal_read, which logs the read."""
    if not user.is_staff_role or dossier.status not in (Status.DRAFT, Status.READY, Status.INFO_REQUESTED):
        return []
    exemptions = Exemption.objects.filter(active=True).exclude(residence_situation="")
    if dossier.exemption_id is not None:
        exemptions = exemptions.exclude(pk=dossier.exemption_id)
    implied = {exemption.residence_situation: exemption for exemption in exemptions}
    if not implied:
        return []
    rows = SensitiveProfile.objects.filter(
        entrepreneur_id=dossier.project.entrepreneur_id, residence_situation__in=list(implied)
    )
    if dossier.exemption_proposal_dismissed_at is not None:
        rows = rows.filter(updated_at__gt=dossier.exemption_proposal_dismissed_at)
    situation = rows.values_list("residence_situation", flat=True).first()
    return [(situation, implied[situation])] if situation else []


def build_latest(dossier: Dossier) -> DossierBuild | None:
    return dossier.builds.order_by("-requested_at", "-id").first()


def build_current(dossier: Dossier) -> DossierBuild | None:
    """The PDF people download: the newest successful build (a failed one never replaces it)."""
    return dossier.builds.filter(state=BuildState.DONE).exclude(file="").order_by("-finished_at", "-id").first()


# --- the right of access ------------------------------------------------------------------------------------


def person_dossiers(user: User) -> QuerySet[Dossier]:
    """The dossiers of the user's own (not erased) projects, whatever the user's role."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    return (
        Dossier.objects.filter(project__in=Project.objects.active(), project__entrepreneur__user=user)
        .select_related("project", "exemption")
        .order_by("pk")
    )


# The dossier's own fields given as they are, by the API's detail and by the personal export.
IDENTITY_FIELDS = ("applicant_nationality", "applicant_birth_date", "applicant_address")
DETAIL_FIELDS = (
    "project_summary",
    "market",
    "business_plan",
    "jobs_planned",
    "submitted_on",
    "guichet",
    "forwarded_on",
    "info_requested",
    "inadmissible_reason",
    "card_number",
    "valid_from",
    "valid_until",
    "refusal_reason",
    "appeal_deadline",
    "closed_on",
    "created_at",
    "updated_at",
)


def person_export(user: User) -> dict:
    """All the dossiers hold about the user, for the right of access: content, checklist, plan, annexes, PDFs.

    Everything here is about the person and shown to them on the dossier page, item notes included. The end
    date of their residence document is added (and its read logged) by personal_data.export.
    """
    dossiers = list(person_dossiers(user).prefetch_related("annexes__document", "annexes__rule", "builds"))
    out = []
    for dossier in dossiers:
        lines = checklist(dossier)
        out.append(
            {
                "id": dossier.pk,
                "project": dossier.project_id,
                "project_title": dossier.project.title,
                "status": dossier.status,
                "eligibility": dossier.eligibility,
                "exemption": dossier.exemption.key if dossier.exemption_id else None,
                "regulated": dossier.regulated,
                **{name: getattr(dossier, name) for name in (*DETAIL_FIELDS, "interest", "status_changed_at")},
                # The identity block; the nationality's read is logged by personal_data.export.
                **{name: getattr(dossier, name) for name in IDENTITY_FIELDS},
                "checklist": [{**line.as_json(), "note": line.note} for line in lines],
                "finance": dossier.finance or finance.empty(),
                "finance_totals": finance.totals(dossier.finance).as_json(),
                "annexes": [
                    {
                        "id": a.pk,
                        "title": a.title,
                        "item": a.rule.key if a.rule_id else None,
                        "document": a.document_id,
                        "content_type": a.document.content_type,
                        "size": a.document.size,
                        "pages": a.pages,
                        "added_at": a.added_at,
                    }
                    for a in dossier.annexes.all()
                ],
                "pdf_builds": [
                    {
                        "id": b.pk,
                        "state": b.state,
                        "requested_at": b.requested_at,
                        "finished_at": b.finished_at,
                        "pages": b.pages,
                        "size": b.size,
                        "sha256": b.sha256,
                    }
                    for b in dossier.builds.all()
                ],
            }
        )
    return {"dossiers": out}


def person_files(user: User) -> list[dict]:
    """The files of the user's dossiers, to be read through their storage: every PDF built, every annex.

    Each entry: kind ("pdf" or "annex"), the record's id, a title, the FieldFile, content type, size, checksum.
    """
    files = []
    for dossier in person_dossiers(user).prefetch_related("annexes__document", "builds"):
        for build in dossier.builds.all():
            if build.state == BuildState.DONE and build.file:
                files.append(
                    {
                        "kind": "pdf",
                        "id": build.pk,
                        "dossier": dossier.pk,
                        "title": f"dossier-{dossier.pk}-{build.finished_at or build.requested_at:%Y%m%d-%H%M}",
                        "file": build.file,
                        "content_type": "application/pdf",
                        "size": build.size,
                        "sha256": build.sha256,
                    }
                )
        for annex in dossier.annexes.all():
            document = annex.document
            files.append(
                {
                    "kind": "annex",
                    "id": annex.pk,
                    "dossier": dossier.pk,
                    "document": document.pk,
                    "title": annex.title,
                    "file": document.file,
                    "content_type": document.content_type,
                    "size": document.size,
                    "sha256": document.sha256,
                }
            )
    return files
