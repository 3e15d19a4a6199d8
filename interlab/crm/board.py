"""What each card of the pipeline board says and links to, worded once in Python for the template to place.

The board draws some 200 cards; five {% blocktranslate %} and three {% url %} per card were most of the page's
time. The words are the same messages (same msgids) the template used to translate.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from interlab.core.http import url_for_each

from .selectors import BoardColumn


@dataclass(slots=True)
class CardText:
    name: str
    days: str
    pick_label: str
    move_label: str
    invite_label: str
    move_url: str
    file_url: str
    invite_url: str


def dress(columns: list[BoardColumn]) -> list[BoardColumn]:
    """Give each card its `text` (CardText), in the active language."""
    move_url = url_for_each("crm:project_move")
    file_url = url_for_each("crm:entrepreneur")
    invite_url = url_for_each("crm:invite")
    for column in columns:
        limit = column.stage.stalled_after_days
        for card in column.cards:
            name = card.entrepreneur.full_name
            days = card.days_in_stage
            if card.is_stalled:
                said = ngettext(
                    "stalled: %(days)s day in this stage (limit %(limit)s)",
                    "stalled: %(days)s days in this stage (limit %(limit)s)",
                    days,
                ) % {"days": days, "limit": limit}
            else:
                said = ngettext("%(days)s day in stage", "%(days)s days in stage", days) % {"days": days}
            card.text = CardText(
                name=name,
                days=said,
                pick_label=gettext("Select %(title)s (%(name)s)") % {"title": card.title, "name": name},
                move_label=gettext("Move the project of %(name)s") % {"name": name},
                invite_label=gettext("Invite %(name)s to InterLab") % {"name": name},
                move_url=move_url(card.pk),
                file_url=file_url(card.entrepreneur_id),
                invite_url=invite_url(card.entrepreneur_id),
            )
    return columns
