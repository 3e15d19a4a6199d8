"""Pages of the dossiers: eligibility wizard, dossier page, content forms, status, PDF build and download."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from interlab.core import fragments
from interlab.core.countries import country_name
from interlab.core.decorators import staff_required
from interlab.core.errors import Conflict, DomainError, Forbidden

from . import finance, selectors, services
from .api import pdf_response
from .checklist import checklist, is_ready
from .forms import (
    AnnexForm,
    EligibilityForm,
    FinanceForm,
    IdentitySectionForm,
    InterestSectionForm,
    ItemForm,
    PlanSectionForm,
    ProjectSectionForm,
    StatusForm,
)
from .models import TRANSITIONS, DossierAnnex, Eligibility, Evidence, Status
from .reminders import RESIDENCE_NOTICE_DAYS


def _party_role(user) -> None:
    if not (user.is_staff_role or user.role == "entrepreneur"):
        raise PermissionDenied


def _errors_to_messages(request, exc: Exception) -> None:
    if isinstance(exc, DomainError):
        messages.error(request, exc.message)
    elif isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)


@login_required
def dossier_list(request):
    _party_role(request.user)
    dossiers = selectors.dossier_list(request.user, status=request.GET.get("status", "")[:20])
    can_start = selectors.projects_for_new_dossier(request.user).exists()
    return render(
        request,
        "dossiers/list.html",
        {
            "dossiers": dossiers[:500],
            "statuses": Status.choices,
            "status": request.GET.get("status", ""),
            "can_start": can_start,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dossier_new(request):
    """The eligibility wizard: is a card needed at all? It opens the dossier with its answer."""
    _party_role(request.user)
    projects = selectors.projects_for_new_dossier(request.user)
    if not projects.exists():
        messages.error(request, _("There is no project to open a dossier for yet."))
        return redirect("dossiers:list")
    initial = {}
    if request.GET.get("project", "").isdecimal():
        initial["project"] = projects.filter(pk=int(request.GET["project"][:18])).first()
    form = EligibilityForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(
                project=form.cleaned_data["project"], by=request.user, exemption=form.exemption(), assess=True
            )
        except Conflict as exc:
            messages.info(request, exc.message)
            existing = exc.extra.get("dossier")
            return redirect("dossiers:detail", existing) if existing else redirect("dossiers:list")
        return redirect("dossiers:detail", dossier.pk)
    return render(request, "dossiers/eligibility.html", {"form": form}, status=422 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def eligibility_edit(request, dossier_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    projects = selectors.projects_for_new_dossier(request.user).filter(pk=dossier.project_id)
    exemption = proposal = None
    if request.method == "GET":  # the form shows the answer held: a read of the situation
        exemption = services.exemption_read(user=request.user, dossier=dossier, context="page:dossier_eligibility")
        # The coach is offered the exemption the person's file implies (a read of the residence situation).
        proposal = services.exemption_proposal_read(
            user=request.user, dossier=dossier, context="page:dossier_exemption_proposal"
        )
    initial = {"project": dossier.project, "answer": exemption.key if exemption else "none"}
    form = EligibilityForm(request.POST or None, projects=projects, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.eligibility_set(dossier=dossier, by=request.user, exemption=form.exemption())
        return redirect("dossiers:detail", dossier.pk)
    return render(
        request,
        "dossiers/eligibility.html",
        {"form": form, "dossier": dossier, "proposal": proposal},
        status=422 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def exemption_proposal(request, dossier_id: int):
    """The coach confirms, or sets aside, the exemption proposed from the person's file."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    decision = request.POST.get("decision")
    try:
        if decision == "confirm":
            services.exemption_proposal_confirm(dossier=dossier, by=request.user, key=request.POST.get("exemption", ""))
        elif decision == "dismiss":
            services.exemption_proposal_dismiss(dossier=dossier, by=request.user)
        else:
            raise ValidationError(_("Confirm the proposed exemption or set it aside."))
    except (ValidationError, DomainError) as exc:
        _errors_to_messages(request, exc)
        return redirect("dossiers:eligibility", dossier.pk)
    if decision == "confirm":  # the flash message names no situation: it may travel in a cookie
        messages.success(request, _("Exemption confirmed."))
    else:
        messages.info(request, _("Proposal set aside: it comes back only if the person's file changes."))
    return redirect("dossiers:detail", dossier.pk)


def _status_form_html(allowed: list[str]) -> str:
    """The status form's fields: twelve, the same for every dossier with the same next steps, so kept rendered (in
    each language) rather than drawn on each view of the page."""
    return fragments.kept(
        "dossiers-status-form",
        tuple(allowed),
        lambda: str(render_to_string("core/_form_fields.html", {"form": StatusForm(allowed=allowed)})),
        3600,
        versioned=False,
    )


CSRF_MARK = "\x00csrf\x00"


