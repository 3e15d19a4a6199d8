"""Page types of the public site, one module per concept; Django finds them all here."""

from .events import EventIndexPage, EventPage, EventRegistration
from .intake import IntakeFormPage
from .pages import (
    GuideIndexPage,
    GuidePage,
    HomePage,
    PartnerDirectoryPage,
    ProgrammePage,
    StoryIndexPage,
    StoryPage,
    TiersLieuPage,
)
from .site_settings import ContactSettings, PrivacyPage
from .translations import TranslationSync

__all__ = [
    "ContactSettings",
    "EventIndexPage",
    "EventPage",
    "EventRegistration",
    "GuideIndexPage",
    "GuidePage",
    "HomePage",
    "IntakeFormPage",
    "PartnerDirectoryPage",
    "PrivacyPage",
    "ProgrammePage",
    "StoryIndexPage",
    "StoryPage",
    "TiersLieuPage",
    "TranslationSync",
]
