"""Small access checks for the workspace views."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def staff_required(view):
    """Coaches and admins only; anyone else logged in gets 403, anonymous visitors the login page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff_role:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
