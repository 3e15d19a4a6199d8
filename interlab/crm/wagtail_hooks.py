"""Reference data of the pipeline, editable by admins in the CMS admin (/cms-admin/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Cohort, IntakeRota, Partner, Programme, Stage


class StageViewSet(SnippetViewSet):
    model = Stage
    icon = "list-ol"
    menu_label = _("Stages")
    list_display = ["name", "key", "order", "is_exit", "stalled_after_days"]
    ordering = ["is_exit", "order"]
    panels = [
        FieldPanel("name"),
        FieldPanel("name_translations"),
        FieldPanel("key"),
        FieldPanel("order"),
        FieldPanel("is_exit"),
        FieldPanel("is_launch"),
        FieldPanel("stalled_after_days"),
        FieldPanel("requires_enterprise_number"),
        FieldPanel("requires_reason"),
        FieldPanel("next_stages"),
    ]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "category"]
    list_filter = ["category"]
    search_fields = ["name", "description"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "doc-full"
    menu_label = _("Programmes")
    list_display = ["name", "starts_on", "ends_on"]


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "date"
    menu_label = _("Cohorts")
    list_display = ["name", "programme", "starts_on"]


class IntakeRotaViewSet(SnippetViewSet):
    model = IntakeRota
    icon = "user"
    menu_label = _("Intake rota")
    list_display = ["coach", "takes_applicants", "languages", "communes", "last_assigned_at"]
    panels = [FieldPanel("coach"), FieldPanel("takes_applicants"), FieldPanel("languages"), FieldPanel("communes")]


class PipelineGroup(SnippetViewSetGroup):
    menu_label = _("Pipeline")
    menu_icon = "cogs"
    menu_order = 200
    items = (StageViewSet, PartnerViewSet, ProgrammeViewSet, CohortViewSet, IntakeRotaViewSet)


register_snippet(PipelineGroup)
