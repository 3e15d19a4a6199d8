"""Numbers and percentages as the reader's language writes them, for the tables, the charts and the PDF alike: one
formatter, so that a page never shows "90.9 %" in a chart beside "90,9 %" in its table. Numbers and percentages come
from interlab.core.formatting, which the tiers-lieu's pages use too."""

from interlab.core.formatting import NBSP, format_money, format_number, format_percent

__all__ = ["NBSP", "format_money", "format_number", "format_percent", "format_with_unit"]


def format_with_unit(value, unit: str = "") -> str:
    """A value and its unit: "%" gives the language's percentage; another unit follows after a non-breaking space."""
    if unit.strip() == "%":
        return format_percent(value)
    text = format_number(value)
    return f"{text}{NBSP}{unit.strip()}" if unit.strip() else text
