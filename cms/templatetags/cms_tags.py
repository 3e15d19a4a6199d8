"""Template filters of the public site."""

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.models import (
    EventIndexPage,
    GuideIndexPage,
    HomePage,
    IntakeFormPage,
    PartnerDirectoryPage,
    ProgrammePage,
    TiersLieuPage,
)
from interlab.core.languages import language_name

register = template.Library()


@register.filter
def language_name_here(code: str) -> str:
    """The language's name in the reader's language ("French" to an English reader, "فرنسية" to an Arabic one)."""
    return language_name(code)


@register.simple_tag
def public_menu(page) -> list[dict]:
    """The public site's main places in `page`'s language, in the order a visitor looks for them.

    Only the sections that exist and are live appear; labels are the interface's words, so that a page still
    shown in French (an alias) has a menu in the visitor's language. A public view that is not a Wagtail page (the
    glossary) has no `page`: its menu is the one of the visitor's language.
    """
    locale_id = page.locale_id if page else Locale.get_active().pk

    def first(model):
        return model.objects.live().public().filter(locale_id=locale_id).first()

    items = []
    home = first(HomePage)
    if home is not None:
        items.append({"key": "home", "label": _("Home"), "url": home.url})
    guides = first(GuideIndexPage)
    if guides is not None:
        items.append({"key": "guides", "label": _("Guides"), "url": guides.url})
    if home is not None and ProgrammePage.objects.live().public().child_of(home).exists():
        items.append({"key": "programmes", "label": _("What we offer"), "url": f"{home.url}#programmes-title"})
    for key, label, model in (
        ("tierslieu", _("Workspaces"), TiersLieuPage),
        ("events", _("Events"), EventIndexPage),
        ("partners", _("Partners"), PartnerDirectoryPage),
        ("apply", _("Apply"), IntakeFormPage),
    ):
        section = first(model)
        if section is not None:
            items.append({"key": key, "label": label, "url": section.url})
    return items


@register.simple_tag
def privacy_page_url(contact) -> str:
    """The privacy page in the visitor's language when translated, else the page as it is; "" when none is set."""
    page = contact.privacy_page
    if page is None or not page.live:
        return ""
    return page.localized.url or ""
