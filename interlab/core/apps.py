from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "interlab.core"
    label = "core"
    verbose_name = _("core")

    def ready(self) -> None:
        # A fresh clone has no var/: the SQLite file, uploads and private files live there.
        from django.conf import settings

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)

        # A string missing from the Dutch, Arabic, Ukrainian or Spanish catalogue is shown in English, not French.
        from . import i18n

        i18n.install()

        from django.db.models.signals import post_migrate

        from .schedules import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)

        # Every app's retention rules, now that every app's interface can be imported.
        from .retention_actions import ensure_rules, load_actions

        load_actions()
        post_migrate.connect(ensure_rules, sender=self, dispatch_uid="core.retention_rules")

        # two_factor: a login clears its session's two-factor mark (a receiver of user_logged_in).
        from . import receivers, two_factor  # noqa: F401

        receivers.connect()

        # Kept out of admin.py (users, consents, the read log) so the schedule's admin stays one concept.
        from . import admin_retention  # noqa: F401
