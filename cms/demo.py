"""The demo public site: real-sounding pages about starting up in Liège, in several languages. Safe to run twice.

Called by the demo seed (`manage.py seed_demo`, see interlab.core.demo) through `seed()`; it needs the migrated
partners.
"""

import json
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page, Site

from interlab.crm import services as crm_services
from interlab.crm.models import Partner

from .content import EXTRA_PARTNERS, site_tree
from .models import ContactSettings, HomePage, PrivacyPage


def _raw_stream(blocks: list[tuple[str, object]]) -> str:
    """StreamField raw JSON; partner names in guide steps become the partners' ids, and a step with a source is
    verified on the day the demo is seeded (the install date), as an editor checking it that day would say."""
    partners = dict(Partner.objects.values_list("name", "pk"))
    today = timezone.localdate().isoformat()
    raw = []
    for block_type, value in blocks:
        if block_type == "step":
            value = {**value, "partners": [partners[n] for n in value.get("partners", []) if n in partners]}
            value.setdefault("documents", [])
            if value.get("source_title") and not value.get("verified_on"):
                value["verified_on"] = today
        raw.append({"type": block_type, "value": value})
    return json.dumps(raw)


def _apply(page: Page, fields: dict) -> None:
    for name, value in fields.items():
        if name in ("steps", "body") and isinstance(value, list):
            value = _raw_stream(value)
        setattr(page, name, value)
    if "title" in fields:
        page.draft_title = fields["title"]


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _event_time(days: int, hour: int, minutes: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minutes)))


def _translation_ensure(page: Page, locale: Locale, fields: dict) -> bool:
    """Publish `page` in `locale` with `fields`, once; an alias left by an earlier seed becomes the translation."""
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return False
    if existing is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    else:
        translation = ConvertAliasPageAction(existing.specific).execute(skip_permission_checks=True)
    _apply(translation, fields)
    translation.save()
    _publish(translation)
    return True


def _build(parent: Page, node: dict, locales: dict[str, Locale]) -> int:
    model, slug, versions = node["model"], node["slug"], node["versions"]
    created = 0
    page = parent.get_children().filter(slug=slug).specific().first()
    if page is None:
        page = model(slug=slug, locale=locales["fr"])
        _apply(page, versions["fr"])
        parent.add_child(instance=page)
        _publish(page)
        created += 1
    for code, fields in versions.items():
        if code != "fr":
            created += _translation_ensure(page, locales[code], fields)
    for child in node.get("children", []):
        created += _build(page, child, locales)
    return created


def _aliases(root: Page, locales: dict[str, Locale]) -> int:
    """Every page exists in every language: a page the demo does not translate is an alias of the French one."""
    created = 0
    for page in root.get_descendants(inclusive=True).live().filter(locale=locales["fr"]).order_by("path"):
        for code, locale in locales.items():
            if code != "fr" and page.get_translation_or_none(locale) is None:
                page.copy_for_translation(locale, copy_parents=True, alias=True)
                created += 1
    return created


@transaction.atomic
def seed(demo: dict) -> dict:
    """The public site (once): pages in every language, partners, events."""
    return seed_site()


@transaction.atomic
def seed_site() -> dict:
    for partner in EXTRA_PARTNERS:
        crm_services.partner_ensure(**partner)
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "en", "nl", "ar", "uk", "es")
    }
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else HomePage.objects.filter(locale=locales["fr"]).first()
    tree = site_tree(_event_time)
    created = 0
    if home.intro != tree["versions"]["fr"]["intro"]:
        _apply(home, tree["versions"]["fr"])
        _publish(home)
    for code, fields in tree["versions"].items():
        if code != "fr":
            created += _translation_ensure(home, locales[code], fields)
    for child in tree["children"]:
        created += _build(home, child, locales)
    aliases = _aliases(home, locales)
    _contact_ensure(site)
    return {"site_pages": created, "site_aliases": aliases}


# Demo contact details (a made-up number in a real Liège street): the footer of every public page shows them.
DEMO_CONTACT = {
    "address": "Rue Lambert-le-Bègue 22\n4000 Liège",
    "phone": "+32 4 220 00 00",
    "email": "bonjour@interlab.example",
}


def _contact_ensure(site: Site | None) -> None:
    """Fill the contact details and the privacy page once; what an editor has changed since stays."""
    if site is None:
        return
    contact = ContactSettings.for_site(site)
    for name, value in DEMO_CONTACT.items():
        if not getattr(contact, name):
            setattr(contact, name, value)
    if contact.privacy_page_id is None:
        contact.privacy_page = PrivacyPage.objects.filter(locale__language_code="fr").first()
    contact.save()
