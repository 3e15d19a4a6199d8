"""{% figure cell %}: a published figure, or the words of a hidden one (fast enough for big tables);
{% figure_label "key" %}: what a figure counts (impact.labels); {% percent value %}; {% slowest_stages data %}."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from interlab.impact import labels
from interlab.impact.disclosure import THRESHOLD
from interlab.impact.formatting import format_number, format_percent, format_with_unit

register = template.Library()


@register.simple_tag
def figure(cell, unit: str = ""):
    """The value in the reader's language; `unit` "%" writes it as a percentage (as the charts do)."""
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
    return format_with_unit(value, unit or cell.get("unit") or "")


@register.simple_tag
def figure_label(key: str, report: str = "summary") -> str:
    return labels.needs(key) if report == "needs" else labels.summary(key)


@register.simple_tag
def percent(value) -> str:
    """A plain number in percent (a baseline that is not a published cell)."""
    return "—" if value is None else format_percent(value)


@register.simple_tag
def slowest_stages(data: dict) -> str:
    """The slowest stage, or the stages tied for it, in a sentence."""
    rows = [row for row in data.get("time_in_stage_days") or [] if row.get("slowest")]
    if not rows:
        return ""
    days = format_number(rows[0]["value"])
    if len(rows) == 1:
        return _("The slowest stage is “%(stage)s”: a median of %(days)s days.") % {
            "stage": rows[0]["label"],
            "days": days,
        }
    stages = ", ".join(f"“{row['label']}”" for row in rows)
    return ngettext(
        "The slowest stages, tied at a median of %(days)s day: %(stages)s.",
        "The slowest stages, tied at a median of %(days)s days: %(stages)s.",
        round(rows[0]["value"]),  # gettext's plural rules take whole numbers
    ) % {"days": days, "stages": stages}
