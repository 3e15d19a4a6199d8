"""Pages of the impact app: the dashboard, its exports and PDF report, the needs report, follow-up entry."""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interlab.core import fragments
from interlab.core.decorators import staff_required
from interlab.crm import selectors as crm_selectors

from . import exports, freshness, selectors, services
from .charts import dashboard_charts
from .forms import EducationForm, FinancingForm, FollowUpForm, PeriodForm
from .models import Financing, FollowUp, Participant


def impact_required(view):
    """Funders, coaches and admins; anyone else logged in gets 403, visitors the login page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.may_see_impact(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _scope(request):
    """The period form and the scope it asks for; the scope is None (and the form holds why) when it is refused.

    Old links with ?start=&end= still work when they name a whole month, quarter or year exactly.
    """
    user = request.user
    params = request.GET
    # A programme or cohort that is not a number, or one the user may not see, answers like one that does not
    # exist: 404 (scope_for); one too small to publish is refused with a message.
    programme, cohort = _id(params, "programme"), _id(params, "cohort")
    period = params.get("period") or None
    start, end = _day(params.get("start")), _day(params.get("end"))
    errors: list[str] = []
    scope = None
    try:
        scope = selectors.scope_for(
            user,
            period=period,
            start=start if period is None else None,
            end=end if period is None else None,
            programme=programme,
            cohort=cohort,
        )
    except ValidationError as error:
        errors = error.messages
    form = PeriodForm(
        initial={
            "period": scope.period.code if scope else period,
            "programme": programme,
            "cohort": cohort,
        },
        periods=selectors.offered_periods(user),
        programmes=selectors.published_programmes(user),
        cohorts=selectors.published_cohorts(user),
    )
    form.refused = errors
    return form, scope


def _id(params, name: str) -> int | None:
    text = params.get(name)
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise Http404 from None
    if not 0 < value < 2**63:
        raise Http404
    return value


def _day(text):
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return date.max  # not a date: no period starts or ends on it, and scope_for says what to choose


def _filename(scope, stem: str, ext: str) -> str:
    return f"interlab-{stem}-{scope.period.code}.{ext}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


DASHBOARD_SECONDS = 60


@impact_required
@require_GET
def dashboard(request):
    """The dashboard's figures, kept rendered per person and address until the figures' version changes
    (freshness.py) or DASHBOARD_SECONDS pass: funders open it often and the figures change seldom."""

    computed = []

    def render_body():
        computed.append(True)
        form, scope = _scope(request)
        context = {"form": form, "scope": scope, "query": request.GET.urlencode()}
        if scope is not None:
            data = services.summary(request.user, scope)
            context.update(data=data, charts=dashboard_charts(data))
        return str(render_to_string("impact/_dashboard_body.html", context, request=request)), scope is not None

    parts = (freshness.version(), request.user.pk, request.get_full_path())
    body, shown = fragments.kept("impact-dashboard", parts, render_body, DASHBOARD_SECONDS, versioned=False)
    if shown and not computed:
        services.summary_shown(request.user)  # logged each time the figures are shown, kept or not
    body = mark_safe(body)  # noqa: S308 - rendered by impact/_dashboard_body.html, which escapes what it shows
    return render(request, "impact/dashboard.html", {"body": body}, status=200 if shown else 422)


def _table_export(request, fmt: str, *, template: str, rows, sheet: str, stem: str):
    """The CSV or XLSX of a page's figures for the scope asked; the page with its message when it is invalid."""
    form, scope = _scope(request)
    if scope is None:
        return render(request, template, {"form": form, "scope": None}, status=422)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    table = rows(scope)
    if fmt == "csv":
        return _download(exports.to_csv(table), "text/csv; charset=utf-8", _filename(scope, stem, "csv"))
    return _download(exports.to_xlsx(table, sheet), XLSX, _filename(scope, stem, "xlsx"))


@impact_required
@require_GET
def summary_export(request, fmt: str):
    return _table_export(
        request,
        fmt,
        template="impact/dashboard.html",
        rows=lambda scope: exports.summary_rows(services.summary(request.user, scope)),
        sheet=_("Impact"),
        stem="impact",
    )


