"""The pipeline's data-protection interface (interlab.core.interfaces): the person's file and all it holds."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from interlab.core.interfaces import ExportFile, Person, PersonRefs
from interlab.core.inventory import (
    ADMIN_ONLY,
    KEPT_AS_AUTHOR,
    PURPOSE_AUTHOR,
    PURPOSE_IDENTITY,
    PURPOSE_PATH,
    STAFF,
    STAFF_AND_SELF,
    personal,
)
from interlab.core.models import RetentionAction, RetentionUnit, Role, User
from interlab.core.retention_actions import ActionSpec, Claimed, bulk_rule
from interlab.core.services import sensitive_read_log

from . import selectors, services
from .models import (
    Document,
    DocumentRequest,
    Entrepreneur,
    ImportBatch,
    Interaction,
    Referral,
    SensitiveProfile,
    StageTransition,
    Task,
)

FILE = RetentionAction.ENTREPRENEUR_INACTIVE

# Fields whose every read is logged (core's read log names them, never their values), and where the reads happen.
READ_LOGGED = [f"crm.SensitiveProfile.{name}" for name in selectors.SENSITIVE_FIELDS] + [
    "crm.Document.residence_document"
]
READ_CONTEXTS = {
    "page:sensitive": _("file page: residence and origin"),
    "api:entrepreneur_detail": _("API: one entrepreneur's file"),
    "page:document_download": _("download of a residence document"),
}
# The model of a person: a link to it is personal data wherever it stands (the inventory's check).
PERSON_MODEL = "crm.Entrepreneur"

PERSONAL_DATA = [
    personal(
        "crm.Entrepreneur",
        "user first_name last_name email email_pending phone",
        purpose=PURPOSE_IDENTITY,
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "crm.Entrepreneur",
        "search_text phone_e164",
        purpose=_("find a person by name, e-mail or phone"),
        seen_by=STAFF,
        retention=FILE,
    ),
    personal(
        "crm.Entrepreneur",
        "possible_duplicate_of",
        purpose=_("avoid two files for one person"),
        seen_by=STAFF,
        retention=FILE,
    ),
    personal("crm.Entrepreneur", "skills", purpose=PURPOSE_PATH, seen_by=STAFF_AND_SELF, retention=FILE),
    personal(
        "crm.Entrepreneur",
        "needs commune gender birth_year arrival_year",
        purpose=_("follow the person's path; anonymous figures for funders and the needs report"),
        seen_by=STAFF_AND_SELF,
        retention=_("kept anonymously after erasure for the figures; years of birth and arrival as five-year bands"),
    ),
    personal(
        "crm.SpokenLanguage", "entrepreneur code level", purpose=PURPOSE_PATH, seen_by=STAFF_AND_SELF, retention=FILE
    ),
    personal(
        "crm.SensitiveProfile",
        "entrepreneur country_of_origin residence_situation residence_valid_until",
        purpose=_("check the right to work as self-employed and the professional card; third-country count"),
        seen_by=STAFF_AND_SELF,
        retention=RetentionAction.SENSITIVE_PROFILE_INACTIVE,
        sensitive=True,
    ),
    personal(
        "crm.Project",
        "entrepreneur title description enterprise_number",
        purpose=PURPOSE_PATH,
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "crm.Project",
        "search_text",
        purpose=_("find a person by the title of their project"),
        seen_by=STAFF,
        retention=FILE,
    ),
    personal("crm.Project", "coach", purpose=PURPOSE_PATH, seen_by=STAFF_AND_SELF, retention=KEPT_AS_AUTHOR),
    personal("crm.StageTransition", "reason", purpose=PURPOSE_PATH, seen_by=STAFF_AND_SELF, retention=FILE),
    personal("crm.StageTransition", "by", purpose=PURPOSE_AUTHOR, seen_by=STAFF_AND_SELF, retention=KEPT_AS_AUTHOR),
    personal(
        "crm.Interaction",
        "entrepreneur note",
        purpose=PURPOSE_PATH,
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal("crm.Interaction", "by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "crm.Task", "entrepreneur title description", purpose=PURPOSE_PATH, seen_by=STAFF_AND_SELF, retention=FILE
    ),
    personal(
        "crm.Task", "assignee created_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF_AND_SELF, retention=KEPT_AS_AUTHOR
    ),
    personal(
        "crm.Partner",
        "users",
        purpose=_("let partner organisations follow the referrals made to them"),
        seen_by=(Role.ADMIN,),
        retention=KEPT_AS_AUTHOR,
    ),
    personal(
        "crm.Programme",
        "funders",
        purpose=_("show each funder the figures of the programmes they fund"),
        seen_by=(Role.ADMIN,),
        retention=KEPT_AS_AUTHOR,
    ),
    personal(
        "crm.Referral",
        "entrepreneur note",
        purpose=_("refer the person to a partner organisation and follow it up"),
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    # The partner organisation sees the purpose and writes its answer back; the person's name and contact only
    # with a consent covering it (crm.selectors.referral_views), never the residence situation.
    personal(
        "crm.Referral",
        "purpose answer_note",
        purpose=_("refer the person to a partner organisation and follow it up"),
        seen_by=(*STAFF_AND_SELF, Role.PARTNER),
        retention=FILE,
    ),
    personal("crm.Referral", "by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "crm.Referral", "answered_by", purpose=PURPOSE_AUTHOR, seen_by=(*STAFF, Role.PARTNER), retention=KEPT_AS_AUTHOR
    ),
    personal(
        "crm.DocumentRequest", "entrepreneur title note", purpose=PURPOSE_PATH, seen_by=STAFF_AND_SELF, retention=FILE
    ),
    personal("crm.DocumentRequest", "requested_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    # Whether the document asked for is a residence document: what answers it is flagged (Document below).
    personal(
        "crm.DocumentRequest",
        "residence_document",
        purpose=_("check the right to work as self-employed and the professional card"),
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "crm.Document",
        "entrepreneur title file original_name",
        purpose=_("keep the documents the person's procedures need"),
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "crm.Document",
        "residence_document",
        purpose=_("check the right to work as self-employed and the professional card"),
        seen_by=STAFF_AND_SELF,
        retention=RetentionAction.SENSITIVE_PROFILE_INACTIVE,
        sensitive=True,
    ),
    personal("crm.Document", "uploaded_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "crm.IntakeRota",
        "coach languages communes",
        purpose=_("give each new applicant a coach who speaks their language or knows their commune"),
        seen_by=ADMIN_ONLY,
        retention=KEPT_AS_AUTHOR,
    ),
    personal(
        "crm.ImportBatch",
        "created_by filename rows result",
        purpose=_("preview a spreadsheet before it enters the pipeline"),
        seen_by=STAFF,
        retention=RetentionAction.IMPORT_BATCHES,
    ),
]

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "crm.Stage": "pipeline reference data",
    "crm.Programme": "programme reference data",
    "crm.Cohort": "cohort reference data",
    "crm.Partner": "an organisation's public details",
    "crm.Document.content_type": "the kind of file",
}


def me(user: User, request: HttpRequest | None = None) -> dict:
    entrepreneur = getattr(user, "entrepreneur", None)
    return {"entrepreneur_id": entrepreneur.pk if entrepreneur else None}


def export(user: User, request: HttpRequest | None = None) -> dict:
    """The person's own file, projects, stages, shared notes and tasks, referrals, documents and consents.

    Residence and origin are part of it: reading them for the export is logged like any other read.
    """
    sections = selectors.person_export(user)
    if sections["entrepreneur"] is not None:
        sensitive_read_log(
            user=user,
            entrepreneur_id=sections["entrepreneur"]["id"],
            fields=selectors.SENSITIVE_FIELDS,
            context="me:export",
        )
    return sections


def files(user: User, request: HttpRequest | None = None) -> list[ExportFile]:
    """The documents of the person's file that are shared with them (copying a residence document is logged)."""
    documents = list(selectors.person_shared_documents(user))
    for document in documents:
        services.document_read(user=user, document=document, context="me:export")
    return [
        ExportFile.stored(
            "crm",
            document.title,
            document.file,
            document.content_type,
            {"document": document.pk, "size": document.size, "sha256": document.sha256},
        )
        for document in documents
    ]


