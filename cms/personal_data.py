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

NOT_PERSONAL = {
    "cms.EventIndexPage": _("public page"),
    "cms.EventPage": _("public page about an event"),
    "cms.IntakeFormPage": _("public page of the application form"),
    "cms.HomePage": _("public page"),
    "cms.ProgrammePage": _("public page"),
    "cms.GuideIndexPage": _("public page"),
    "cms.GuidePage": _("public page"),
    "cms.StoryIndexPage": _("public page"),
    "cms.PartnerDirectoryPage": _("public page"),
    "cms.TiersLieuPage": _("public page about the tiers-lieu"),
}
