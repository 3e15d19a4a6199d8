"""{% figure cell %}: a published figure, or the "< 5" mark of a hidden one (fast enough for big tables)."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def figure(cell, unit: str = ""):
    if not isinstance(cell, dict):
        return "—"
    if cell.get("suppressed"):
        return format_html('<abbr title="{}">&lt; 5</abbr>', _("fewer than 5: hidden to protect people"))
    value = cell.get("value")
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_html("{}{}", number_format(value, use_l10n=True, force_grouping=True), unit)
