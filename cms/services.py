"""Writes of the public site: an application opens a CRM file, a registration, attendance to the timeline.

Every write to the CRM goes through interlab.crm.services, with by=None for a visitor.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from interlab.core import mail, sms
from interlab.core.errors import Conflict
from interlab.core.models import ConsentText, User
from interlab.crm import selectors as crm_selectors
from interlab.crm import services as crm
from interlab.crm.models import Entrepreneur, InteractionKind

from . import selectors
from .forms import IntakeForm
from .models import EventPage, EventRegistration, TranslationSync

logger = logging.getLogger(__name__)


class IntakeRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RegistrationRefused(IntakeRefused):
    pass


def consent_text_for(key: str, language: str | None = None) -> ConsentText | None:
    """The latest version of a consent text in the visitor's language, else in French."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    texts = ConsentText.objects.filter(key=key).order_by("-version", "pk")
    return texts.filter(language=language).first() or texts.filter(language=settings.LANGUAGE_CODE).first()


def consent_text_shown(key: str, posted) -> ConsentText | None:
    """The consent text version the form showed (its id travels with the form), if it is one of `key`'s texts.

    A new version published while a visitor fills in the form must not be recorded as agreed: they read the
    one on their screen.
    """
    try:
        pk = int(str(posted or "").strip())
    except ValueError:
        return None
    if not 0 < pk < 2**63:
        return None
    return ConsentText.objects.filter(pk=pk, key=key).first()


def _send(template: str, context: dict, to: str, language: str) -> None:
    """Mail in the person's language after the transaction commits; a mail failure never loses the data."""

    def send():
        try:
            mail.send_templated(f"cms/email/{template}", context, [to], language=language)
        except Exception:  # noqa: BLE001 - the application is saved; the coach will call instead
            logger.exception("confirmation mail %s could not be sent", template)

    transaction.on_commit(send)


def _send_sms(template: str, context: dict, to: str, language: str) -> None:
    """A text message in the person's language after the transaction commits, through the SMS layer (nothing
    when no provider is configured); a failure never loses the registration."""

    def send():
        try:
            with translation.override(language):
                body = " ".join(render_to_string(f"cms/sms/{template}.txt", context).split())
            if not sms.send(to, body):
                logger.warning("confirmation SMS %s was not sent (no provider, or not a phone number)", template)
        except Exception:  # noqa: BLE001 - the registration is saved; the team can still call
            logger.exception("confirmation SMS %s could not be sent", template)

    transaction.on_commit(send)


def confirmation_channel(*, email: str, phone: str) -> str:
    """How a registration is confirmed: "email" with an address, else "sms" when a text message can go out to
    the phone, else "" (the team calls)."""
    if email:
        return "email"
    if phone and sms.is_configured() and sms.normalise_phone(phone):
        return "sms"
    return ""


def intake_submit(
    *,
    consent: ConsentText | None,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    commune: str,
    languages: list[str],
    needs: list[str],
    project_title: str,
    idea: str,
    heard_from: str,
    language: str,
    partner_consent: ConsentText | None = None,
    share_with_partners: bool = False,
) -> Entrepreneur:
    """Open a file for a person who applied on the public site: a person, a project at intake, their consent
    (and, when they ticked it, the optional one to share their name with the partners they are sent to)."""
    if consent is None:
        raise IntakeRefused(_("Applications are not open online right now. Please call or visit us."))
    try:
        with transaction.atomic():
            # Applications queue on the consent text's row: a double click or two tabs sent at once must still
            # see each other, so that the second one is flagged as a possible duplicate of the first.
            ConsentText.objects.select_for_update().filter(pk=consent.pk).values_list("pk").first()
            duplicate = selectors.possible_duplicate(
                first_name=first_name, last_name=last_name, email=email, phone=phone
            )
            person = crm.entrepreneur_create(
                by=None,
                first_name=first_name,
                last_name=last_name,
                email=email,
                phone=phone,
                commune=commune,
                needs=needs,
                languages=[{"code": code} for code in languages],
                project_title=project_title,
            )
            project = person.projects.get()
            if idea:
                crm.project_update(project=project, by=None, description=idea)
            crm.consent_record(entrepreneur=person, text=consent, purposes=list(consent.purposes), by=None)
            if share_with_partners and partner_consent is not None:
                crm.partner_sharing_consent_record(entrepreneur=person, text=partner_consent, by=None)
            if duplicate:
                # The same flag the CRM import sets: never merged automatically, a coach checks.
                crm.entrepreneur_flag_duplicate(entrepreneur=person, of=duplicate)
            with translation.override(settings.LANGUAGE_CODE):
                note = _("Application through the public site, form in %(language)s.") % {
                    "language": dict(settings.LANGUAGES).get(language, language)
                }
                if heard_from:
                    note += " " + _("Heard about InterLab: %(source)s.") % {"source": _heard_label(heard_from)}
            crm.interaction_create(
                entrepreneur=person, by=None, kind=InteractionKind.MESSAGE, note=note, is_private=True, project=project
            )
            crm.applicant_assign(project=project)
    except (ValidationError, Conflict) as exc:
        logger.warning("public application refused by the CRM: %s", exc)
        raise IntakeRefused(_("Your application could not be saved. Please check the form or call us.")) from exc
    if email:
        _send("intake", {"first_name": first_name, "project_title": project_title}, email, language)
    return person


