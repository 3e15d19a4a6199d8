"""Admin wiring of the public site: attendance sheets of events, and translations whose French source changed."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from interlab.core.formatting import format_day

from . import selectors
from .admin_views import TranslationsToUpdateView
from .models import EventPage


@hooks.register("register_page_listing_more_buttons")
def event_attendance_button(page, user, next_url=None):
    if page.specific_class is EventPage and page.live and page.url:
        yield Button(gettext_lazy("Attendance sheet"), url=page.url + "attendance/", icon_name="group", priority=35)


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [
        path("reports/translations-to-update/", TranslationsToUpdateView.as_view(), name="cms_translations_to_update"),
        path(
            "reports/translations-to-update/results/",
            TranslationsToUpdateView.as_view(results_only=True),
            name="cms_translations_to_update_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return MenuItem(
        gettext_lazy("Translations to update"),
        reverse("cms_translations_to_update"),
        name="translations-to-update",
        icon_name="globe",
        order=1150,
    )


@hooks.register("before_edit_page")
def warn_when_the_french_changed(request, page):
    """On opening a translation whose French page was published again since: say so, with a link to the French."""
    if request.method != "GET":
        return None
    outdated = selectors.translation_behind_source(page)
    if outdated is not None:
        messages.warning(
            request,
            _(
                "The French version of this page changed on %(date)s, after this translation was published. "
                "Bring the translation up to date, then publish it."
            )
            % {"date": format_day(outdated.changed_at, "long")},
            buttons=[
                messages.button(
                    reverse("wagtailadmin_pages:edit", args=[outdated.source.pk]), _("Open the French version")
                )
            ],
        )
    return None