def _checklist_html(request, dossier, lines, *, staff: bool, editable: bool, item_states) -> str:
    """The checklist's lines, rendered once for what they show: the key is their content (the lines, the day that
    decides what is too old, who reads, in which language), so any change to an item, a file or a rule makes a new
    one and nothing needs forgetting. Each item's form gets this request's security token afterwards."""
    content = (
        dossier.pk,
        staff,
        editable,
        timezone.localdate(),
        tuple((value, str(label)) for value, label in item_states),
        tuple(
            (
                line.key,
                line.label,
                line.rule.display_help(),
                line.rule.requirement,
                line.rule.evidence,
                line.rule.max_age_days,
                line.state,
                line.document_date,
                line.note,
                line.expires_on,
                tuple((annex.document_id, annex.title) for annex in line.annexes),
            )
            for line in lines
        ),
    )
    context = {
        "dossier": dossier,
        "lines": lines,
        "editable": editable,
        "is_staff": staff,
        "item_states": item_states,
        "FACT_ONLY": Evidence.FACT_ONLY,
        "csrf_token": CSRF_MARK,
    }
    html = fragments.kept(
        "dossiers-checklist",
        content,
        lambda: str(render_to_string("dossiers/_checklist.html", context)),
        3600,
        versioned=False,
    )
    return mark_safe(html.replace(CSRF_MARK, get_token(request)))  # noqa: S308 - escaped by the template


def _detail_context(request, dossier) -> dict:
    user = request.user
    lines = checklist(dossier)
    staff = user.is_staff_role
    editable = dossier.status in (Status.DRAFT, Status.READY, Status.INFO_REQUESTED)
    item_states = ItemForm(staff=staff).fields["state"].choices
    allowed = [s for s in TRANSITIONS[dossier.status] if staff or s in (Status.READY, Status.DRAFT)]
    residence_until = services.residence_valid_until_read(user=user, dossier=dossier, context="page:dossier_detail")
    soon = timezone.localdate() + timedelta(days=RESIDENCE_NOTICE_DAYS)
    return {
        "dossier": dossier,
        "exemption": services.exemption_read(user=user, dossier=dossier, context="page:dossier_detail"),
        "nationality": country_name(
            services.applicant_nationality_read(user=user, dossier=dossier, context="page:dossier_detail")
        ),
        "residence_until": residence_until,
        "residence_soon": bool(residence_until and residence_until <= soon),
        "lines": lines,
        "ready": is_ready(lines),
        "problems": services.ready_problems(dossier, lines) if dossier.status == Status.DRAFT else [],
        "totals": finance.totals(dossier.finance),
        "annexes": dossier.annexes.select_related("document", "rule"),
        "status_fields": {str(to): list(names) for to, names in services.STATUS_DETAILS.items()},
        "checklist_html": _checklist_html(
            request, dossier, lines, staff=staff, editable=editable, item_states=item_states
        ),
        "status_form_html": _status_form_html(allowed) if allowed else "",
        "build": selectors.build_latest(dossier),
        "current": selectors.build_current(dossier),
        "is_staff": staff,
        "editable": editable,
        "Eligibility": Eligibility,
        "FACT_ONLY": Evidence.FACT_ONLY,
        "interest": [(key, label, (dossier.interest or {}).get(key, "")) for key, label in services.INTEREST_CRITERIA],
    }


@login_required
def dossier_detail(request, dossier_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    return render(request, "dossiers/detail.html", _detail_context(request, dossier))


SECTIONS = {
    "project": (ProjectSectionForm, gettext_lazy("The project and its market")),
    "plan": (PlanSectionForm, gettext_lazy("Business plan summary")),
    "interest": (InterestSectionForm, gettext_lazy("Interest for the Region")),
}


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, dossier_id: int, section: str):
    dossier = selectors.dossier_get(request.user, dossier_id)
    if section == "finance":
        return finance_edit(request, dossier)
    if section == "identity":
        return identity_edit(request, dossier)
    if section not in SECTIONS:
        raise Http404("section")
    form_class, title = SECTIONS[section]
    initial = {
        name: getattr(dossier, name, "") for name in ("project_summary", "market", "business_plan", "jobs_planned")
    }
    initial.update({f"interest_{k}": v for k, v in (dossier.interest or {}).items()})
    form = form_class(request.POST or None, initial=initial)
    return _section_form(request, dossier, form, title, services.dossier_update)


def identity_edit(request, dossier):
    """The applicant's identity block; opening it reads the nationality (a logged read)."""
    initial = {
        "nationality": services.applicant_nationality_read(
            user=request.user, dossier=dossier, context="page:dossier_identity"
        ),
        "birth_date": dossier.applicant_birth_date,
        "address": dossier.applicant_address,
    }
    form = IdentitySectionForm(request.POST or None, initial=initial)
    return _section_form(request, dossier, form, _("Identity of the applicant"), services.applicant_identity_update)