def _heard_label(key: str) -> str:
    return str(dict(IntakeForm.base_fields["heard_from"].choices).get(key, key))


def event_register(
    *,
    event: EventPage,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    language: str,
    interpreter_language: str = "",
    interpreter_other: str = "",
    by: User | None = None,
) -> EventRegistration:
    """Register a person; registering twice with one e-mail, or one phone number however it is written, is
    harmless and answers the same (saying "already registered" would tell anyone whether a number or an address
    is on the list).

    The registration is linked to a CRM file only when the person registers logged in (`by`, their own file):
    a typed e-mail proves nothing, anyone can type anyone's address.
    """
    with transaction.atomic():
        # Lock every language version of the event, so that two last-place registrations cannot both pass.
        list(EventPage.objects.select_for_update().filter(translation_key=event.translation_key).values("pk"))
        same_person = Q(email__iexact=email) if email else Q(pk__in=[])
        phone_e164 = sms.normalise_phone(phone)
        if phone_e164:
            same_person |= Q(phone_e164=phone_e164)
        existing = event.registrations_all_languages().filter(same_person).order_by("pk").first()
        if existing:
            return existing
        if not event.registration_open or event.starts_at <= timezone.now():
            raise RegistrationRefused(_("Registration for this event is closed."))
        if event.places_left() == 0:
            raise RegistrationRefused(_("This event is full. Watch for the next one!"))
        registration = EventRegistration(
            event=event,
            first_name=first_name,
            last_name=last_name,
            email=email,
            phone=phone,
            language=language,
            interpreter_language=interpreter_language,
            interpreter_other=interpreter_other,
            entrepreneur=crm_selectors.own_file(by) if by is not None else None,
        )
        registration.full_clean()
        registration.save()
    context = {
        "first_name": first_name,
        "event": event,
        "starts_at": event.starts_at,
        "place": event.place,
        "registration": registration,
    }
    channel = confirmation_channel(email=email, phone=phone)
    if channel == "email":
        _send("event_registration", context, email, language)
    elif channel == "sms":
        _send_sms("event_registration", context, phone, language)
    return registration


def _workshop_interaction(registration: EventRegistration, by: User):
    """The workshop on the linked person's timeline (None for an unlinked registration or an erased file)."""
    person = registration.entrepreneur
    if person is None or person.erased_at is not None:
        return None  # an erased person gets nothing new on a timeline that no longer exists
    event = registration.event
    minutes = None
    if event.ends_at and event.ends_at > event.starts_at:
        minutes = min(int((event.ends_at - event.starts_at) / timedelta(minutes=1)), 24 * 60)
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Took part in “%(event)s” (%(place)s).") % {"event": event.title, "place": event.place}
    return crm.interaction_create(
        entrepreneur=person,
        by=by,
        kind=InteractionKind.WORKSHOP,
        occurred_at=event.starts_at,
        duration_minutes=minutes,
        note=note,
        is_private=False,
    )


