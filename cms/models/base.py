"""What every public page shares: the language its content is really written in, and its translations."""

from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from cms.selectors import translation_behind_source


class PublicPageMixin:
    """Context for the language switcher and for alias pages that still show another language's text."""

    def content_language(self) -> str:
        """An alias shows its source's words: the page must say so (lang attribute), or screen readers lie."""
        source = self.alias_of if self.alias_of_id else self
        return source.locale.language_code

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        content_language = self.content_language()
        translations = []
        for page in Page.objects.translation_of(self, inclusive=True).live().public().select_related("locale"):
            code = page.locale.language_code
            info = get_language_info(code)
            translations.append(
                {"code": code, "name": info["name_local"], "url": page.get_url(request), "current": page.pk == self.pk}
            )
        translations.sort(key=lambda item: item["code"] != "fr")
        content_is_fallback = content_language != self.locale.language_code
        # On an alias the article speaks the source's language, but labels, buttons and forms speak the
        # visitor's: those parts carry these attributes, so that Arabic labels are Arabic and right to left.
        ui_language = get_language() or self.locale.language_code
        ui_lang_attrs = ""
        if content_is_fallback:
            ui_lang_attrs = format_html(
                ' lang="{}" dir="{}"', ui_language, "rtl" if get_language_info(ui_language)["bidi"] else "ltr"
            )
        context.update(
            content_language=content_language,
            content_is_fallback=content_is_fallback,
            ui_lang_attrs=ui_lang_attrs,
            content_bidi=get_language_info(content_language)["bidi"],
            page_translations=translations,
            # A translation whose French source changed since: the visitor is told, with a link to the French.
            translation_outdated=None if content_is_fallback else translation_behind_source(self),
        )
        return context
