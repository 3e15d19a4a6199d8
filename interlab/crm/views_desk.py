"""The coach's desk: their open tasks, and the bulk actions of the board and the list. Thin: parse, call, render."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from interlab.core.decorators import staff_required
from interlab.core.http import safe_next

from . import bulk, exports, selectors
from .forms import BulkActionForm

MY_TASKS_SHOWN = 500


@staff_required
def my_tasks(request):
    """The coach's open tasks across every file: overdue first, the oldest due date on top."""
    today = timezone.localdate()
    tasks = list(selectors.my_tasks_open(request.user)[: MY_TASKS_SHOWN + 1])
    more = len(tasks) > MY_TASKS_SHOWN
    tasks = tasks[:MY_TASKS_SHOWN]
    for task in tasks:
        task.days_late = (today - task.due_date).days if task.due_date and task.due_date < today else 0
    context = {
        "overdue": [t for t in tasks if t.days_late],
        "coming": [t for t in tasks if not t.days_late],
        "more": more,
        "today": today,
    }
    return render(request, "crm/my_tasks.html", context)


def _ids(values: list[str]) -> set[int]:
    return {int(v) for v in values if v.isdecimal() and len(v) < 19}


@staff_required
@require_POST
def bulk_action(request):
    """One action on the projects picked on the board (`project`) or the people picked in the list (`entrepreneur`,
    meaning all their projects). Each project is changed or refused on its own; the message says which."""
    back = safe_next(request, reverse("crm:board"))
    project_ids, people_ids = _ids(request.POST.getlist("project")), _ids(request.POST.getlist("entrepreneur"))
    if not project_ids and not people_ids:
        messages.error(request, _("Select at least one project or person first."))
        return redirect(back)
    form = BulkActionForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        if "action" in form.errors:
            errors = [_("Choose an action: assign a coach, move, add to a cohort or export.")]
        messages.error(request, " ".join(errors))
        return redirect(back)
    data = form.cleaned_data
    action = data["action"]
    if action in ("csv", "xlsx"):
        people = selectors.entrepreneurs_selected(request.user, project_ids=project_ids, entrepreneur_ids=people_ids)
        return exports.export_response(people, action)

    projects = selectors.projects_selected(request.user, project_ids=project_ids, entrepreneur_ids=people_ids)
    if action == "coach":
        outcome = bulk.projects_assign_coach(projects=projects, coach=data["coach"], by=request.user)
        done = ngettext(
            "%(n)s project assigned to %(coach)s.", "%(n)s projects assigned to %(coach)s.", len(outcome.done)
        ) % {"n": len(outcome.done), "coach": data["coach"]}
    elif action == "cohort":
        outcome = bulk.projects_add_to_cohort(projects=projects, cohort=data["cohort"], by=request.user)
        done = ngettext(
            "%(n)s project added to the cohort “%(cohort)s”.",
            "%(n)s projects added to the cohort “%(cohort)s”.",
            len(outcome.done),
        ) % {"n": len(outcome.done), "cohort": data["cohort"]}
    else:
        outcome = bulk.projects_move(
            projects=projects, to_stage=data["to_stage"], by=request.user, reason=data.get("reason") or ""
        )
        done = ngettext(
            "%(n)s project moved to “%(stage)s”.", "%(n)s projects moved to “%(stage)s”.", len(outcome.done)
        ) % {"n": len(outcome.done), "stage": data["to_stage"]}

    reasons = [message for _project, message in outcome.refused]
    found_people = {p.entrepreneur_id for p in projects}
    without_project = list(selectors.entrepreneurs_visible(request.user).filter(pk__in=people_ids - found_people))
    reasons += [_("%(name)s: no project.") % {"name": person.full_name} for person in without_project]
    unknown = len(project_ids - {p.pk for p in projects}) + len(people_ids - found_people) - len(without_project)
    if unknown:
        reasons.append(
            ngettext("%(n)s was not found.", "%(n)s were not found.", unknown) % {"n": unknown},
        )
    if not reasons:
        messages.success(request, done)
    else:
        failed = len(outcome.refused) + len(without_project) + unknown
        refused = ngettext("%(n)s could not: %(why)s", "%(n)s could not: %(why)s", failed) % {
            "n": failed,
            "why": " ".join(reasons),
        }
        level = messages.WARNING if outcome.done else messages.ERROR
        messages.add_message(request, level, f"{done} {refused}")
    return redirect(back)