@transaction.atomic
def registration_set_attended(*, registration: EventRegistration, by: User, attended: bool) -> EventRegistration:
    """Record who came. A registration linked to a file puts the workshop on its timeline; unticking removes it."""
    registration = (
        EventRegistration.objects.select_for_update(of=("self",))
        .select_related("event", "entrepreneur")
        .get(pk=registration.pk)
    )
    if attended and registration.attended_at is None:
        registration.attended_at = timezone.now()
        registration.interaction = _workshop_interaction(registration, by)
    elif not attended and registration.attended_at is not None:
        registration.attended_at = None
        if registration.interaction_id:
            # Only the timeline entry this registration created is removed, nothing a coach wrote.
            crm.interaction_delete(interaction_id=registration.interaction_id)
            registration.interaction = None
    registration.save(update_fields=["attended_at", "interaction"])
    return registration


@transaction.atomic
def registration_link(*, registration: EventRegistration, by: User, entrepreneur: Entrepreneur) -> EventRegistration:
    """A coach links a registration to a person's file, having checked it is them: the only link made after the
    registration (never from an e-mail alone). A presence already ticked reaches the timeline now."""
    if not by.is_staff_role:
        raise PermissionError("only coaches and admins link a registration to a file")
    registration = (
        EventRegistration.objects.select_for_update(of=("self",))
        .select_related("event", "entrepreneur")
        .get(pk=registration.pk)
    )
    if registration.entrepreneur_id is not None or entrepreneur.erased_at is not None:
        return registration
    registration.entrepreneur = entrepreneur
    if registration.attended_at is not None and registration.interaction_id is None:
        registration.interaction = _workshop_interaction(registration, by)
    registration.save(update_fields=["entrepreneur", "interaction"])
    return registration


# --- personal data (export, erasure, retention) ---------------------------------------------------------------


def _registrations_of(entrepreneur_id: int | None):
    """Registrations linked to the file. Never those merely made with its e-mail: anyone can type an address, and
    a file's address can be anyone's until it is confirmed."""
    if entrepreneur_id is None:
        return EventRegistration.objects.none()
    return EventRegistration.objects.filter(entrepreneur_id=entrepreneur_id)


def registrations_export(*, entrepreneur_id: int) -> list[dict]:
    rows = _registrations_of(entrepreneur_id).select_related("event")
    return [
        {
            "event": r.event.title,
            "first_name": r.first_name,
            "last_name": r.last_name,
            "email": r.email,
            "phone": r.phone,
            "language": r.language,
            "interpreter_language": r.interpreter_language,
            "interpreter_other": r.interpreter_other,
            "registered_at": r.created_at,
            "attended_at": r.attended_at,
        }
        for r in rows.order_by("created_at", "pk")
    ]


@transaction.atomic
def registration_blank(*, registration_id: int) -> bool:
    """Blank one event registration as erasure does: the row (a seat, a presence) stays for the counts."""
    return bool(
        EventRegistration.objects.filter(pk=registration_id).update(
            first_name="",
            last_name="",
            phone="",
            phone_e164="",
            email=f"erased-{registration_id}@erased.invalid",
            interpreter_language="",
            interpreter_other="",
        )
    )


@transaction.atomic
def registrations_erase(*, entrepreneur_id: int) -> int:
    """A person's erasure: the registrations linked to their file are blanked."""
    ids = list(_registrations_of(entrepreneur_id).values_list("pk", flat=True))
    return sum(registration_blank(registration_id=pk) for pk in ids)


def translation_sync_record(*, page: Page) -> TranslationSync | None:
    """A translation was published: it now follows the French source's live revision (clears "needs update").

    Called on every publish (cms.apps wires it to Wagtail's page_published); French pages, aliases (Wagtail
    republishes them with their source) and pages without a live French source record nothing.
    """
    source_locale = selectors.source_locale()
    if page.alias_of_id or page.locale_id == source_locale.pk:
        return None
    source = Page.objects.filter(translation_key=page.translation_key, locale=source_locale, live=True).first()
    if source is None:
        return None
    sync, _created = TranslationSync.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "source_revision_id": source.live_revision_id,
            "source_published_at": source.last_published_at,
            "synced_at": timezone.now(),
        },
    )
    return sync
