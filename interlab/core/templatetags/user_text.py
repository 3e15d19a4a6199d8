"""Marking what people wrote themselves (a coach's note, a booking's title): it is shown as typed, never
translated, so it gets `dir="auto"` (an Arabic note on an English page, a French title on an Arabic one) and
`data-user-text`, which tells the language checks to leave it out."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def user_text(value) -> str:
    """`value` in a `<span dir="auto" data-user-text>`; nothing for an empty value."""
    if value in (None, ""):
        return ""
    return format_html('<span dir="auto" data-user-text>{}</span>', value)
