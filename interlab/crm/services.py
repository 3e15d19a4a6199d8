"""Every write of the pipeline that has rules: one function per use case, each in a transaction."""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interlab.core import accounts, interfaces, mail, uploads
from interlab.core import services as core_services
from interlab.core.errors import Conflict, Forbidden
from interlab.core.interfaces import Person
from interlab.core.models import Consent, ConsentText, Invitation, InvitationKind, Role, User
from interlab.core.notifications import notify
from interlab.core.services import sensitive_read_log
from interlab.core.storage import delete_after_commit

from . import board, selectors
from .choices import ANSWERS_FROM, PARTNER_SHARING_PURPOSE, ReferralDirection, ReferralOutcome
from .models import (
    Document,
    DocumentRequest,
    Entrepreneur,
    IntakeRota,
    Interaction,
    Partner,
    Project,
    Referral,
    SensitiveProfile,
    SpokenLanguage,
    Stage,
    StageTransition,
    Task,
)
from .selectors import SENSITIVE_FIELDS
from .signals import residence_cleared

ENTREPRENEUR_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "commune",
    "arrival_year",
    "skills",
    "needs",
    "gender",
    "birth_year",
)
PROJECT_FIELDS = ("title", "description", "sector", "nace_code", "legal_form", "coach", "cohort", "programme")
# A new e-mail address is confirmed from its own mailbox, through a signed link that lasts this long.
EMAIL_CONFIRM_SALT = "interlab.crm.email-confirm"
EMAIL_CONFIRM_MAX_AGE = timedelta(days=3)

logger = logging.getLogger(__name__)


def _languages_set(entrepreneur: Entrepreneur, languages: Iterable) -> None:
    """Replace the spoken languages; each item is a code ("ar") or {"code": "ar", "level": "B1"}."""
    rows: dict[str, str] = {}
    for item in languages:
        code, level = (item, "") if isinstance(item, str) else (item.get("code", ""), item.get("level") or "")
        code = (code or "").strip().lower()
        row = SpokenLanguage(entrepreneur=entrepreneur, code=code, level=level)
        row.full_clean(exclude=["entrepreneur"], validate_unique=False)
        rows[code] = level
    SpokenLanguage.objects.filter(entrepreneur=entrepreneur).exclude(code__in=rows).delete()
    existing = {sl.code: sl for sl in SpokenLanguage.objects.filter(entrepreneur=entrepreneur)}
    for code, level in rows.items():
        if code in existing:
            if existing[code].level != level:
                existing[code].level = level
                existing[code].save(update_fields=["level"])
        else:
            SpokenLanguage.objects.create(entrepreneur=entrepreneur, code=code, level=level)


def first_stage() -> Stage:
    stage = Stage.objects.filter(is_exit=False).order_by("order", "id").first()
    if stage is None:
        raise Conflict(_("No pipeline stage is configured yet."), code="no_stages")
    return stage


