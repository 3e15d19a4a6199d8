"""The dossiers' data-protection interface (interlab.core.interfaces): professional-card dossiers and their PDFs."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interlab.core.interfaces import ExportFile, Person, PersonRefs
from interlab.core.inventory import (
    KEPT_AS_AUTHOR,
    PURPOSE_AUTHOR,
    PURPOSE_DOSSIER,
    STAFF,
    STAFF_AND_SELF,
    personal,
)
from interlab.core.models import RetentionAction, User

from . import selectors, services
from .models import Dossier, Status

FILE = RetentionAction.ENTREPRENEUR_INACTIVE

# The residence situation a dossier holds: the situation its eligibility answer named ("recognised refugee"…).
# Every read is logged, like the end date of the residence document read from the pipeline's file.
READ_LOGGED = ["dossiers.Dossier.exemption", "dossiers.Dossier.applicant_nationality"]
# Where the dossiers read them (each read is logged).
READ_CONTEXTS = {
    "page:dossier_detail": _("dossier page"),
    "page:dossier_eligibility": _("dossier: eligibility answer"),
    "page:dossier_exemption_proposal": _("dossier: exemption proposed from the residence situation"),
    "page:dossier_pdf": _("dossier PDF download"),
    "page:dossier_identity": _("dossier: identity of the applicant"),
    "api:dossier_detail": _("API: one dossier"),
    "api:dossier_create": _("API: dossier opened"),
    "api:dossier_pdf": _("API: dossier PDF download"),
    "dossiers.residence_reminder": _("reminder before the residence document ends"),
}

PERSONAL_DATA = [
    personal(
        "dossiers.Dossier",
        "project_summary market business_plan interest finance guichet info_requested inadmissible_reason "
        "card_number refusal_reason",
        purpose=PURPOSE_DOSSIER,
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "dossiers.Dossier",
        "exemption",
        purpose=_("know whether the person needs a professional card at all"),
        seen_by=STAFF_AND_SELF,
        retention=RetentionAction.SENSITIVE_PROFILE_INACTIVE,
        sensitive=True,
    ),
    personal(
        "dossiers.Dossier",
        "applicant_birth_date applicant_address",
        purpose=PURPOSE_DOSSIER,
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "dossiers.Dossier",
        "applicant_nationality",
        purpose=_("the applicant's identity the professional card's application asks for"),
        seen_by=STAFF_AND_SELF,
        retention=RetentionAction.SENSITIVE_PROFILE_INACTIVE,
        sensitive=True,
    ),
    personal(
        "dossiers.Dossier",
        "eligibility",
        purpose=_("know whether the person needs a professional card at all"),
        seen_by=STAFF_AND_SELF,
        retention=_("kept anonymously for the outcome counts after erasure"),
        sensitive=True,
    ),
    personal(
        "dossiers.Dossier",
        "exemption_proposal_dismissed_at",
        purpose=_("not propose again an exemption the coach set aside, until the person's file changes"),
        seen_by=STAFF,
        retention=RetentionAction.SENSITIVE_PROFILE_INACTIVE,
        sensitive=True,
    ),
    personal(
        "dossiers.Dossier",
        "residence_reminded_for",
        purpose=_("remind the coach before the residence document ends"),
        seen_by=STAFF,
        retention=FILE,
        sensitive=True,
    ),
    personal("dossiers.Dossier", "created_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal("dossiers.DossierItem", "note", purpose=PURPOSE_DOSSIER, seen_by=STAFF_AND_SELF, retention=FILE),
    personal("dossiers.DossierItem", "verified_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal("dossiers.DossierAnnex", "title", purpose=PURPOSE_DOSSIER, seen_by=STAFF_AND_SELF, retention=FILE),
    personal("dossiers.DossierAnnex", "added_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "dossiers.DossierBuild",
        "file snapshot",
        purpose=_("the dossier printed as one PDF for the administration"),
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "dossiers.DossierBuild",
        "requested_by error",
        purpose=PURPOSE_AUTHOR,
        seen_by=STAFF,
        retention=FILE,
    ),
]

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "dossiers.ChecklistRule": "checklist reference data",
    "dossiers.Exemption": "the list of exemptions",
    "dossiers.RegulatedActivity": "the list of regulated activities",
    "dossiers.Dossier.jobs_planned": "a number of jobs the business plans",
}


def export(user: User, request: HttpRequest | None = None) -> dict:
    """Every dossier of the person, and the end date of their residence document, read (and logged) once; the
    situation each eligibility answer named is logged as read too."""
    sections = selectors.person_export(user)
    dossiers = list(selectors.person_dossiers(user).select_related("project"))
    for dossier in dossiers:  # each situation named by an eligibility answer is a logged read, each nationality too
        services.exemption_read(user=user, dossier=dossier, context="me:export")
        services.applicant_nationality_read(user=user, dossier=dossier, context="me:export")
    first = dossiers[0] if dossiers else None
    residence = services.residence_valid_until_read(user=user, dossier=first, context="me:export") if first else None
    return {"dossiers": {**sections, "residence_valid_until": residence}}


def files(user: User, request: HttpRequest | None = None) -> list[ExportFile]:
    """Every PDF built and every annex of the person's dossiers."""
    keys = ("kind", "id", "dossier", "document", "size", "sha256")
    return [
        ExportFile.stored(
            "dossiers", item["title"], item["file"], item["content_type"], {k: item[k] for k in keys if k in item}
        )
        for item in selectors.person_files(user)
    ]


def erase(person: Person) -> None:
    services.person_erase(entrepreneur=person.entrepreneur)


def activity(cutoff: datetime, refs: PersonRefs) -> list[QuerySet]:
    """A dossier edited, pending at the Region, open to appeal, or a professional card still valid."""
    today = timezone.localdate()
    return [
        Dossier.objects.filter(
            Q(updated_at__gte=cutoff)
            | Q(valid_until__gte=today)
            | Q(appeal_deadline__gte=today)
            | Q(status__in=[Status.SUBMITTED, Status.FORWARDED, Status.INFO_REQUESTED]),
            project__entrepreneur=refs.entrepreneur,
        )
    ]
