"""Reads of the public site. Nothing here returns personal data to a visitor."""

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from wagtail.models import Locale, Page

from interlab.core.text import normalise
from interlab.crm.models import Entrepreneur, Partner
from interlab.tierslieu import selectors as tierslieu_selectors

logger = logging.getLogger(__name__)


def partner_directory(*, q: str = "", need: str = "", language: str = "") -> list[Partner]:
    """Partner organisations matching a search, a need and a spoken language.

    Filtered in Python: the needs and languages are JSON lists (SQLite has no JSON `contains`), the search
    ignores accents ("liege" finds "Liège"), and the directory holds dozens of organisations, not thousands.
    """
    terms = normalise(q).split()
    result = []
    for partner in Partner.objects.order_by("name"):
        if need and need not in (partner.needs or []):
            continue
        if language and language not in (partner.languages or []):
            continue
        text = normalise(f"{partner.name} {partner.description} {partner.display_description()} {partner.address}")
        if all(term in text for term in terms):
            result.append(partner)
    return result


def possible_duplicate(*, first_name: str, last_name: str, email: str, phone: str) -> Entrepreneur | None:
    """An existing person with the same e-mail, phone (last nine digits) or full name, for the coach to check.

    The same keys as the CRM import uses, so a person is flagged the same way whichever door they came in by.
    """
    people = Entrepreneur.objects.active()
    if email:
        match = people.filter(email__iexact=email).order_by("pk").first()
        if match:
            return match
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) >= 8:
        for pk, other in people.exclude(phone="").values_list("pk", "phone").iterator():
            other_digits = "".join(ch for ch in other if ch.isdigit())
            if len(other_digits) >= 8 and other_digits[-9:] == digits[-9:]:
                return people.get(pk=pk)
    if last_name:
        name = normalise(f"{first_name} {last_name}")
        for person in people.filter(search_text__startswith=name).order_by("pk"):
            if normalise(f"{person.first_name} {person.last_name}") == name:
                return person
    return None


def registration_link_suggestions(registrations) -> dict[int, Entrepreneur]:
    """For the attendance sheet: the one active file whose address matches each unlinked registration's.

    Only a suggestion for the coach, who links by hand once they know it is the same person: a typed address
    proves nothing, so nothing is ever linked from it alone. Several files with one address: no suggestion.
    """
    emails = {r.email.lower() for r in registrations if r.entrepreneur_id is None and r.email}
    if not emails:
        return {}
    files: dict[str, list[Entrepreneur]] = {}
    people = Entrepreneur.objects.active().annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    for person in people:
        files.setdefault(person.email_lower, []).append(person)
    return {
        r.pk: files[r.email.lower()][0]
        for r in registrations
        if r.entrepreneur_id is None and len(files.get(r.email.lower(), [])) == 1
    }


def interpreters_asked_for(registrations) -> list[tuple[str, int]]:
    """For the attendance sheet: each language an interpreter was asked for, in words in the reader's language,
    with how many people asked; the most asked first. A language typed by hand counts once however it is cased."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for registration in registrations:
        name = registration.interpreter_display()
        if name:
            key = name.casefold()
            counts[key] += 1
            names.setdefault(key, name)
    return [(names[key], n) for key, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def tierslieu_spaces_today() -> list[dict] | None:
    """The spaces and today's free slots from the tiers-lieu app, or None while that app does not offer them."""
    public_spaces_today = getattr(tierslieu_selectors, "public_spaces_today", None)
    if public_spaces_today is None:
        return None
    try:
        return list(public_spaces_today())
    except Exception:  # noqa: BLE001 - a public page must render even if the booking side is broken
        logger.exception("tiers-lieu spaces could not be read for the public page")
        return None


def source_locale() -> Locale:
    """The language the site is written in first (French); every other language translates it."""
    return Locale.get_default()


def translations_to_update(pages: QuerySet | None = None) -> QuerySet:
    """The translated pages (not aliases) whose French source was published again since they were translated.

    A translation remembers the French live revision it was published against (TranslationSync); a page
    translated before that record existed falls back on the dates: French published after the translation.
    Each page carries `source_page_id` and `source_published_at` (when the French last changed).
    """
    source = source_locale()
    sources = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=source, live=True)
    pages = Page.objects.all() if pages is None else pages
    return (
        pages.filter(alias_of__isnull=True)
        .exclude(locale=source)
        .annotate(
            source_page_id=Subquery(sources.values("pk")[:1]),
            source_live_revision_id=Subquery(sources.values("live_revision_id")[:1]),
            source_published_at=Subquery(sources.values("last_published_at")[:1]),
        )
        .filter(source_live_revision_id__isnull=False)
        .filter(
            Q(translation_sync__isnull=True, last_published_at__lt=F("source_published_at"))
            | (
                Q(translation_sync__isnull=False)
                & ~Q(translation_sync__source_revision_id=F("source_live_revision_id"))
            )
        )
    )


@dataclass(frozen=True)
class OutdatedTranslation:
    source: Page  # the French page
    changed_at: datetime  # when the French was last published


def translation_behind_source(page: Page) -> OutdatedTranslation | None:
    """For one page: its French source and when it changed, if the French moved on since this translation."""
    if page.alias_of_id or page.pk is None or page.locale_id == source_locale().pk:
        return None
    outdated = translations_to_update(Page.objects.filter(pk=page.pk)).values("source_page_id", "source_published_at")
    row = outdated.first()
    if row is None:
        return None
    return OutdatedTranslation(source=Page.objects.get(pk=row["source_page_id"]), changed_at=row["source_published_at"])


def public_page_or_none(pk) -> Page | None:
    """A live, public page by id (as a link's query string gives it), or None for anything else."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if not 0 < pk < 2**63:
        return None
    return Page.objects.live().public().filter(pk=pk, depth__gt=1).specific().first()
