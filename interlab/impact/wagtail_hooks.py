"""The survival baselines (Statbel) are data: admins correct them in the CMS admin, no release needed."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SurvivalBaseline


class SurvivalBaselineViewSet(SnippetViewSet):
    model = SurvivalBaseline
    icon = "table"
    menu_label = _("Survival baselines")
    list_display = ["region", "months", "rate", "source"]
    ordering = ["region", "months"]


register_snippet(SurvivalBaselineViewSet)
