"""Small public sites for the cms tests: a few real pages, published, built the way an editor would."""

import json
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Site

from cms.models import (
    EventIndexPage,
    EventPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    IntakeFormPage,
    PartnerDirectoryPage,
)


def home() -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def add_page(parent, model, **fields):
    fields.setdefault("slug", slugify(fields["title"]))
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, code: str, **fields):
    """A real translation (not an alias) of `page` in language `code`, published."""
    copy = page.copy_for_translation(locale(code), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    if "title" in fields:
        copy.draft_title = fields["title"]
    copy.save()
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def steps(*items, partner=None) -> str:
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": title,
                    "text": f"<p>{text}</p>",
                    "documents": documents,
                    "partners": [partner.pk] if partner else [],
                    "duration": "",
                    "cost": "",
                },
            }
            for title, text, documents in items
        ]
    )


def guide(*, parent=None, title="Demander la carte professionnelle", partner=None) -> GuidePage:
    if parent is None:
        parent = GuideIndexPage.objects.filter(locale__language_code="fr").first() or add_page(
            home(), GuideIndexPage, title="Les démarches", slug="guides"
        )
    return add_page(
        parent,
        GuidePage,
        title=title,
        summary="Il vous faut souvent une carte professionnelle pour travailler comme indépendant·e.",
        steps=steps(
            ("Rassemblez les documents", "Des copies lisibles.", ["Copie du passeport", "Titre de séjour"]),
            ("Déposez la demande", "Au guichet d'entreprises.", ["Copie du passeport", "Preuve de paiement"]),
            partner=partner,
        ),
    )


def intake_page(parent=None) -> IntakeFormPage:
    return add_page(parent or home(), IntakeFormPage, title="Candidater", slug="candidater")


def event(*, days=10, capacity=None, title="Séance d'information", parent=None, **fields) -> EventPage:
    if parent is None:
        parent = EventIndexPage.objects.filter(locale__language_code="fr").first() or add_page(
            home(), EventIndexPage, title="Agenda", slug="agenda"
        )
    starts = timezone.now() + timedelta(days=days)
    return add_page(
        parent,
        EventPage,
        title=title,
        summary="Deux heures pour comprendre les étapes.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Tiers-lieu InterLab",
        capacity=capacity,
        **fields,
    )


def directory(parent=None) -> PartnerDirectoryPage:
    return add_page(parent or home(), PartnerDirectoryPage, title="Les partenaires", slug="partenaires")
