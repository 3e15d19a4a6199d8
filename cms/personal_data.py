"""The public site's data-protection interface (interlab.core.interfaces): event registrations, published stories."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from interlab.core.interfaces import Person, PersonRefs
from interlab.core.inventory import KEPT_BY_EDITORS, PURPOSE_EVENTS, PURPOSE_PUBLIC, STAFF, personal
from interlab.core.models import RetentionAction, RetentionUnit, User
from interlab.core.retention_actions import ActionSpec, Claimed
from interlab.crm import selectors as crm_selectors

from . import services
from .models import EventRegistration

PERSONAL_DATA = [
    personal(
        "cms.EventRegistration",
        "first_name last_name email phone phone_e164 language interpreter_language interpreter_other entrepreneur "
        "attended_at",
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
    "cms.PrivacyPage": "public page: how the incubator handles personal data",
    "cms.ContactSettings": "the incubator's own public address, phone and e-mail, shown in the site's footer",
}


def export(user: User, request: HttpRequest | None = None) -> dict:
    """The event registrations linked to the person's file (never those merely made with its e-mail: anyone can
    type an address, and a file's address is anyone's until it is confirmed)."""
    entrepreneur = crm_selectors.own_file(user)
    if entrepreneur is None:
        return {"event_registrations": []}
    return {"event_registrations": services.registrations_export(entrepreneur_id=entrepreneur.pk)}


def erase(person: Person) -> None:
    """The registrations linked to the file; one made with the same e-mail by someone else is theirs, not this
    person's, and stays."""
    services.registrations_erase(entrepreneur_id=person.entrepreneur_id)


def activity(cutoff: datetime, refs: PersonRefs) -> list[QuerySet]:
    """A registration or an attendance linked to the file."""
    recent = Q(created_at__gte=cutoff) | Q(attended_at__gte=cutoff)
    return [EventRegistration.objects.filter(recent, entrepreneur=refs.entrepreneur)]


def _registrations(cutoff: datetime) -> QuerySet:
    ended = Q(event__ends_at__lt=cutoff) | Q(event__ends_at__isnull=True, event__starts_at__lt=cutoff)
    blanked = Q(
        first_name="",
        last_name="",
        phone="",
        phone_e164="",
        email__endswith="@erased.invalid",
        interpreter_language="",
        interpreter_other="",
    )
    return EventRegistration.objects.filter(ended).exclude(blanked)


def _registration_candidates(cutoff: datetime, claimed: Claimed) -> list[int]:
    # The erasure rule of the same run blanks its people's (linked) registrations: the dry run must not count them
    # here when the real run finds them already blanked.
    rows = _registrations(cutoff).order_by("pk").values_list("pk", "entrepreneur_id")
    return [pk for pk, person in rows.iterator() if person not in claimed.ids]


def _registration_apply(pk: int, cutoff: datetime) -> bool:
    if not _registrations(cutoff).filter(pk=pk).exists():
        return False
    return services.registration_blank(registration_id=pk)


RETENTION = [
    ActionSpec(
        RetentionAction.EVENT_REGISTRATIONS,
        12,
        RetentionUnit.MONTHS,
        30,
        _(
            "Names, e-mail, phone and interpreter request of registrations to events that ended this long ago "
            "are blanked; "
            "the registration and the presence stay for the counts."
        ),
        ngettext_lazy("%(count)s event registration", "%(count)s event registrations", "count"),
        _registration_candidates,
        apply=_registration_apply,
    ),
]
