from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TierslieuConfig(AppConfig):
    name = "interlab.tierslieu"
    label = "tierslieu"
    verbose_name = _("tiers-lieu")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .schedules import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)

        from interlab.core.signals import credentials_revoked

        from .services import feeds_renew_for

        credentials_revoked.connect(feeds_renew_for, dispatch_uid="tierslieu.feeds_renew_for")
