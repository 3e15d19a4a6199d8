from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "interlab.mentoring"
    label = "mentoring"
    verbose_name = _("mentoring")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import receivers
        from .schedules import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)
        receivers.connect()
