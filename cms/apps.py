from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("public site")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from . import signals

        page_published.connect(signals.page_published, dispatch_uid="cms.translation_sync")
