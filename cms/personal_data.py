"""Personal data held by the public site, for the data inventory (interlab.core.inventory)."""

from django.utils.translation import gettext_lazy as _

from interlab.core.inventory import KEPT_BY_EDITORS, PURPOSE_EVENTS, PURPOSE_PUBLIC, STAFF, personal
from interlab.core.models import RetentionAction

PERSONAL_DATA = [
    personal(
        "cms.EventRegistration",
        "first_name last_name email phone language entrepreneur attended_at",
        purpose=PURPOSE_EVENTS,
        seen_by=STAFF,
        retention=RetentionAction.EVENT_REGISTRATIONS,
    ),
    personal(
        "cms.StoryPage",
        "person business quote body",
        purpose=PURPOSE_PUBLIC,
        seen_by=(_("everyone"),),
        retention=KEPT_BY_EDITORS,
    ),
]

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "cms.EventIndexPage": "public page",
    "cms.EventPage": "public page about an event",
    "cms.IntakeFormPage": "public page of the application form",
    "cms.HomePage": "public page",
    "cms.ProgrammePage": "public page",
    "cms.GuideIndexPage": "public page",
    "cms.GuidePage": "public page",
    "cms.StoryIndexPage": "public page",
    "cms.PartnerDirectoryPage": "public page",
    "cms.TiersLieuPage": "public page about the tiers-lieu",
}
