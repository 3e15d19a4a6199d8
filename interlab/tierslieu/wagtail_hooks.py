"""Reference data of the tiers-lieu, editable by admins in the CMS admin (/cms-admin/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Closure, MemberGroup, Space


class SpaceViewSet(SnippetViewSet):
    model = Space
    icon = "home"
    menu_label = _("Spaces")
    list_display = ["name", "kind", "capacity", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "description"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("kind"), FieldPanel("capacity"), FieldPanel("floor"), FieldPanel("order")],
            heading=_("Space"),
        ),
        FieldPanel("description"),
        FieldPanel(
            "equipment",
            help_text=_("Keys: projector, screen, whiteboard, videoconf, kitchen, sewing, printer, wifi, sockets."),
        ),
        FieldPanel("accessibility"),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("Opening hours")),
        MultiFieldPanel(
            [
                FieldPanel("slot_minutes"),
                FieldPanel("min_minutes"),
                FieldPanel("max_minutes"),
                FieldPanel("buffer_minutes"),
                FieldPanel("cancel_cutoff_minutes"),
                FieldPanel("requires_approval"),
                FieldPanel("requires_checkin"),
                FieldPanel("closed_on_public_holidays"),
                FieldPanel("is_active"),
            ],
            heading=_("Booking rules"),
        ),
    ]


class MemberGroupViewSet(SnippetViewSet):
    model = MemberGroup
    icon = "group"
    menu_label = _("Member groups")
    list_display = ["name", "booking_window_days", "min_notice_minutes", "weekly_quota_hours"]


class ClosureViewSet(SnippetViewSet):
    model = Closure
    icon = "date"
    menu_label = _("Closures")
    list_display = ["reason", "space", "starts_on", "ends_on"]
    ordering = ["-starts_on"]


class TiersLieuGroup(SnippetViewSetGroup):
    menu_label = _("Tiers-lieu")
    menu_icon = "home"
    menu_order = 210
    items = (SpaceViewSet, MemberGroupViewSet, ClosureViewSet)


register_snippet(TiersLieuGroup)
