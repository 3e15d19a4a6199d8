"""The two-letter ISO 639-1 language codes, so that a typed code ("xx") that names no language is caught, and
each language's name in the reader's language."""

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

from .formatting import locale_name

_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el
en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it
iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt
my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo
za zh zu
"""
ISO_639_1_CODES = frozenset(_CODES.split())


def is_language_code(code: str) -> bool:
    return (code or "").lower() in ISO_639_1_CODES


def language_name(code: str, locale: str | None = None) -> str:
    """The language's name in the reader's language, from CLDR ("ukrainien", "Ukrainian", "українська",
    "tigrigna" for ti): never the bare code, unless no language has that code."""
    code = (code or "").strip()
    try:
        names = Locale.parse(locale or locale_name()).languages
    except (UnknownLocaleError, ValueError):
        names = {}
    return names.get(code.lower()) or names.get(code) or code


def language_names(codes, locale: str | None = None) -> list[str]:
    return [language_name(code, locale) for code in codes]


def language_code_for(text: str, locale: str | None = None) -> str | None:
    """The ISO 639-1 code of a language typed by its name ("wolof", "Amharic", "تغرينية") or its code; None when
    no language has that name in the reader's language, English or French."""
    typed = " ".join((text or "").split()).casefold()
    if is_language_code(typed):
        return typed
    for loc in dict.fromkeys([locale or locale_name(), "en", "fr"]):
        for code, name in Locale.parse(loc).languages.items():
            if code in ISO_639_1_CODES and name.casefold() == typed:
                return code
    return None


def in_language(french: str, translations, language: str | None = None) -> str:
    """A French text of the data (a checklist label, a partner's description) in the reader's language: its
    translation in `language` (the active language by default) when there is one, else the French."""
    language = (language or get_language() or "fr")[:2]
    if language == "fr":
        return french
    words = translations if isinstance(translations, dict) else {}
    return words.get(language) or french
