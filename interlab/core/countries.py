"""Countries by their two-letter ISO 3166 code, named in the reader's language from CLDR (Babel): a nationality is
stored as a code and always shown as a word."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from .formatting import locale_name

# CLDR's territory codes that are not countries (regions, unknown, pseudo-locales).
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    territories = Locale.parse("en").territories
    return frozenset(code for code in territories if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)


def _names(locale: str) -> dict:
    try:
        return Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError):
        return Locale.parse("fr").territories


def country_name(code: str, locale: str | None = None) -> str:
    code = (code or "").upper()
    return _names(locale or locale_name()).get(code, code) if code else ""


@lru_cache(maxsize=16)
def _choices(locale: str) -> tuple[tuple[str, str], ...]:
    names = _names(locale)
    return tuple(sorted(((c, names.get(c, c)) for c in country_codes()), key=lambda pair: pair[1].casefold()))


def country_choices(locale: str | None = None) -> list[tuple[str, str]]:
    """(code, name) for every country, sorted by its name in the reader's language."""
    return list(_choices(locale or locale_name()))
