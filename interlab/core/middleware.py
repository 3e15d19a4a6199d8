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


class ApiErrorShapeMiddleware:
    """Responses Django makes before the API's own handlers (a wrong method) still get the API's error shape."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code == 405
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            shaped = JsonResponse(
                {"detail": "Method not allowed on this resource.", "code": "method_not_allowed"}, status=405
            )
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
