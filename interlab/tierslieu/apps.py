from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TierslieuConfig(AppConfig):
    name = "interlab.tierslieu"
    label = "tierslieu"
    verbose_name = _("tiers-lieu")
