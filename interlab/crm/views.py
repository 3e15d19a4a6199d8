"""Pages of the coach's workspace and of the entrepreneur's space. Thin: parse, call, render."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from interlab.core import accounts
from interlab.core.decorators import staff_required
from interlab.core.errors import Conflict
from interlab.core.http import safe_next
from interlab.core.speech import plain_text, speech_for

from . import board as board_cards
from . import exports, imports, selectors, services
from .choices import PARTNER_CONSENT_KEY
from .forms import (
    BoardFilterForm,
    BulkActionForm,
    DocumentRequestForm,
    DocumentUploadForm,
    EntrepreneurCreateForm,
    EntrepreneurForm,
    ImportUploadForm,
    InteractionForm,
    MoveForm,
    PartnerConsentForm,
    ProjectForm,
    ReferralForm,
    SensitiveForm,
    TaskForm,
)
from .models import DocumentRequest, ImportBatch, Referral, ReferralOutcome, Task


def _board_filters(form: BoardFilterForm) -> selectors.BoardFilters:
    if not form.is_valid():
        return selectors.BoardFilters()
    data = form.cleaned_data
    return selectors.BoardFilters(
        coach=data["coach"].pk if data.get("coach") else None,
        cohort=data["cohort"].pk if data.get("cohort") else None,
        programme=data["programme"].pk if data.get("programme") else None,
        sector=data.get("sector") or "",
        language=data.get("language") or "",
        stalled=bool(data.get("stalled")),
        q=data.get("q") or "",
    )


@staff_required
def board(request):
    partial = bool(request.htmx and not request.htmx.boosted)

    def context() -> dict:
        form = BoardFilterForm(request.GET or None)
        return {
            "form": form,
            "columns": board_cards.dress(selectors.board(request.user, _board_filters(form))),
            "query": request.GET.urlencode(),
            "unassigned": selectors.projects_unassigned().count(),
            "bulk_form": BulkActionForm(auto_id="bulk-%s"),
        }

    body, refused = board_cards.rendered(request, partial=partial, context=context)
    if partial:
        return HttpResponse(body)
    # The tab title says "Error:" when the filters were refused (base.html reads form.errors).
    body = mark_safe(body)  # noqa: S308 - rendered by crm/_board_body.html, which escapes what it shows
    return render(request, "crm/board.html", {"body": body, "form": {"errors": refused}})


@staff_required
@require_http_methods(["GET", "POST"])
def project_move(request, project_id: int):
    project = selectors.project_get(request.user, project_id)
    form = MoveForm(request.POST or None, project=project, initial={"to_stage": request.GET.get("to")})
    if request.method == "POST" and form.is_valid():
        try:
            services.project_move(
                project=project,
                to_stage=form.cleaned_data["to_stage"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("“%(title)s” moved to “%(stage)s”.")
                % {"title": project.title, "stage": form.cleaned_data["to_stage"]},
            )
            target = safe_next(request, reverse("crm:board"))
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
    template = "crm/_move_form.html" if request.htmx else "crm/move.html"
    return render(
        request,
        template,
        {"form": form, "project": project, "next": request.GET.get("next") or request.POST.get("next", "")},
        status=422 if request.method == "POST" else 200,
    )


@staff_required
def entrepreneur_list(request):
    q = request.GET.get("q", "")[:200]
    stage = request.GET.get("stage", "")[:40]
    page = Paginator(
        selectors.entrepreneur_list(request.user, q=q, stage=stage).prefetch_related("projects__stage"), 100
    )
    people = page.get_page(request.GET.get("page"))
    template = "crm/_entrepreneur_rows.html" if request.htmx else "crm/entrepreneur_list.html"
    context = {"people": people, "q": q, "stage": stage, "bulk_form": BulkActionForm(auto_id="bulk-%s")}
    return render(request, template, context)


@staff_required
@require_http_methods(["GET", "POST"])
def entrepreneur_create(request):
    form = EntrepreneurCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            entrepreneur = services.entrepreneur_create(by=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": entrepreneur.full_name})
            return redirect(entrepreneur)
    return render(request, "crm/entrepreneur_form.html", {"form": form, "creating": True})


@staff_required
@require_http_methods(["GET", "POST"])
def entrepreneur_edit(request, entrepreneur_id: int):
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    form = EntrepreneurForm(request.POST or None, instance=entrepreneur)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "languages"}
        fresh = selectors.entrepreneur_get(request.user, entrepreneur_id)
        try:
            services.entrepreneur_update(
                entrepreneur=fresh, by=request.user, languages=form.cleaned_data["languages"], **data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Changes saved."))
            if fresh.email_pending:
                messages.info(request, _pending_message(fresh))
            return redirect(fresh)
    return render(request, "crm/entrepreneur_form.html", {"form": form, "entrepreneur": entrepreneur})


def _pending_message(entrepreneur) -> str:
    return _(
        "The new address %(email)s is waiting for confirmation: a link was sent to it. "
        "Until it is confirmed, the file keeps %(current)s."
    ) % {"email": entrepreneur.email_pending, "current": entrepreneur.email or "—"}


@login_required
def email_confirm(request, token: str):
    """The link mailed to a new address: the person opens it, logged in, and the address becomes the file's."""
    try:
        services.entrepreneur_email_confirm(token=token, user=request.user)
    except services.EmailConfirmRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your new e-mail address is confirmed."))
    if request.user.is_staff_role:
        return redirect("crm:board")
    return redirect("crm:my_space" if request.user.role == "entrepreneur" else "/")


