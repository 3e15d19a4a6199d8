"""Numbers and percentages as the reader's language writes them, for the tables, the charts and the PDF alike: one
formatter, so that a page never shows "90.9 %" in a chart beside "90,9 %" in its table."""

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language

# Where the percent sign goes (CLDR's percent patterns): French and Spanish put a non-breaking space before it;
# English, Dutch, Ukrainian and Arabic written in Latin digits put it right after the number.
PERCENT_PATTERNS = {"fr": "{}\u00a0%", "es": "{}\u00a0%"}
PERCENT_PATTERN = "{}%"
NBSP = "\u00a0"


def format_number(value) -> str:
    """A count, amount, median or rate with the language's decimal mark and thousands grouping."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return number_format(value, use_l10n=True, force_grouping=True)


def format_percent(value) -> str:
    """A value already in percent (58.3 for 58.3 %), written as the language writes percentages."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return PERCENT_PATTERNS.get(language, PERCENT_PATTERN).format(format_number(value))