@transaction.atomic
def entrepreneur_create(
    *,
    by: User | None,
    languages: Iterable = (),
    project_title: str = "",
    sensitive: dict | None = None,
    **fields,
) -> Entrepreneur:
    """Create a person, optionally with a first project in the intake stage."""
    unknown = set(fields) - set(ENTREPRENEUR_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    entrepreneur = Entrepreneur(**fields)
    entrepreneur.full_clean()
    entrepreneur.save()
    _languages_set(entrepreneur, languages)
    if sensitive:
        sensitive_profile_update(entrepreneur=entrepreneur, by=by, **sensitive)
    if project_title:
        project_create(
            entrepreneur=entrepreneur, by=by, title=project_title, coach=by if by and by.is_staff_role else None
        )
    return entrepreneur


@transaction.atomic
def entrepreneur_update(*, entrepreneur: Entrepreneur, by: User | None, languages=None, **fields) -> Entrepreneur:
    """Edit a person's details. A new e-mail address may only wait for confirmation (see `_email_change`)."""
    unknown = set(fields) - set(ENTREPRENEUR_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    email = fields.pop("email", None)
    for name, value in fields.items():
        setattr(entrepreneur, name, value)
    confirm = _email_change(entrepreneur, by, email) if email is not None else False
    entrepreneur.full_clean()
    entrepreneur.save()
    if languages is not None:
        _languages_set(entrepreneur, languages)
    if confirm:
        _email_confirm_send(entrepreneur)
    return entrepreneur


def email_change_needs_confirmation(entrepreneur: Entrepreneur, by: User | None) -> bool:
    """Whether a new address waits for confirmation from its mailbox before it replaces the file's one.

    A person with a login owns their address: whoever types a new one (they, or a coach for them), it must be
    confirmed from that mailbox, or anyone could make a file answer to someone else's address. A file without a
    login has no mailbox to confirm from: the coach who types its address answers for it, and nothing is linked
    to the file by that address alone (event registrations are linked by a verified link only).
    """
    if entrepreneur.user_id is not None:
        return True
    return by is not None and not by.is_staff_role


def _email_change(entrepreneur: Entrepreneur, by: User | None, email: str) -> bool:
    """Apply a typed address, or keep it pending; True when a confirmation link must be sent."""
    email = (email or "").strip()
    if email.lower() == (entrepreneur.email or "").lower():
        entrepreneur.email_pending = ""  # back to the address held: a pending change is dropped
        return False
    if not email or not email_change_needs_confirmation(entrepreneur, by):
        # Removing the address links nothing to anyone; a coach's address for a file without a login is theirs.
        entrepreneur.email, entrepreneur.email_pending = email, ""
        return False
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if email.lower() == entrepreneur.email_pending.lower():
        return False  # the link already sent still works; a repeated save does not mail again
    entrepreneur.email_pending = email
    return True


def email_confirm_token(entrepreneur: Entrepreneur) -> str:
    """A signed link for the address pending on the file: it names the file and the address, and expires."""
    return signing.dumps(
        {"file": entrepreneur.pk, "email": entrepreneur.email_pending.lower()}, salt=EMAIL_CONFIRM_SALT
    )


def _email_confirm_send(entrepreneur: Entrepreneur) -> None:
    """Mail the confirmation link to the new address once the change is committed (never to the old one)."""
    context = {
        "first_name": entrepreneur.first_name,
        "email": entrepreneur.email_pending,
        "url": settings.SITE_URL + reverse("crm:email_confirm", args=[email_confirm_token(entrepreneur)]),
        "days": EMAIL_CONFIRM_MAX_AGE.days,
    }
    to = entrepreneur.email_pending
    language = translation.get_language() or settings.LANGUAGE_CODE

    def send():
        try:
            mail.send_templated("crm/email/email_confirm", context, [to], language=language)
        except Exception:  # noqa: BLE001 - the change stays pending; saving the address again sends a new link
            logger.exception("e-mail confirmation link could not be sent")

    transaction.on_commit(send)


class EmailConfirmRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def entrepreneur_email_confirm(*, token: str, user: User) -> Entrepreneur:
    """The new address replaces the old one: the link is genuine, fresh, for the address still pending on the
    file, and opened by the file's own login (a link forwarded to someone else confirms nothing)."""
    try:
        data = signing.loads(token, salt=EMAIL_CONFIRM_SALT, max_age=EMAIL_CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise EmailConfirmRefused(
            _("This confirmation link has expired. Enter the new address again to receive a new link.")
        ) from None
    except signing.BadSignature:
        raise EmailConfirmRefused(_("This confirmation link is not valid.")) from None
    file_id, email = (data.get("file"), data.get("email")) if isinstance(data, dict) else (None, None)
    entrepreneur = (
        Entrepreneur.objects.active().select_for_update().filter(pk=file_id).first() if file_id and email else None
    )
    if entrepreneur is None or entrepreneur.user_id is None or entrepreneur.user_id != user.pk:
        raise EmailConfirmRefused(_("This confirmation link is not valid."))
    if entrepreneur.email_pending.lower() != str(email).lower():
        raise EmailConfirmRefused(_("This confirmation link was already used or replaced by a newer one."))
    entrepreneur.email, entrepreneur.email_pending = entrepreneur.email_pending, ""
    entrepreneur.full_clean()
    entrepreneur.save(update_fields=["email", "email_pending"])
    return entrepreneur


# --- a login for the person: invitation, the code for a new password, the link to the file ----------------------


def _file_for_login(entrepreneur: Entrepreneur) -> Entrepreneur:
    fresh = Entrepreneur.objects.active().select_for_update().filter(pk=entrepreneur.pk).first()
    if fresh is None:
        raise Conflict(_("This file was erased."), code="erased")
    return fresh


@transaction.atomic
def entrepreneur_invite(*, entrepreneur: Entrepreneur, by: User | None, by_email: bool) -> tuple[Invitation, str]:
    """Invites the person of a file without a login: by e-mail to the file's address, or with a code the coach
    prints or texts. Any earlier invitation of the file dies (re-sending is inviting again). Returns the
    invitation and its code, to show once.

    The new login gets the address only when the code was mailed there: using the code proves the mailbox,
    an address typed on a form proves nothing (it would let a reset link go to someone else).
    """
    fresh = _file_for_login(entrepreneur)
    if fresh.user_id is not None:
        raise Conflict(_("%(name)s already has a login.") % {"name": fresh.full_name}, code="has_login")
    if by_email and not fresh.email:
        raise Conflict(_("This file has no e-mail address: print a code instead."), code="no_email")
    return accounts.invitation_issue(
        by=by,
        role=Role.ENTREPRENEUR,
        first_name=fresh.first_name,
        last_name=fresh.last_name,
        email=fresh.email if by_email else "",
        target=fresh,
        language=selectors.file_language(fresh),
    )


@transaction.atomic
def entrepreneur_reset_code(*, entrepreneur: Entrepreneur, by: User | None) -> tuple[Invitation, str]:
    """A one-time code for a new password, for a person who has a login and no e-mail to receive a reset link."""
    fresh = _file_for_login(entrepreneur)
    if fresh.user is None or not fresh.user.is_active:
        raise Conflict(_("%(name)s has no login yet: invite them.") % {"name": fresh.full_name}, code="no_login")
    return accounts.reset_code_issue(by=by, user=fresh.user)


@transaction.atomic
def entrepreneur_invitations_revoke(*, entrepreneur: Entrepreneur, by: User | None) -> int:
    """Every code still live for the file dies: its invitation, and a new-password code of its login."""
    revoked = 0
    for invitation in accounts.invitations_for(entrepreneur).filter(kind=InvitationKind.INVITE):
        revoked += accounts.invitation_revoke(invitation=invitation, by=by)
    if entrepreneur.user_id:
        for invitation in Invitation.objects.live().filter(kind=InvitationKind.RESET, user_id=entrepreneur.user_id):
            revoked += accounts.invitation_revoke(invitation=invitation, by=by)
    return revoked


@transaction.atomic
def entrepreneur_login_link(*, entrepreneur_id: int, user: User) -> Entrepreneur:
    """The login made with the file's invitation becomes the file's (core.signals.invitation_accepted)."""
    entrepreneur = Entrepreneur.objects.active().select_for_update().filter(pk=entrepreneur_id).first()
    if entrepreneur is None:
        raise Conflict(_("The file this invitation was for no longer exists."), code="gone")
    if entrepreneur.user_id is not None and entrepreneur.user_id != user.pk:
        raise Conflict(_("This file already has a login: ask your coach."), code="has_login")
    entrepreneur.user = user
    entrepreneur.save(update_fields=["user", "updated_at"])
    return entrepreneur


@transaction.atomic
def sensitive_profile_update(*, entrepreneur: Entrepreneur, by: User | None, **fields) -> SensitiveProfile:
    profile, _created = SensitiveProfile.objects.get_or_create(entrepreneur=entrepreneur)
    for name in ("country_of_origin", "residence_situation", "residence_valid_until"):
        if name in fields:
            setattr(profile, name, fields[name] if fields[name] is not None else "")
    if profile.residence_valid_until == "":
        profile.residence_valid_until = None
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def project_create(*, entrepreneur: Entrepreneur, by: User | None, title: str, **fields) -> Project:
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    stage = first_stage()
    now = timezone.now()
    project = Project(
        entrepreneur=entrepreneur, title=title, stage=stage, stage_entered_at=now, created_at=now, **fields
    )
    project.full_clean()
    project.save()
    StageTransition.objects.create(project=project, from_stage=None, to_stage=stage, at=now, by=by, reason="")
    return project


@transaction.atomic
def applicant_assign(*, project: Project) -> User | None:
    """Give a new applicant's project a coach by the intake rota (crm.models.IntakeRota), and tell that coach.

    A coach on the rota who speaks one of the person's languages or covers their commune comes first; else the
    rota's coach served longest ago (round robin). Nobody on the rota: the project stays unassigned, and shows
    as such on the board and in every coach's digest.
    """
    person = project.entrepreneur
    # Two applications at once must not both go to the same "longest ago" coach: the rota rows are locked.
    rota = list(IntakeRota.objects.taking().select_for_update(of=("self",)).order_by("pk"))
    if not rota:
        return None
    spoken = set(person.spoken_languages.values_list("code", flat=True))
    commune = person.commune.strip().casefold()
    matching = [
        entry
        for entry in rota
        if spoken & set(entry.languages) or (commune and commune in {str(c).strip().casefold() for c in entry.communes})
    ]
    entry = min(
        matching or rota,
        key=lambda e: (e.last_assigned_at is not None, e.last_assigned_at or timezone.now(), e.pk),
    )
    entry.last_assigned_at = timezone.now()
    entry.save(update_fields=["last_assigned_at"])
    project.coach = entry.coach
    project.save(update_fields=["coach"])
    notify(
        entry.coach,
        "crm.applicant_assigned",
        subject=gettext_lazy("New applicant for you: %(person)s"),
        body=gettext_lazy(
            "%(person)s applied on the public site (%(project)s) and is now yours to follow. Contact them soon."
        ),
        context={"person": person.full_name, "project": project.title},
        url=person.get_absolute_url(),
        about=person,
    )
    return entry.coach


@transaction.atomic
def project_update(*, project: Project, by: User | None, **fields) -> Project:
    """Edit a project's details. The stage is not a field here: only project_move changes it."""
    if "stage" in fields:
        raise TypeError("use project_move to change the stage")
    fields = {k: v for k, v in fields.items() if k in (*PROJECT_FIELDS, "enterprise_number")}
    for name, value in fields.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    return project


def transition_allowed(from_stage: Stage, to_stage: Stage) -> bool:
    """Allowed moves are data: the stage's next stages, plus any exit stage from an ordinary stage."""
    if from_stage.pk == to_stage.pk:
        return False
    if to_stage.is_exit and not from_stage.is_exit:
        return True
    return from_stage.next_stages.filter(pk=to_stage.pk).exists()


@dataclass(frozen=True)
class MoveRefused:
    code: str
    message: str


def project_move_check(*, project: Project, to_stage: Stage, reason: str = "") -> MoveRefused | None:
    if not transition_allowed(project.stage, to_stage):
        return MoveRefused(
            "transition_not_allowed",
            _("A project cannot go from “%(from)s” to “%(to)s”.") % {"from": project.stage, "to": to_stage},
        )
    if to_stage.requires_reason and not reason.strip():
        return MoveRefused("reason_required", _("Say why the project goes to “%(to)s”.") % {"to": to_stage})
    if to_stage.requires_enterprise_number and not project.enterprise_number:
        return MoveRefused(
            "enterprise_number_required",
            _("“%(to)s” needs the enterprise number (BCE/KBO) of the project first.") % {"to": to_stage},
        )
    return None


@transaction.atomic
def project_move(*, project: Project, to_stage: Stage, by: User | None, reason: str = "") -> StageTransition:
    """The only way a project changes stage: validate the rules, then record the event."""
    # Lock the row so two coaches moving the same card at once cannot both record a move from one stage.
    project = Project.objects.select_for_update().select_related("stage").get(pk=project.pk)
    refused = project_move_check(project=project, to_stage=to_stage, reason=reason)
    if refused:
        raise Conflict(refused.message, code=refused.code)
    now = timezone.now()
    event = StageTransition.objects.create(
        project=project, from_stage=project.stage, to_stage=to_stage, at=now, by=by, reason=reason.strip()
    )
    Project.objects.filter(pk=project.pk).update(stage=to_stage, stage_entered_at=now)
    board.changed()
    return event


move_project = project_move  # the name ARCHITECTURE.md uses


@transaction.atomic
def partner_ensure(*, name: str, **fields) -> Partner:
    """A partner organisation by its name, created with these details when it is not there yet."""
    partner, _created = Partner.objects.get_or_create(name=name, defaults=fields)
    return partner


@transaction.atomic
def entrepreneur_flag_duplicate(*, entrepreneur: Entrepreneur, of: Entrepreneur) -> None:
    """Flag a file as a possible duplicate of another: never merged automatically, a coach checks."""
    Entrepreneur.objects.filter(pk=entrepreneur.pk).update(possible_duplicate_of=of)
    board.changed()


def interaction_delete(*, interaction_id: int) -> int:
    """Remove one timeline entry (e.g. a workshop attendance that was unticked); returns how many went."""
    deleted, _by_model = Interaction.objects.filter(pk=interaction_id).delete()
    return deleted


@transaction.atomic
def interaction_create(*, entrepreneur: Entrepreneur, by: User | None, **fields) -> Interaction:
    interaction = Interaction(entrepreneur=entrepreneur, by=by, **fields)
    interaction.full_clean()
    interaction.save()
    return interaction


@transaction.atomic
def task_create(*, entrepreneur: Entrepreneur, by: User | None, **fields) -> Task:
    task = Task(entrepreneur=entrepreneur, created_by=by, **fields)
    if task.for_entrepreneur and task.assignee is None and entrepreneur.user_id:
        task.assignee_id = entrepreneur.user_id
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_set_done(*, task: Task, by: User | None, done: bool = True) -> Task:
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at"])
    return task


@transaction.atomic
def referral_create(*, entrepreneur: Entrepreneur, partner: Partner, by: User | None, **fields) -> Referral:
    referral = Referral(entrepreneur=entrepreneur, partner=partner, by=by, **fields)
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_set_outcome(*, referral: Referral, outcome: str, by: User | None) -> Referral:
    referral.outcome = outcome
    referral.closed_on = None if outcome == "pending" else timezone.localdate()
    referral.full_clean()
    referral.save(update_fields=["outcome", "closed_on"])
    if outcome != ReferralOutcome.PENDING:
        referral_answered_notify(referral=referral, by=by)
    return referral


ANSWER_NOTE_MAX = 2000


@transaction.atomic
def referral_answer(*, referral: Referral, by: User, outcome: str, note: str = "", on: date | None = None) -> Referral:
    """A partner organisation answers a referral sent to it: accepted, declined or done, on a date, with a note
    for the coach. The coach is told, and sees it on the person's timeline; the needs report counts the outcome."""
    referral = Referral.objects.select_for_update().select_related("partner", "entrepreneur").get(pk=referral.pk)
    if not (
        by.is_active
        and by.role == Role.PARTNER
        and referral.direction == ReferralDirection.OUT
        and referral.partner.users.filter(pk=by.pk).exists()
    ):
        raise Forbidden(_("Only the partner organisation the person was referred to can answer."), code="not_partner")
    allowed = ANSWERS_FROM.get(referral.outcome, ())
    if outcome not in allowed:
        if outcome not in ReferralOutcome.values:
            raise ValidationError({"status": _("Unknown answer.")})
        raise Conflict(
            _("This referral is “%(current)s”: it cannot become “%(answer)s”.")
            % {"current": referral.get_outcome_display(), "answer": ReferralOutcome(outcome).label},
            code="referral_closed" if not allowed else "answer_not_allowed",
            outcome=referral.outcome,
        )
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({"date": _("The date of the outcome cannot be in the future.")})
    if on < referral.referred_on:
        raise ValidationError({"date": _("The date of the outcome cannot be before the referral.")})
    note = (note or "").strip()
    if len(note) > ANSWER_NOTE_MAX:
        raise ValidationError({"note": _("Keep the note under %(n)s characters.") % {"n": ANSWER_NOTE_MAX}})
    if referral.outcome == ReferralOutcome.PENDING:
        # The first answer closes the wait the needs report measures (days from referral to an answer).
        referral.closed_on = on
    referral.outcome = outcome
    referral.outcome_on = on
    referral.answer_note = note
    referral.answered_at = timezone.now()
    referral.answered_by = by
    referral.full_clean()
    referral.save(update_fields=["outcome", "outcome_on", "closed_on", "answer_note", "answered_at", "answered_by"])
    referral_answered_notify(referral=referral, by=by)
    return referral


def referral_answered_notify(*, referral: Referral, by: User | None) -> list:
    """Tell whoever made the referral that it was answered (the partner's answer, or a colleague's record of it);
    when its author is gone, the coaches of the person's projects. Nobody is told of their own answer.
    The partner portal calls this too, once a partner answers."""
    person = referral.entrepreneur
    recipients = [referral.by] if referral.by is not None and referral.by.is_active else []
    if not recipients:
        recipients = list({p.coach for p in person.projects.select_related("coach") if p.coach})
    context = {
        "partner": referral.partner.name,
        "purpose": referral.purpose,
        "person": f"{person.first_name} {person.last_name}".strip(),
        "outcome": ReferralOutcome(referral.outcome).label,
        "note": getattr(referral, "answer_note", "") or "",
    }
    told = []
    for recipient in recipients:
        if by is not None and recipient.pk == by.pk:
            continue
        told.append(
            notify(
                recipient,
                "crm.referral_answered",
                subject=gettext_lazy("%(partner)s answered a referral: %(outcome)s"),
                body=(
                    gettext_lazy(
                        "The referral of %(person)s to %(partner)s (%(purpose)s) is now: %(outcome)s. "
                        "Their note: %(note)s"
                    )
                    if context["note"]
                    else gettext_lazy("The referral of %(person)s to %(partner)s (%(purpose)s) is now: %(outcome)s.")
                ),
                context=context,
                url=person.get_absolute_url(),
                about=person,
            )
        )
    return [n for n in told if n is not None]


@transaction.atomic
def document_request_create(*, entrepreneur: Entrepreneur, by: User | None, **fields) -> DocumentRequest:
    request = DocumentRequest(entrepreneur=entrepreneur, requested_by=by, **fields)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def document_upload(
    *,
    entrepreneur: Entrepreneur,
    by: User | None,
    uploaded,
    title: str = "",
    request: DocumentRequest | None = None,
    is_shared: bool = True,
    residence_document: bool = False,
) -> Document:
    """Keep a person's file privately, once it passed the upload check (core.uploads) that every personal
    file goes through; a caller that already checked it (a dossier's annex) hands over the CheckedUpload."""
    checked = uploaded if isinstance(uploaded, uploads.CheckedUpload) else uploads.check_upload(uploaded)
    data = checked.data
    document = Document(
        entrepreneur=entrepreneur,
        request=request,
        title=(title or (request.title if request else "") or checked.name or _("Document"))[:200],
        original_name=checked.name[:255],
        content_type=checked.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=by,
        is_shared=is_shared,
        # What answers a request for a residence document is one, whoever uploads it.
        residence_document=residence_document or bool(request and request.residence_document),
    )
    document.file.save("upload", ContentFile(data), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def consent_record(*, entrepreneur: Entrepreneur, text: ConsentText, purposes: list[str], by: User | None) -> Consent:
    """The person's consent, kept by core (core.services.consent_record)."""
    return core_services.consent_record(entrepreneur=entrepreneur, text=text, purposes=purposes, by=by)


def partner_sharing_consent_record(*, entrepreneur: Entrepreneur, text: ConsentText, by: User | None) -> Consent:
    """The person agrees that the partner organisations they are referred to see their name and contact, on
    the exact text they read (on the public form, or read to them by a coach who records it on the file)."""
    return consent_record(entrepreneur=entrepreneur, text=text, purposes=[PARTNER_SHARING_PURPOSE], by=by)


@transaction.atomic  # all of it or nothing: a half-erased file is worse than either
def entrepreneur_erase(*, entrepreneur: Entrepreneur, by: User | None) -> Entrepreneur:
    """GDPR erasure: the person is gone; what counts for anonymous aggregates stays.

    Every app erases its own part through its data-protection interface (`personal_data.erase`, see
    interlab.core.interfaces): mentoring pairs, dossiers, bookings and event registrations follow the person
    out, their counts stay; the pipeline's own part is `file_erase` below, the login's is core's.
    """
    if entrepreneur.erased_at:
        return entrepreneur
    person = Person(
        entrepreneur_id=entrepreneur.pk,
        entrepreneur=entrepreneur,
        user=entrepreneur.user,
        email=entrepreneur.email,
        by=by,
    )
    interfaces.erase(person)
    entrepreneur.refresh_from_db()
    return entrepreneur


def file_erase(person: Person) -> None:
    """The pipeline's part of an erasure (called through crm.personal_data.erase).

    Kept: stage events, project stage, sector, legal form, programme and cohort, commune, needs, gender,
    a five-year birth band (ESF+ breakdowns and the needs report, never shown below five) and a five-year
    arrival band (mentoring counts local–newcomer ties on it). Gone: names, contact, free text, languages,
    the exact arrival year, sensitive profile, documents (files deleted) and the link to the login.
    """
    entrepreneur = Entrepreneur.objects.get(pk=person.entrepreneur_id)
    # Files go only once the erasure is committed: a rollback must not leave rows pointing at nothing.
    for document in entrepreneur.documents.all():
        storage, name = document.file.storage, document.file.name
        delete_after_commit(storage, name)
    entrepreneur.documents.all().delete()
    entrepreneur.spoken_languages.all().delete()
    entrepreneur.document_requests.all().delete()
    SensitiveProfile.objects.filter(entrepreneur=entrepreneur).delete()
    entrepreneur.interactions.update(note="")
    entrepreneur.tasks.update(title="—", description="")
    entrepreneur.referrals.update(note="", purpose="—", answer_note="")
    entrepreneur.projects.update(title="—", search_text="", description="", enterprise_number="")
    board.changed()  # the name and the titles, gone from the cards
    StageTransition.objects.filter(project__entrepreneur=entrepreneur).update(reason="")
    Entrepreneur.objects.filter(pk=entrepreneur.pk).update(
        first_name="",
        last_name="",
        email="",
        email_pending="",
        phone="",
        phone_e164="",
        skills="",
        search_text="",
        user=None,
        possible_duplicate_of=None,
        # A newcomer stays a newcomer in the mentoring figures (bridging ties), without the exact year.
        arrival_year=(entrepreneur.arrival_year // 5 * 5) if entrepreneur.arrival_year else None,
        # Five-year bands are all the age breakdowns need, and they no longer single anyone out.
        birth_year=(entrepreneur.birth_year // 5 * 5) if entrepreneur.birth_year else None,
        erased_at=timezone.now(),
    )


@transaction.atomic
def sensitive_profile_clear(*, entrepreneur: Entrepreneur) -> bool:
    """Drop residence situation, origin and residence documents (the retention schedule); the file stays. False if
    none was held.

    Apps that keep a copy of the residence situation (the dossiers' reminder date) listen to
    `residence_cleared` and forget it in the same transaction.
    """
    deleted, _by_model = SensitiveProfile.objects.filter(entrepreneur=entrepreneur).delete()
    permits = Document.objects.filter(entrepreneur=entrepreneur, residence_document=True)
    for document in permits:
        delete_after_commit(document.file.storage, document.file.name)
    permits_deleted, _by_model = permits.delete()
    residence_cleared.send(sender=Entrepreneur, entrepreneur=entrepreneur)
    return bool(deleted or permits_deleted)


@transaction.atomic
def document_read(*, user: User, document: Document, context: str) -> Document:
    """A document about to be served: a residence document reveals the residence situation, so its read is
    logged (who may see the document at all is the selector's `document_get`)."""
    if document.residence_document:
        sensitive_read_log(
            user=user, entrepreneur_id=document.entrepreneur_id, fields=["residence_document"], context=context
        )
    return document


@transaction.atomic
def sensitive_profile_read(*, user: User, entrepreneur: Entrepreneur, context: str) -> SensitiveProfile | None:
    """Residence situation and origin for a page or the API: coaches and admins only; every read is logged."""
    if not user.is_staff_role:
        return None
    profile = selectors.sensitive_profile_get(user, entrepreneur)
    sensitive_read_log(user=user, entrepreneur_id=entrepreneur.pk, fields=SENSITIVE_FIELDS, context=context)
    return profile
