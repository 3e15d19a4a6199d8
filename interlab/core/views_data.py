"""The "My data" page: what InterLab holds about the logged-in person, its download (ZIP or JSON), and the
person's API tokens, which they may revoke there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import export, selectors, services


@login_required
@require_GET
def my_data(request):
    return render(request, "core/my_data.html", {"api_tokens": selectors.api_tokens_live(request.user)})


@login_required
@require_POST
def my_token_revoke(request, token_id: int):
    token = get_object_or_404(selectors.api_tokens_live(request.user), pk=token_id)
    services.api_token_revoke(token=token)
    messages.success(request, _("The API token is revoked: programs using it can no longer reach your data."))
    return redirect("core:my_data")


@login_required
@require_GET
def my_data_download(request, fmt: str):
    if fmt == "zip":
        return export.zip_response(request.user, request)
    if fmt != "json":
        raise Http404
    response = HttpResponse(export.json_bytes(request.user, request), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="interlab-my-data-{timezone.localdate():%Y-%m-%d}.json"'
    response["Cache-Control"] = "private, no-store"
    return response
