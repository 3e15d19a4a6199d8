"""{% figure cell %}: a published figure, or the words of a hidden one (fast enough for big tables)."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from interlab.impact.disclosure import THRESHOLD

register = template.Library()


@register.simple_tag
def figure(cell, unit: str = ""):
    if not isinstance(cell, dict):
        return "—"
    if cell.get("suppressed"):
        # A word, never "< 5" beside a unit: a hidden amount is not "under 5 euros".
        return format_html(
            '<abbr class="not-shown" title="{}">{}</abbr>',
            _("not shown: fewer than %(n)s people, businesses or referrals, to protect them") % {"n": THRESHOLD},
            _("not shown"),
        )
    value = cell.get("value")
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_html("{}{}", number_format(value, use_l10n=True, force_grouping=True), unit)
