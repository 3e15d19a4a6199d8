"""What every public page shares: the language its content is really written in, and its translations."""

from django.utils.translation import get_language_info
from wagtail.models import Page


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
        context.update(
            content_language=content_language,
            content_is_fallback=content_language != self.locale.language_code,
            content_bidi=get_language_info(content_language)["bidi"],
            page_translations=translations,
        )
        return context
