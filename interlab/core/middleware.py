"""Request hygiene shared by every page and the API."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RejectNulMiddleware:
    """A NUL character in a query string is never legitimate, and PostgreSQL refuses it in text columns.

    Refusing it here keeps every search box and filter from turning it into a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            message = _("The address contains a forbidden character (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "invalid", "errors": []}, status=422)
            return HttpResponseBadRequest(message)
        return self.get_response(request)
