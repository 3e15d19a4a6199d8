"""Login, logout, the landing page that sends each role to its own space, the error pages, the read-aloud audio."""

import re

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from . import services, speech
from .forms import LockoutAuthenticationForm
from .models import Role
from .notifications import language_of


class InterLabLoginView(LoginView):
    form_class = LockoutAuthenticationForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        # The language kept on the account wins over the one of the login page: the person chose it before.
        response = super().form_valid(form)
        language = language_of(form.get_user())
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response


@require_POST
def language_set(request):
    """The language switcher: Django's set_language, and for a logged-in person the choice kept on the account."""
    response = set_language(request)
    if request.user.is_authenticated:
        services.user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


@require_POST
def logout_view(request):
    logout(request)
    return redirect("login")


@login_required
def home(request):
    user = request.user
    if user.is_staff_role:
        return redirect("crm:board")
    if user.role == Role.ENTREPRENEUR:
        return redirect("crm:my_space")
    if user.role == Role.MENTOR:
        return redirect("mentoring:inbox")
    if user.role == Role.FUNDER:
        return redirect("impact:dashboard")
    if user.role == Role.PARTNER:
        return redirect("crm:partner_home")
    return render(request, "core/home.html")


# --- error pages: InterLab's own, translated, each with a way back; JSON under /api/ ------------------------------

API_ERRORS = {
    400: ("Bad request.", "bad_request"),
    403: ("You are not allowed to do this.", "forbidden"),
    404: ("Not found.", "not_found"),
    500: ("Server error: the team has been told.", "server_error"),
}


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _api_error(status: int) -> JsonResponse:
    detail, code = API_ERRORS[status]
    return JsonResponse({"detail": detail, "code": code}, status=status)


def _way_back(request) -> dict:
    """Where the page offers to go: the previous page when it is on this site, and the person's own space."""
    referer = request.META.get("HTTP_REFERER", "")
    previous = ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        previous = referer
    signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
    return {"previous": previous, "home": reverse("core:home") if signed_in else "/", "signed_in": signed_in}


def _error_page(request, status: int, template: str, **context):
    if _is_api(request):
        return _api_error(status)
    return render(request, template, {**_way_back(request), **context}, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error_page(request, 400, "400.html")


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error_page(request, 403, "403.html")


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error_page(request, 404, "404.html")


@requires_csrf_token
def csrf_failure(request, reason=""):
    """A form sent without its security token (often a page left open too long): a 403 that says what to do."""
    if _is_api(request):
        return JsonResponse(
            {"detail": "CSRF check failed: send the X-CSRFToken header with a session.", "code": "csrf_failed"},
            status=403,
        )
    return _error_page(
        request, 403, "403.html", explanation=_("The form had expired. Go back, reload the page and send it again.")
    )


@requires_csrf_token
def server_error(request):
    """Rendered without the request's context: whatever failed (the database, a context processor) may fail again."""
    if _is_api(request):
        return _api_error(500)
    return HttpResponseServerError(loader.get_template("500.html").render({"home": "/"}))


RANGE = re.compile(r"bytes=(\d*)-(\d*)")


@require_GET
def speech_audio(request, name: str):
    """A read-aloud MP3 from public media, by its hash name, with byte ranges (Safari plays audio only so).

    Served from the storage, local or bucket alike. The name is the content's hash: it never changes, so
    browsers may keep it for a year.
    """
    if not speech.FILE_NAME.fullmatch(name):
        raise Http404
    path = f"{speech.FOLDER}/{name}"
    try:
        size = default_storage.size(path)
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    match = RANGE.fullmatch(request.headers.get("Range", "").strip())
    if match and (match[1] or match[2]):
        if match[1]:
            start, end = int(match[1]), min(int(match[2] or size - 1), size - 1)
        else:  # "bytes=-500": the last 500 bytes
            start, end = max(size - int(match[2]), 0), size - 1
        if start > end or start >= size:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        body = handle.read(end - start + 1)
        handle.close()
        response = HttpResponse(body, status=206, content_type="audio/mpeg")
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle, content_type="audio/mpeg")
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
