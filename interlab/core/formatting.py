"""Dates, numbers, percentages and money as the reader's language writes them, from CLDR's locale data (Babel).

One formatter for the tables, the charts and the PDFs alike, so that a page never shows "90.9 %" in a chart beside
"90,9 %" in its table, nor "1.250,50 €" beside "€1,250.50"; and so that Ukrainian reads "15 грудня", not the
nominative "15 грудень" of a hand-written "j F".
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.dates import match_skeleton
from babel.numbers import format_currency, format_decimal
from babel.numbers import format_percent as babel_format_percent
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

NBSP = "\u00a0"
CURRENCY = "EUR"

# The date styles the pages use, as CLDR skeletons (the fields wanted; each language orders and spells them).
DATE_STYLES = {
    "day": "MMMMd",  # 15 décembre · 15 грудня · 15 de diciembre
    "weekday_day": "MMMMEEEEd",  # mardi 15 décembre
    "long": "yMMMMd",  # 15 décembre 2026
    "weekday_long": "yMMMMEEEEd",  # mardi 15 décembre 2026
    "short_weekday_day": "MMMEd",  # mar. 15 déc.
    "medium": "yMMMd",  # 15 déc. 2026
    "month": "yMMMM",  # décembre 2026
    "short_month": "MMM",  # déc.
    "weekday_number": "EEEEd",  # mardi 15
    "weekday": "EEEE",  # mardi
    "short_weekday": "EEE",  # mar.
}
_RUNS = re.compile(r"'[^']*'|([A-Za-z])\1*")


def locale_name() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _widths(skeleton: str) -> dict[str, int]:
    return {m.group(1): len(m.group(0)) for m in _RUNS.finditer(skeleton) if m.group(1)}


@functools.lru_cache(maxsize=256)
def date_pattern(skeleton: str, locale: str) -> str:
    """CLDR's pattern for a skeleton, with its fields as wide as asked (as ICU's pattern generator does).

    Kept per skeleton and language: matching a skeleton against the locale's hundred-odd costs about a
    millisecond, and a dashboard writes hundreds of dates (CLDR's data does not change while we run).
    """
    loc = Locale.parse(locale)
    best = match_skeleton(skeleton, loc.datetime_skeletons.keys()) or skeleton
    pattern = str(loc.datetime_skeletons[best]) if best in loc.datetime_skeletons else skeleton
    wanted = _widths(skeleton)

    def widen(match: re.Match) -> str:
        letter = match.group(1)
        if not letter:
            return match.group(0)  # quoted literal text
        width = len(match.group(0))
        # A pattern's stand-alone forms (L, c) answer the skeleton's M and E.
        target = next((wanted[k] for k in (letter, {"L": "M", "c": "E"}.get(letter, letter)) if k in wanted), width)
        if letter == "E" or (letter in "LMc" and (width >= 3) == (target >= 3)):  # a number stays a number
            return letter * target
        return match.group(0)

    return _RUNS.sub(widen, pattern)


def format_day(value, style: str = "long") -> str:
    """A date (or the date of a datetime, in local time) in one of DATE_STYLES, in the active language."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    language = locale_name()
    return babel_format_date(value, date_pattern(DATE_STYLES.get(style, style), language), locale=language)


def format_moment(value, style: str = "long") -> str:
    """A date in one of DATE_STYLES and its time (24 h), joined as the language joins them ("mardi 15 décembre
    2026 à 14:00", "вівторок, 15 грудня 2026 р. о 14:00")."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    language = locale_name()
    glue = str(Locale.parse(language).datetime_formats["long" if "MMMM" in DATE_STYLES.get(style, style) else "medium"])
    time = babel_format_time(value, "HH:mm", locale=language)
    return glue.replace("{1}", format_day(value, style)).replace("{0}", time).replace("'", "")


def _decimal(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Tables and heat maps write the same few hundred values again and again; Babel takes tens of microseconds for
# each. The written forms are kept by the value's exact text (1.50 and 1.5 are kept apart) and its language.
_NUMBER_TYPES = {int: int, float: float, Decimal: Decimal}


@functools.lru_cache(maxsize=4096)
def _number(kind: type, text: str, locale: str) -> str:
    return format_decimal(_decimal(kind(text)), locale=locale)


@functools.lru_cache(maxsize=4096)
def _percent(text: str, locale: str) -> str:
    return babel_format_percent(Decimal(text) / 100, locale=locale, decimal_quantization=False)


def format_number(value) -> str:
    """A count, amount, median or rate with the language's decimal mark and thousands grouping."""
    kind = _NUMBER_TYPES.get(type(value))
    if kind is None:
        return format_decimal(_decimal(value), locale=locale_name())
    return _number(kind, str(value), locale_name())


def format_percent(value) -> str:
    """A value already in percent (58.3 for 58.3 %), written as the language writes percentages."""
    return _percent(str(value), locale_name())


def format_money(value) -> str:
    """An amount in euros, as the language writes money ("1 250,50 €", "€ 1.250,50", "€1,250.50")."""
    try:
        amount = Decimal(value if value not in (None, "") else 0)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return format_currency(amount, CURRENCY, locale=locale_name())
