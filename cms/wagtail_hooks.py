"""Admin wiring of the public site: a link from each event to its attendance sheet."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .models import EventPage


@hooks.register("register_page_listing_more_buttons")
def event_attendance_button(page, user, next_url=None):
    if page.specific_class is EventPage and page.live and page.url:
        yield Button(_("Attendance sheet"), url=page.url + "attendance/", icon_name="group", priority=35)
