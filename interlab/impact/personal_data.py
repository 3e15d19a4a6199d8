"""Impact's data-protection interface (interlab.core.interfaces). Funders see aggregates only."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from interlab.core.interfaces import PersonRefs
from interlab.core.inventory import KEPT_AS_AUTHOR, PURPOSE_AUTHOR, PURPOSE_FIGURES, STAFF, STAFF_AND_SELF, personal

from .models import Financing, FollowUp

# The third-country count is a count over residence situations: each time it is shown is a logged read.
READ_CONTEXTS = {"impact: third-country nationals count": _("impact: count of third-country nationals")}

PERSONAL_DATA = [
    personal("impact.FollowUp", "by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal("impact.Financing", "by", purpose=PURPOSE_AUTHOR, seen_by=STAFF, retention=KEPT_AS_AUTHOR),
    personal(
        "impact.Participant",
        "entrepreneur education_level",
        purpose=PURPOSE_FIGURES,
        seen_by=STAFF_AND_SELF,
        retention=_("kept anonymously for the ESF+ breakdowns after erasure"),
    ),
    personal(
        "impact.Participant",
        "gender_category age_band",
        purpose=PURPOSE_FIGURES,
        seen_by=STAFF,
        retention=_("kept anonymously for the ESF+ breakdowns after erasure"),
    ),
    personal(
        "impact.Participant",
        "third_country",
        purpose=PURPOSE_FIGURES,
        seen_by=STAFF,
        retention=_("kept anonymously for the ESF+ breakdowns after erasure"),
        sensitive=True,
    ),
]

# Declared not personal, with the reason (for reviewers; not shown on the page).
NOT_PERSONAL = {
    "impact.SurvivalBaseline": "public statistics",
    "impact.StageSpell": "time in each stage, derived from stage changes",
    "impact.Financing.source": "the kind of financing",
    "impact.Release": "released figures: protected aggregates of a period, no person in them",
}


def activity(cutoff: datetime, refs: PersonRefs) -> list[QuerySet]:
    """A follow-up or a financing recorded on one of the person's projects."""
    return [
        FollowUp.objects.filter(project__entrepreneur=refs.entrepreneur, created_at__gte=cutoff),
        Financing.objects.filter(project__entrepreneur=refs.entrepreneur, created_at__gte=cutoff),
    ]
