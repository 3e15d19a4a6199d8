from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "interlab.impact"
    label = "impact"
    verbose_name = _("impact")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .schedules import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)

        from .freshness import connect_signals

        connect_signals()

        from .participants import connect_signals as connect_participant_signals

        connect_participant_signals()
