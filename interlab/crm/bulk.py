"""Bulk actions of the board and the list: give several projects a coach, a cohort or a new stage at once.

Each project goes through the same service, with the same rules, as when it is changed alone (`project_update`,
`project_move`). Each project is its own transaction: one refused (a move the pipeline does not allow, a stage that
needs an enterprise number) leaves the others done, and is never half-done itself. The outcome says which.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from interlab.core.errors import Conflict, Forbidden
from interlab.core.models import User

from . import services
from .models import Cohort, Project, Stage


@dataclass
class BulkOutcome:
    done: list[Project] = field(default_factory=list)
    refused: list[tuple[Project, str]] = field(default_factory=list)


def _label(project: Project) -> str:
    return f"{project.entrepreneur.full_name} ({project.title})"


def _each(projects: list[Project], by: User, change: Callable[[Project], None]) -> BulkOutcome:
    if not (by.is_active and by.is_staff_role):
        raise Forbidden(_("Only coaches and admins change projects."), code="not_staff")
    outcome = BulkOutcome()
    for project in projects:
        try:
            with transaction.atomic():
                change(project)
        except Conflict as exc:
            outcome.refused.append((project, f"{_label(project)}: {exc.message}"))
        except ValidationError as exc:
            outcome.refused.append((project, f"{_label(project)}: {' '.join(exc.messages)}"))
        else:
            outcome.done.append(project)
    return outcome


def projects_assign_coach(*, projects: list[Project], coach: User, by: User) -> BulkOutcome:
    """The coach follows each of these projects from now on."""
    if not (coach.is_active and coach.is_staff_role):
        raise ValidationError({"coach": _("Choose a coach or an admin with an active login.")})
    return _each(projects, by, lambda project: services.project_update(project=project, by=by, coach=coach))


def projects_add_to_cohort(*, projects: list[Project], cohort: Cohort, by: User) -> BulkOutcome:
    return _each(projects, by, lambda project: services.project_update(project=project, by=by, cohort=cohort))


def projects_move(*, projects: list[Project], to_stage: Stage, by: User, reason: str = "") -> BulkOutcome:
    """Each project moves as through its own dialog: only along the pipeline's allowed transitions, with the reason
    or the enterprise number the stage asks for."""
    return _each(
        projects, by, lambda project: services.project_move(project=project, to_stage=to_stage, by=by, reason=reason)
    )
