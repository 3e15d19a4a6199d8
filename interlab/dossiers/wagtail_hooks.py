"""Checklist rules, exemptions and regulated activities, editable by admins in the CMS admin (/cms-admin/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ChecklistRule, Exemption, RegulatedActivity


class ChecklistRuleViewSet(SnippetViewSet):
    model = ChecklistRule
    icon = "tasks"
    menu_label = _("Checklist rules")
    list_display = ["label", "key", "requirement", "counts_for_readiness", "regulated_only", "max_age_days", "active"]
    list_filter = ["requirement", "active"]
    ordering = ["order"]


class ExemptionViewSet(SnippetViewSet):
    model = Exemption
    icon = "help"
    menu_label = _("Exemptions")
    list_display = ["label", "key", "outcome", "residence_situation", "active"]
    ordering = ["order"]


class RegulatedActivityViewSet(SnippetViewSet):
    model = RegulatedActivity
    icon = "warning"
    menu_label = _("Regulated activities")
    list_display = ["label", "nace_prefixes"]


class DossierRulesGroup(SnippetViewSetGroup):
    menu_label = _("Professional card")
    menu_icon = "doc-full-inverse"
    menu_order = 210
    items = (ChecklistRuleViewSet, ExemptionViewSet, RegulatedActivityViewSet)


register_snippet(DossierRulesGroup)
