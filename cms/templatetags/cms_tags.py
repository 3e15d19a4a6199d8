"""Template filters of the public site."""

from django import template

from cms.forms import SPOKEN_LANGUAGES

register = template.Library()
_NAMES = dict(SPOKEN_LANGUAGES)


@register.filter
def language_name_local_safe(code: str) -> str:
    """The language's own name ("العربية" for ar); the bare code for a language the list does not know."""
    return _NAMES.get(code, code)