def _section_form(request, dossier, form, title, save):
    """One section of the application: on a valid POST `save(dossier=, by=, **fields)`, then back to the dossier;
    otherwise the form again (422 after a POST), with the service's refusals as messages."""
    if request.method == "POST" and form.is_valid():
        data = form.to_service() if hasattr(form, "to_service") else form.cleaned_data
        try:
            save(dossier=dossier, by=request.user, **data)
        except (ValidationError, DomainError) as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("dossiers:detail", dossier.pk)
    return render(
        request,
        "dossiers/section_form.html",
        {"form": form, "dossier": dossier, "title": title},
        status=422 if request.method == "POST" else 200,
    )


def finance_edit(request, dossier):
    form = FinanceForm(request.POST or None, plan=dossier.finance)
    totals = finance.totals(dossier.finance)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.dossier_update(dossier=dossier, by=request.user, finance=form.normalised)
            except (ValidationError, DomainError) as exc:
                _errors_to_messages(request, exc)
            else:
                totals = finance.totals(dossier.finance)
                if totals.balanced:
                    messages.success(request, _("Financial plan saved; financing matches the needs."))
                else:
                    messages.warning(request, _("Financial plan saved, but financing does not match the needs yet."))
                return redirect("dossiers:detail", dossier.pk)
        elif hasattr(form, "normalised"):
            totals = finance.totals(form.normalised)
    return render(
        request,
        "dossiers/finance_form.html",
        {"form": form, "dossier": dossier, "totals": totals},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def finance_preview(request, dossier_id: int):
    """The totals of the plan being typed (htmx), computed by the same code as the saved ones."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    form = FinanceForm(request.POST, plan=dossier.finance)
    totals = finance.totals(form.normalised) if form.is_valid() else None
    return render(request, "dossiers/_finance_totals.html", {"totals": totals, "form": form})


@login_required
@require_POST
def item_update(request, dossier_id: int, key: str):
    dossier = selectors.dossier_get(request.user, dossier_id)
    form = ItemForm(request.POST, staff=request.user.is_staff_role, prefix=f"item-{key}")
    if form.is_valid():
        try:
            services.item_set(
                dossier=dossier,
                by=request.user,
                key=key,
                state=form.cleaned_data["state"],
                document_date=form.cleaned_data["document_date"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, DomainError) as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(request, _("Checklist updated."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{dossier.get_absolute_url()}#item-{key}")


@login_required
@require_http_methods(["GET", "POST"])
def annex_upload(request, dossier_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    lines = [
        line for line in checklist(dossier) if request.user.is_staff_role or line.rule.evidence != Evidence.FACT_ONLY
    ]
    form = AnnexForm(
        request.POST or None, request.FILES or None, items=lines, initial={"item": request.GET.get("item", "")[:40]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.annex_add(
                dossier=dossier,
                by=request.user,
                uploaded=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                rule_key=form.cleaned_data["item"],
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("file", exc.messages) if hasattr(exc, "error_dict") else exc.messages:
                form.add_error("file", message)
        except Forbidden as exc:
            form.add_error("item", exc.message)
        else:
            messages.success(request, _("The annex was added."))
            return redirect("dossiers:detail", dossier.pk)
    return render(
        request,
        "dossiers/annex_form.html",
        {"form": form, "dossier": dossier},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def annex_delete(request, dossier_id: int, annex_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    annex = get_object_or_404(DossierAnnex, pk=annex_id, dossier=dossier)
    try:
        services.annex_remove(annex=annex, by=request.user)
    except (ValidationError, DomainError) as exc:
        _errors_to_messages(request, exc)
    else:
        messages.success(request, _("The annex was removed from the dossier; the document stays in the person's file."))
    return redirect("dossiers:detail", dossier.pk)


@login_required
@require_POST
def status_update(request, dossier_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    allowed = [
        s for s in TRANSITIONS[dossier.status] if request.user.is_staff_role or s in (Status.READY, Status.DRAFT)
    ]
    form = StatusForm(request.POST, allowed=allowed)
    if form.is_valid():
        try:
            services.status_change(dossier=dossier, by=request.user, to=form.cleaned_data["to"], **form.details())
        except (ValidationError, DomainError) as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(
                request, _("Status changed to “%(status)s”.") % {"status": Status(form.cleaned_data["to"]).label}
            )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("dossiers:detail", dossier.pk)


@login_required
@require_POST
def pdf_build(request, dossier_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    services.pdf_request(dossier=dossier, by=request.user)
    if request.htmx:
        return pdf_status(request, dossier_id)
    messages.info(request, _("The PDF is being built; this page shows its progress."))
    return redirect(f"{dossier.get_absolute_url()}#pdf")


@login_required
def pdf_status(request, dossier_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    return render(
        request,
        "dossiers/_pdf.html",
        {
            "dossier": dossier,
            "build": selectors.build_latest(dossier),
            "current": selectors.build_current(dossier),
            "is_staff": request.user.is_staff_role,
        },
    )


@login_required
def pdf_download(request, dossier_id: int):
    dossier = selectors.dossier_get(request.user, dossier_id)
    return pdf_response(dossier, user=request.user, context="page:dossier_pdf")