def erase(person: Person) -> None:
    services.file_erase(person)


def activity(cutoff: datetime, refs: PersonRefs) -> list[QuerySet]:
    """A note, meeting or call; a task created or done; a stage change; a referral made or closed; a document
    uploaded or requested."""
    day = timezone.localdate(cutoff)
    person = refs.entrepreneur
    return [
        Interaction.objects.filter(entrepreneur=person, occurred_at__gte=cutoff),
        Task.objects.filter(Q(created_at__gte=cutoff) | Q(done_at__gte=cutoff), entrepreneur=person),
        StageTransition.objects.filter(project__entrepreneur=person, at__gte=cutoff),
        Referral.objects.filter(Q(referred_on__gte=day) | Q(closed_on__gte=day), entrepreneur=person),
        Document.objects.filter(entrepreneur=person, uploaded_at__gte=cutoff),
        DocumentRequest.objects.filter(entrepreneur=person, requested_at__gte=cutoff),
    ]


# --- the retention schedule's rules on files ------------------------------------------------------------------


def _erasure_candidates(cutoff: datetime, claimed: Claimed) -> list[int]:
    return list(selectors.inactive_entrepreneurs(cutoff).order_by("pk").values_list("pk", flat=True))


def _erasure_claim(ids: list[int], claimed: Claimed) -> None:
    """The files this rule erases, with the e-mails and user names their erasure takes along."""
    claimed.ids.update(ids)
    for start in range(0, len(ids), 1000):  # bounded IN lists (SQLite allows few parameters)
        rows = Entrepreneur.objects.filter(pk__in=ids[start : start + 1000]).values_list("email", "user__username")
        for email, username in rows:
            if email:
                claimed.emails.add(email.lower())
            if username:
                claimed.usernames.add(username.lower())


