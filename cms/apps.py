from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("public site")

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
