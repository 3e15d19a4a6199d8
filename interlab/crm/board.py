"""The pipeline board: what each card says and links to, and the board kept rendered between changes.

The board draws some 200 cards; five {% blocktranslate %} and three {% url %} per card were most of the page's
time. The words are the same messages (same msgids) the template used to translate.

Coaches open the board far more often than they change it: its filters, bulk actions and columns
(crm/_board_body.html, or crm/_board.html alone for a filter's htmx request) are kept rendered per person and
address (core.fragments), until a write to what it shows (a project, a person, a stage, a cohort or programme, a
coach's name, an invitation) or BOARD_SECONDS, which bounds what time alone changes (days in a stage, stalls,
invitations that lapse).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext, ngettext

from interlab.core import fragments
from interlab.core.http import url_for_each
from interlab.core.models import Invitation, User

from .models import Cohort, Entrepreneur, Programme, Project, Stage, StageTransition
from .selectors import BoardColumn

FRAGMENT = "crm-board"
BOARD_SECONDS = 60


def watch() -> None:
    """Connected once the apps are ready (CrmConfig.ready)."""
    fragments.watch(FRAGMENT, [Project, Entrepreneur, Stage, StageTransition, Cohort, Programme, User, Invitation])


def changed() -> None:
    """For writes that reach the database without a model's signals (a queryset's update())."""
    fragments.changed(FRAGMENT)


def rendered(request, *, partial: bool, context) -> tuple[str, bool]:
    """The board's body for this request (its HTML, and whether the filters were refused), rendered by
    `context()` only when it is not kept already."""

    def render():
        values = context()
        template = "crm/_board.html" if partial else "crm/_board_body.html"
        return str(render_to_string(template, values, request=request)), bool(values["form"].errors)

    html, refused = fragments.kept(FRAGMENT, (request.user.pk, partial, request.get_full_path()), render, BOARD_SECONDS)
    return html, refused


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
