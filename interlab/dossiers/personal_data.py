"""Personal data held by the professional-card dossiers, for the data inventory (interlab.core.inventory)."""

from django.utils.translation import gettext_lazy as _

from interlab.core.inventory import (
    KEPT_AS_AUTHOR,
    PURPOSE_AUTHOR,
    PURPOSE_DOSSIER,
    STAFF,
    STAFF_AND_SELF,
    personal,
)
from interlab.core.models import RetentionAction

FILE = RetentionAction.ENTREPRENEUR_INACTIVE

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
        "exemption eligibility",
        purpose=_("know whether the person needs a professional card at all"),
        seen_by=STAFF_AND_SELF,
        retention=_("kept anonymously for the outcome counts after erasure"),
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
