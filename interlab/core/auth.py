"""Django's model backend, except that the demo password never opens a session outside development.

`seed_demo` refuses to run without DEBUG, but a database seeded on a laptop can still be copied to a server.
Every login path (the web form, the API's token endpoint, the Django and Wagtail admins) goes through
authenticate(), so refusing the demo password here closes all of them at once, whatever the account's name.
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from .demo import DEMO_PASSWORD


def is_demo_password(password: str | None) -> bool:
    return password is not None and constant_time_compare(password, DEMO_PASSWORD)


class InterLabModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.DEBUG and is_demo_password(password):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class NotDemoPasswordValidator:
    """The demo password is public (it is in the README): it is never accepted as a real password."""

    def validate(self, password, user=None):
        if is_demo_password(password):
            raise ValidationError(_("This is the public demo password; choose another one."), code="demo_password")

    def get_help_text(self):
        return _("Your password cannot be the public demo password.")