@impact_required
@require_GET
def report_pdf(request):
    form, scope = _scope(request)
    if scope is None:
        return render(request, "impact/dashboard.html", {"form": form, "scope": None}, status=422)
    data = services.summary(request.user, scope)
    context = {"data": data, "charts": dashboard_charts(data), "scope": scope, "printed_at": timezone.now()}
    pdf = exports.report_pdf(context, base_url=request.build_absolute_uri("/"))
    return _download(pdf, "application/pdf", _filename(scope, "impact-report", "pdf"))


@impact_required
@require_GET
def needs(request):
    form, scope = _scope(request)
    context = {"form": form, "scope": scope, "query": request.GET.urlencode()}
    if scope is not None:
        context["data"] = services.needs_report(request.user, scope)
    return render(request, "impact/needs.html", context, status=200 if scope else 422)


@impact_required
@require_GET
def needs_export(request, fmt: str):
    return _table_export(
        request,
        fmt,
        template="impact/needs.html",
        rows=lambda scope: exports.needs_rows(services.needs_report(request.user, scope)),
        sheet=_("Needs"),
        stem="needs",
    )


# --- coaches: what happens after launch -------------------------------------------------------------------------


@staff_required
@require_GET
def follow_ups(request):
    """Launched projects, to record their follow-ups and financing (coaches only: names are shown here)."""
    q = request.GET.get("q", "").replace("\x00", "")[:200]
    projects = selectors.launched_projects(request.user, q=q)
    page = Paginator(projects, 50).get_page(request.GET.get("page"))
    return render(request, "impact/follow_ups.html", {"page": page, "q": q})


@staff_required
@require_http_methods(["GET", "POST"])
def project_follow_up(request, project_id: int):
    project = crm_selectors.project_get(request.user, project_id)
    participant = Participant.objects.filter(entrepreneur=project.entrepreneur).first()
    follow_up_form = FollowUpForm(prefix="followup")
    financing_form = FinancingForm(prefix="financing")
    education_form = EducationForm(
        prefix="education", initial={"education_level": participant.education_level if participant else ""}
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "follow_up":
            follow_up_form = FollowUpForm(request.POST, prefix="followup")
            if follow_up_form.is_valid():
                services.follow_up_record(project=project, by=request.user, **follow_up_form.cleaned_data)
                messages.success(request, _("Follow-up saved."))
                return redirect("impact:project", project_id=project.pk)
        elif action == "financing":
            financing_form = FinancingForm(request.POST, prefix="financing")
            if financing_form.is_valid():
                services.financing_record(project=project, by=request.user, **financing_form.cleaned_data)
                messages.success(request, _("Financing saved."))
                return redirect("impact:project", project_id=project.pk)
        elif action == "education":
            education_form = EducationForm(request.POST, prefix="education")
            if education_form.is_valid():
                services.education_set(
                    entrepreneur=project.entrepreneur,
                    by=request.user,
                    education_level=education_form.cleaned_data["education_level"],
                )
                messages.success(request, _("Education level saved."))
                return redirect("impact:project", project_id=project.pk)
        else:
            messages.error(request, _("Unknown action."))
        status = 422
    context = {
        "project": project,
        "follow_ups": FollowUp.objects.filter(project=project).order_by("months_after_launch"),
        "financings": Financing.objects.filter(project=project).order_by("-obtained_on", "-id"),
        "follow_up_form": follow_up_form,
        "financing_form": financing_form,
        "education_form": education_form,
    }
    return render(request, "impact/project.html", context, status=status)


@staff_required
@require_POST
def follow_up_delete(request, pk: int):
    follow_up = get_object_or_404(FollowUp, pk=pk)
    project = crm_selectors.project_get(request.user, follow_up.project_id)
    services.follow_up_delete(follow_up=follow_up, by=request.user)
    messages.success(request, _("Follow-up removed."))
    return redirect("impact:project", project_id=project.pk)


@staff_required
@require_POST
def financing_delete(request, pk: int):
    financing = get_object_or_404(Financing, pk=pk)
    project = crm_selectors.project_get(request.user, financing.project_id)
    services.financing_delete(financing=financing, by=request.user)
    messages.success(request, _("Financing removed."))
    return redirect("impact:project", project_id=project.pk)
