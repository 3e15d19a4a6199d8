"""Reads of dossiers, always scoped to the user asking: coaches and admins see all, the owner their own."""

from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from interlab.core.models import User
from interlab.core.services import sensitive_read_log
from interlab.crm.models import Project, SensitiveProfile

from .models import BuildState, Dossier, DossierBuild


def dossiers_visible(user: User) -> QuerySet[Dossier]:
    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    active = Dossier.objects.filter(project__in=Project.objects.active())
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


def residence_valid_until(user: User, dossier: Dossier, *, context: str) -> date | None:
    """The end date of the residence document, for the coach or the owner only; every read is logged."""
    if not (user.is_staff_role or is_owner(user, dossier)):
        return None
    entrepreneur_id = dossier.project.entrepreneur_id
    rows = list(
        SensitiveProfile.objects.filter(entrepreneur_id=entrepreneur_id).values_list("residence_valid_until", flat=True)
    )
    # No profile row: nothing sensitive was read, and the page stays a read-only request.
    if not rows:
        return None
    value = rows[0]
    sensitive_read_log(user=user, entrepreneur_id=entrepreneur_id, fields=["residence_valid_until"], context=context)
    return value


def build_latest(dossier: Dossier) -> DossierBuild | None:
    return dossier.builds.order_by("-requested_at", "-id").first()


def build_current(dossier: Dossier) -> DossierBuild | None:
    """The PDF people download: the newest successful build (a failed one never replaces it)."""
    return dossier.builds.filter(state=BuildState.DONE).exclude(file="").order_by("-finished_at", "-id").first()
