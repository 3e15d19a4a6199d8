"""The "My data" page: what InterLab holds about the logged-in person, and its download (ZIP or JSON)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import export


@login_required
@require_GET
def my_data(request):
    return render(request, "core/my_data.html")


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
