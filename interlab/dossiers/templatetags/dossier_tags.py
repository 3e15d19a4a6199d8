"""Template filters of the dossiers: money as the reader's language writes it."""

from django import template

from interlab.core.formatting import format_money

register = template.Library()


@register.filter
def eur(value) -> str:
    """1234.5 → "1 234,50 €" in French, "€ 1.234,50" in Dutch: money as the reader's language writes it (CLDR)."""
    return format_money(value)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
