from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "interlab.dossiers"
    label = "dossiers"
    verbose_name = _("professional-card dossiers")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .schedules import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)

        from interlab.crm.signals import residence_cleared

        from .services import residence_forget

        def forget_residence(sender, entrepreneur, **kwargs) -> None:
            residence_forget(entrepreneur=entrepreneur)

        residence_cleared.connect(forget_residence, weak=False, dispatch_uid="dossiers.residence_forget")
