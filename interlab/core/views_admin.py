"""Admin pages of the core app: the retention schedule and its runs, the sensitive-read log, the data inventory."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import retention, retention_report, selectors
from .forms_admin import ReadLogFilterForm, RetentionRunConfirmForm
from .inventory import data_inventory

READ_LOG_PAGE_SIZE = 50


def admin_required(view):
    """Admins only. Anyone else logged in gets a 404 (the page does not exist for them), visitors the login."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_admin_role:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def staff_or_404(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff_role:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@admin_required
def retention_overview(request):
    return render(
        request,
        "core/admin_retention.html",
        {"rules": retention.retention_rules(), "runs": retention_report.retention_runs(limit=20)},
    )


@admin_required
@require_POST
def retention_dry_run(request):
    run = retention.retention_run(dry_run=True, by=request.user)
    messages.success(request, _("Dry run done: nothing was changed. Here is what a run would do now."))
    return redirect("core:admin_retention_run", run_id=run.pk)


@admin_required
def retention_run_now(request):
    """A real run, after an explicit confirmation; the page first shows what a dry run found last."""
    form = RetentionRunConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        run = retention.retention_run(dry_run=False, by=request.user)
        if run.failures:
            messages.warning(request, _("Run done, with failures: see below."))
        else:
            messages.success(request, _("Run done. The admins get its report by e-mail."))
        return redirect("core:admin_retention_run", run_id=run.pk)
    last_dry = retention_report.retention_last_dry_run()
    return render(
        request,
        "core/admin_retention_confirm.html",
        {
            "form": form,
            "rules": retention.retention_rules(),
            "last_dry": last_dry,
            "last_dry_rows": retention_report.report_rows(last_dry) if last_dry else [],
        },
        status=422 if request.method == "POST" else 200,
    )


@admin_required
def retention_run_detail(request, run_id: int):
    run = retention_report.retention_run_get(run_id)
    if run is None:
        raise Http404
    return render(request, "core/admin_retention_run.html", {"run": run, "rows": retention_report.report_rows(run)})


@admin_required
def read_log(request):
    field_labels = selectors.sensitive_field_labels()
    form = ReadLogFilterForm(
        request.GET or None, readers=selectors.read_log_readers(request.user), field_labels=field_labels
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.read_log(
        request.user,
        person=filters.get("person"),
        reader=filters.get("reader"),
        field=filters.get("field") or "",
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(rows, READ_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [
        {
            "read": read,
            "fields": [field_labels.get(name, name) for name in read.fields or []],
            "context": selectors.context_label(read.context),
        }
        for read in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/admin_read_log.html",
        {"form": form, "page": page, "entries": entries, "query": query.urlencode()},
    )


@staff_or_404
def inventory(request):
    return render(
        request,
        "core/admin_inventory.html",
        {
            "groups": data_inventory(),
            "can_edit_rules": request.user.is_admin_role,
            "rules_url": reverse("core:admin_retention"),
        },
    )