def _erasure_apply(pk: int, cutoff: datetime) -> bool:
    person = Entrepreneur.objects.select_for_update().filter(pk=pk, erased_at__isnull=True).first()
    if person is None or not selectors.inactive_entrepreneurs(cutoff).filter(pk=pk).exists():
        return False
    services.entrepreneur_erase(entrepreneur=person, by=None)
    return True


def _sensitive_candidates(cutoff: datetime, claimed: Claimed) -> list[int]:
    inactive = selectors.inactive_entrepreneurs(cutoff).values("pk")
    profiles = SensitiveProfile.objects.filter(entrepreneur__in=inactive).values_list("entrepreneur_id", flat=True)
    permits = Document.objects.filter(entrepreneur__in=inactive, residence_document=True)
    ids = sorted({*profiles, *permits.values_list("entrepreneur_id", flat=True)})
    # People the erasure rule takes in the same run lose their profile with it: counted there, not twice.
    return [pk for pk in ids if pk not in claimed.ids]


def _sensitive_apply(pk: int, cutoff: datetime) -> bool:
    person = Entrepreneur.objects.select_for_update().filter(pk=pk).first()
    if person is None or not selectors.inactive_entrepreneurs(cutoff).filter(pk=pk).exists():
        return False
    return services.sensitive_profile_clear(entrepreneur=person)


_imports_candidates, _imports_count, _imports_delete = bulk_rule(
    lambda cutoff: ImportBatch.objects.filter(created_at__lt=cutoff)
)

RETENTION = [
    ActionSpec(
        RetentionAction.ENTREPRENEUR_INACTIVE,
        3,
        RetentionUnit.YEARS,
        365,
        _(
            "The file of a person without any activity for this long is erased through the GDPR erasure: "
            "names, contact, notes, documents, sensitive profile, mentoring texts, dossiers, bookings' titles "
            "and the login go; stages, dates and anonymous categories stay for the figures."
        ),
        ngettext_lazy("%(count)s entrepreneur file", "%(count)s entrepreneur files", "count"),
        _erasure_candidates,
        apply=_erasure_apply,
        claim=_erasure_claim,
    ),
    ActionSpec(
        RetentionAction.SENSITIVE_PROFILE_INACTIVE,
        2,
        RetentionUnit.YEARS,
        180,
        _(
            "Residence situation, its end date, country of origin and residence documents of a person without "
            "any activity for this long are deleted, with the dossiers' copies; the rest of the file stays."
        ),
        ngettext_lazy("%(count)s entrepreneur file", "%(count)s entrepreneur files", "count"),
        _sensitive_candidates,
        apply=_sensitive_apply,
    ),
    ActionSpec(
        RetentionAction.IMPORT_BATCHES,
        30,
        RetentionUnit.DAYS,
        1,
        _(
            "Spreadsheets imported into the pipeline keep a copy of their rows for the preview; "
            "that copy is deleted after this long, imported or not."
        ),
        ngettext_lazy("%(count)s import", "%(count)s imports", "count"),
        _imports_candidates,
        apply_bulk=_imports_delete,
        count_bulk=_imports_count,
    ),
]
