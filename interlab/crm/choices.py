"""The pipeline's vocabulary: the fixed choices its records use, which the floors above may name too."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Need(models.TextChoices):
    FINANCING = "financing", _("financing")
    ADMIN = "admin", _("administrative procedures")
    LANGUAGE = "language", _("language")
    DIPLOMA = "diploma", _("diploma recognition")
    COWORKING = "coworking", _("coworking space")
    MENTORING = "mentoring", _("mentoring")
    NETWORK = "network", _("network")


class LanguageLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("native")


class ResidenceSituation(models.TextChoices):
    BELGIAN = "belgian", _("Belgian national")
    EEA = "eea", _("EEA national or family")
    UNLIMITED = "unlimited", _("unlimited residence")
    LIMITED = "limited", _("limited residence")
    REFUGEE = "refugee", _("recognised refugee")
    SUBSIDIARY = "subsidiary", _("subsidiary protection")
    TEMPORARY = "temporary", _("temporary protection")
    APPLICANT = "applicant", _("international protection applicant")
    OTHER = "other", _("other")


class LegalForm(models.TextChoices):
    UNDECIDED = "undecided", _("not decided yet")
    SOLE = "sole", _("sole trader (personne physique)")
    SRL = "srl", _("private limited company (SRL)")
    SC = "sc", _("cooperative (SC)")
    ASBL = "asbl", _("non-profit (ASBL)")
    SNC = "snc", _("partnership (SNC/SComm)")
    SA = "sa", _("public limited company (SA)")


class ReferralDirection(models.TextChoices):
    OUT = "out", _("referred to the partner")
    IN = "in", _("referred by the partner")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("taken up")
    COMPLETED = "completed", _("completed")
    DECLINED = "declined", _("declined")
    NO_RESPONSE = "no_response", _("no response")


# The consent purpose under which a person agrees that the partner organisations they are referred to see their name
# and contact details. Without it a partner sees the referral's purpose and nothing that names the person.
PARTNER_SHARING_PURPOSE = "partners"
# The key of the consent text that asks for it (a text an admin publishes, one version per language).
PARTNER_CONSENT_KEY = "partners"

# A partner's answer, in the API's words, and the outcome it records.
PARTNER_ANSWERS = {
    "accepted": ReferralOutcome.ACCEPTED,
    "declined": ReferralOutcome.DECLINED,
    "done": ReferralOutcome.COMPLETED,
}
# From each state, the answers a partner may still give; a referral declined, completed or left without response is
# closed and takes none.
ANSWERS_FROM = {
    ReferralOutcome.PENDING: (ReferralOutcome.ACCEPTED, ReferralOutcome.DECLINED, ReferralOutcome.COMPLETED),
    ReferralOutcome.ACCEPTED: (ReferralOutcome.DECLINED, ReferralOutcome.COMPLETED),
}
