from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrmConfig(AppConfig):
    name = "interlab.crm"
    label = "crm"
    verbose_name = _("pipeline")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .schedules import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)

        # Text messages reach people at the number on their file: core has no phone number of its own.
        from interlab.core.notifications import register_phone_source

        from .selectors import own_phone

        register_phone_source(own_phone)

        from . import receivers

        receivers.connect()

        # The board kept rendered is forgotten on every write to what it shows.
        from . import board

        board.watch()
