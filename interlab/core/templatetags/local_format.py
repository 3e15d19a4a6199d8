"""Dates, numbers, percentages and money in the reader's language, from CLDR (interlab.core.formatting).

{{ booking.start|day:"weekday_day" }}   mardi 15 décembre · вівторок, 15 грудня
{{ amount|money }}                      1 250,50 € · € 1.250,50
{{ share|percent }}  {{ count|number }}
"""

from django import template

from interlab.core import formatting, languages

register = template.Library()


@register.filter
def day(value, style: str = "long") -> str:
    return formatting.format_day(value, style)


@register.filter
def moment(value, style: str = "long") -> str:
    return formatting.format_moment(value, style)


@register.filter
def language_word(code) -> str:
    """A language's name in the reader's language, never its code ("uk" → "ukrainien"). (Django's i18n library
    has a `language_name` filter of its own, limited to the languages Django knows: hence another name.)"""
    return languages.language_name(str(code or ""))


@register.filter
def language_words(codes) -> list[str]:
    return languages.language_names(codes or [])


@register.filter
def money(value) -> str:
    return formatting.format_money(value)


@register.filter
def number(value) -> str:
    return "" if value in (None, "") else formatting.format_number(value)


@register.filter
def percent(value) -> str:
    return "" if value in (None, "") else formatting.format_percent(value)