@login_required
def entrepreneur_detail(request, entrepreneur_id: int):
    if not request.user.is_staff_role:
        raise Http404
    context = selectors.entrepreneur_file(request.user, entrepreneur_id)
    context["outcome_choices"] = ReferralOutcome.choices
    return render(request, "crm/entrepreneur_detail.html", context)


@staff_required
@require_http_methods(["GET", "POST"])
def sensitive_edit(request, entrepreneur_id: int):
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    profile = services.sensitive_profile_read(user=request.user, entrepreneur=entrepreneur, context="page:sensitive")
    initial = {}
    if profile:
        initial = {
            "country_of_origin": profile.country_of_origin,
            "residence_situation": profile.residence_situation,
            "residence_valid_until": profile.residence_valid_until,
        }
    form = SensitiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.sensitive_profile_update(entrepreneur=entrepreneur, by=request.user, **form.cleaned_data)
        messages.success(request, _("Sensitive information saved."))
        return redirect(entrepreneur)
    return render(request, "crm/sensitive.html", {"form": form, "entrepreneur": entrepreneur, "profile": profile})


def _child_form_view(request, entrepreneur_id, form_class, save, title, *, form_takes_entrepreneur=False):
    """A small form that adds something to one person's file (a note, a task, a referral…)."""
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    kwargs = {"entrepreneur": entrepreneur} if form_takes_entrepreneur else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(entrepreneur, form)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(entrepreneur)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "crm/child_form.html", {"form": form, "entrepreneur": entrepreneur, "title": title}, status=status
    )


@staff_required
@require_http_methods(["GET", "POST"])
def project_create(request, entrepreneur_id: int):
    @transaction.atomic
    def save(entrepreneur, form):
        data = dict(form.cleaned_data)
        enterprise_number = data.pop("enterprise_number", "")
        project = services.project_create(entrepreneur=entrepreneur, by=request.user, **data)
        if enterprise_number:
            services.project_update(project=project, by=request.user, enterprise_number=enterprise_number)

    return _child_form_view(request, entrepreneur_id, ProjectForm, save, _("New project"))


