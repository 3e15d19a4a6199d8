"""Template filters of the dossiers: money as written in Belgian French."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()
NARROW_NBSP = "\u202f"


@register.filter
def eur(value) -> str:
    """1234.5 → "1 234,50 €" (narrow no-break space between thousands, comma for cents)."""
    try:
        amount = Decimal(value or 0).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "−" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{NARROW_NBSP.join(groups)},{cents}\u00a0€"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
