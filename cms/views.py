"""The public site's own views (the rest of it is Wagtail pages): the jargon glossary."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_bidi, get_language_info

from cms import jargon
from cms.selectors import public_page_or_none


def glossary(request):
    """The glossary in the visitor's language (the URL's prefix), with a way back to the page that linked here."""
    language = get_language()
    others = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("cms:glossary")
        others.append(
            {"code": code, "name": get_language_info(code)["name_local"], "url": url, "current": code == language}
        )
    back = public_page_or_none(request.GET.get("from"))
    context = {
        "entries": jargon.entries(language),
        "content_language": language,
        "content_bidi": get_language_bidi(),
        "page_translations": others,
        "back": back,
        "back_url": back.get_url(request) if back is not None else "",
    }
    return TemplateResponse(request, "cms/glossary.html", context)
