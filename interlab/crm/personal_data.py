"""Personal data held by the pipeline (crm), for the data inventory (interlab.core.inventory)."""

from django.utils.translation import gettext_lazy as _

from interlab.core.inventory import (
    KEPT_AS_AUTHOR,
    PURPOSE_AUTHOR,
    PURPOSE_IDENTITY,
    PURPOSE_PATH,
    STAFF,
    STAFF_AND_SELF,
    personal,
)
from interlab.core.models import RetentionAction, Role

FILE = RetentionAction.ENTREPRENEUR_INACTIVE

PERSONAL_DATA = [
    personal(
        "crm.Entrepreneur",
        "user first_name last_name email phone",
        purpose=PURPOSE_IDENTITY,
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal(
        "crm.Entrepreneur",
        "search_text",
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
        "entrepreneur purpose note",
        purpose=_("refer the person to a partner organisation and follow it up"),
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal("crm.Referral", "by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "crm.DocumentRequest", "entrepreneur title note", purpose=PURPOSE_PATH, seen_by=STAFF_AND_SELF, retention=FILE
    ),
    personal("crm.DocumentRequest", "requested_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "crm.Document",
        "entrepreneur title file original_name",
        purpose=_("keep the documents the person's procedures need"),
        seen_by=STAFF_AND_SELF,
        retention=FILE,
    ),
    personal("crm.Document", "uploaded_by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
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