@staff_required
@require_http_methods(["GET", "POST"])
def project_edit(request, project_id: int):
    project = selectors.project_get(request.user, project_id)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        fresh = selectors.project_get(request.user, project_id)
        services.project_update(project=fresh, by=request.user, **form.cleaned_data)
        messages.success(request, _("Changes saved."))
        return redirect(fresh.entrepreneur)
    return render(
        request,
        "crm/child_form.html",
        {"form": form, "entrepreneur": project.entrepreneur, "title": _("Edit the project")},
        status=422 if request.method == "POST" else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def interaction_add(request, entrepreneur_id: int):
    def save(entrepreneur, form):
        services.interaction_create(entrepreneur=entrepreneur, by=request.user, **form.cleaned_data)

    return _child_form_view(
        request, entrepreneur_id, InteractionForm, save, _("New interaction"), form_takes_entrepreneur=True
    )


@staff_required
@require_http_methods(["GET", "POST"])
def task_add(request, entrepreneur_id: int):
    def save(entrepreneur, form):
        services.task_create(entrepreneur=entrepreneur, by=request.user, **form.cleaned_data)

    return _child_form_view(request, entrepreneur_id, TaskForm, save, _("New task"), form_takes_entrepreneur=True)


@login_required
@require_POST
def task_toggle(request, task_id: int):
    task = get_object_or_404(Task.objects.select_related("entrepreneur"), pk=task_id)
    selectors.entrepreneur_get(request.user, task.entrepreneur_id)
    if not request.user.is_staff_role and not (task.for_entrepreneur or task.assignee_id == request.user.pk):
        raise Http404
    services.task_set_done(task=task, by=request.user, done=task.done_at is None)
    return redirect(
        safe_next(
            request, task.entrepreneur.get_absolute_url() if request.user.is_staff_role else reverse("crm:my_space")
        )
    )


@staff_required
@require_http_methods(["GET", "POST"])
def referral_add(request, entrepreneur_id: int):
    def save(entrepreneur, form):
        data = dict(form.cleaned_data)
        partner = data.pop("partner")
        services.referral_create(entrepreneur=entrepreneur, partner=partner, by=request.user, **data)

    return _child_form_view(request, entrepreneur_id, ReferralForm, save, _("New referral"))


@staff_required
@require_POST
def referral_outcome(request, referral_id: int):
    referral = get_object_or_404(Referral, pk=referral_id)
    selectors.entrepreneur_get(request.user, referral.entrepreneur_id)
    outcome = request.POST.get("outcome", "")
    if outcome not in ReferralOutcome.values:
        messages.error(request, _("Unknown outcome."))
    else:
        services.referral_set_outcome(referral=referral, outcome=outcome, by=request.user)
        messages.success(request, _("Referral updated."))
    return redirect(referral.entrepreneur)


@staff_required
@require_http_methods(["GET", "POST"])
def document_request_add(request, entrepreneur_id: int):
    def save(entrepreneur, form):
        services.document_request_create(entrepreneur=entrepreneur, by=request.user, **form.cleaned_data)

    return _child_form_view(request, entrepreneur_id, DocumentRequestForm, save, _("Ask for a document"))


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request, entrepreneur_id: int):
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    doc_request = None
    raw_request = request.GET.get("request") or request.POST.get("request") or ""
    if raw_request.isdecimal() and len(raw_request) < 19:
        doc_request = DocumentRequest.objects.filter(entrepreneur=entrepreneur, pk=int(raw_request)).first()
    form = DocumentUploadForm(
        request.POST or None, request.FILES or None, initial={"title": doc_request.title if doc_request else ""}
    )
    if not request.user.is_staff_role:
        del form.fields["is_shared"]
        del form.fields["residence_document"]
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                entrepreneur=entrepreneur,
                by=request.user,
                uploaded=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                request=doc_request,
                is_shared=form.cleaned_data.get("is_shared", True) if request.user.is_staff_role else True,
                residence_document=bool(form.cleaned_data.get("residence_document")),
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("file", exc.messages):
                form.add_error("file", message)
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect(entrepreneur if request.user.is_staff_role else "crm:my_space")
    return render(
        request,
        "crm/child_form.html",
        {
            "form": form,
            "entrepreneur": entrepreneur,
            "title": _("Upload a document"),
            "multipart": True,
            "doc_request": doc_request,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def document_download(request, document_id: int):
    document = selectors.document_get(request.user, document_id)
    services.document_read(user=request.user, document=document, context="page:document_download")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"{document.title}{document.extension}".replace("/", "-")
    response = FileResponse(handle, content_type=document.content_type, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.import_preview(uploaded=form.cleaned_data["file"], by=request.user)
        except imports.ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("crm:import_preview", batch_id=batch.pk)
    return render(request, "crm/import.html", {"form": form}, status=422 if request.method == "POST" else 200)


@staff_required
@require_http_methods(["GET", "POST"])
def import_preview(request, batch_id: int):
    batch = get_object_or_404(ImportBatch, pk=batch_id, created_by=request.user)
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            try:
                imports.import_cancel(batch=batch)
            except imports.ImportRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.info(request, _("Import cancelled: nothing was written."))
            return redirect("crm:import")
        include = {int(v) for v in request.POST.getlist("include") if v.isdecimal() and len(v) < 10}
        try:
            result = imports.import_confirm(batch=batch, by=request.user, include_duplicates=include)
        except imports.ImportRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(created)s people imported, %(skipped)s duplicates skipped, %(invalid)s rows with errors left out.")
                % {k: len(v) for k, v in result.items()},
            )
            return redirect("crm:entrepreneurs")
    summary = imports.preview_summary(batch)
    return render(request, "crm/import_preview.html", {"batch": batch, "rows": batch.rows, "summary": summary})


@staff_required
def export(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    people = selectors.entrepreneur_list(request.user, q=request.GET.get("q", "")[:200])
    return exports.export_response(people, fmt)


@login_required
def my_space(request):
    """The entrepreneur's own path: stage and what comes next, tasks, documents, the shared timeline."""
    entrepreneur = selectors.entrepreneurs_visible(request.user).filter(user=request.user).first()
    if entrepreneur is None:
        if request.user.is_staff_role:
            return redirect("crm:board")
        raise PermissionDenied
    context = selectors.entrepreneur_file(request.user, entrepreneur.pk)
    language = get_language()
    context["speech"] = speech_for(_path_text(context["projects"], language), language)
    return render(request, "crm/my_space.html", context)


def _path_text(projects, language: str) -> str:
    """The path read aloud: where each project stands and what comes next, in the page's own sentences.

    Nothing personal (no name, no project title, no task): the audio file has a public address, and the same
    stage gives everyone the same file.
    """
    lines = []
    for project in projects:
        lines.append(
            _("You are at the stage: <strong>%(stage)s</strong>.") % {"stage": project.stage.display_name(language)}
        )
        if project.next_stage:
            lines.append(_("What comes next: %(stage)s.") % {"stage": project.next_stage.display_name(language)})
    return plain_text("\n".join(lines))


# --- the person's way in: invitation, code for a new password --------------------------------------------------


def _printable(request, entrepreneur, invitation, code: str):
    """The sheet the coach prints, reads out or copies into an SMS. Shown once, in the answer to the POST that made
    the code: nothing keeps it (only its hash is stored), so making a new one is the way to show it again."""
    url = accounts.code_url(code)
    context = {
        "entrepreneur": entrepreneur,
        "invitation": invitation,
        "code": accounts.code_display(code),
        "url": url,
        "code_page": accounts.code_page_url(),
        "qr": segno.make(url, error="m").svg_data_uri(scale=5),
    }
    response = render(request, "crm/invitation_print.html", context)
    response["Cache-Control"] = "no-store"
    return response


@staff_required
@require_POST
def invitation_send(request, entrepreneur_id: int):
    """Invite the person (or invite again: the old code dies): by e-mail, or with a code to print."""
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    by_email = request.POST.get("channel") == "email"
    back = safe_next(request, entrepreneur.get_absolute_url())
    try:
        invitation, code = services.entrepreneur_invite(entrepreneur=entrepreneur, by=request.user, by_email=by_email)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect(back)
    if by_email:
        messages.success(
            request,
            _("An invitation was sent to %(email)s. It works until %(date)s.")
            % {"email": invitation.email, "date": formats.date_format(invitation.expires_at, "SHORT_DATE_FORMAT")},
        )
        return redirect(back)
    return _printable(request, entrepreneur, invitation, code)


@staff_required
@require_POST
def invitation_revoke(request, entrepreneur_id: int):
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    if services.entrepreneur_invitations_revoke(entrepreneur=entrepreneur, by=request.user):
        messages.success(request, _("The code no longer works."))
    else:
        messages.info(request, _("There was no code still working."))
    return redirect(entrepreneur)


@staff_required
@require_POST
def password_code(request, entrepreneur_id: int):
    """A code for a new password, for a person with a login and no e-mail."""
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    try:
        invitation, code = services.entrepreneur_reset_code(entrepreneur=entrepreneur, by=request.user)
    except Conflict as exc:
        messages.error(request, exc.message)
        return redirect(entrepreneur)
    return _printable(request, entrepreneur, invitation, code)


@staff_required
@require_http_methods(["GET", "POST"])
def partner_consent(request, entrepreneur_id: int):
    """A coach records the person's agreement to share their name with partners, on the text they read to them."""
    entrepreneur = selectors.entrepreneur_get(request.user, entrepreneur_id)
    text = selectors.consent_text_latest(PARTNER_CONSENT_KEY, selectors.file_language(entrepreneur))
    if request.method == "POST":
        text = selectors.consent_text_posted(PARTNER_CONSENT_KEY, request.POST.get("consent_text")) or text
    form = PartnerConsentForm(request.POST or None)
    if request.method == "POST" and text is not None and form.is_valid():
        services.partner_sharing_consent_record(entrepreneur=entrepreneur, text=text, by=request.user)
        messages.success(request, _("Consent to share with partners recorded."))
        return redirect(entrepreneur)
    return render(request, "crm/partner_consent.html", {"form": form, "entrepreneur": entrepreneur, "text": text})
