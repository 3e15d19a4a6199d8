"""A new app's data-protection interface, as a later app would write it; it records what core asked of it."""

from django.db.models import QuerySet
from django.utils.translation import ngettext_lazy

from interlab.core.interfaces import ExportFile, Person, PersonRefs
from interlab.core.models import RetentionUnit, User
from interlab.core.retention_actions import ActionSpec, Claimed

ERASED: list[Person] = []

PERSONAL_DATA: list = []


def me(user, request=None) -> dict:
    return {"extra_badge": f"badge-{user.pk}"}


def export(user, request=None) -> dict:
    return {"extra_app": {"greeting": f"hello {user.username}"}}


def files(user, request=None) -> list[ExportFile]:
    return [
        ExportFile(
            app="extra_app",
            title="notes",
            content_type="text/plain",
            meta={"kind": "notes"},
            render=lambda: f"notes of {user.username}".encode(),
        )
    ]


def erase(person: Person) -> None:
    ERASED.append(person)


def activity(cutoff, refs: PersonRefs) -> list[QuerySet]:
    """A login whose name starts with "busy-" counts as active in this app."""
    return [User.objects.filter(pk=refs.user, username__startswith="busy-")]


# Notes the app keeps (id, written at): its retention rule deletes those older than the rule's period.
NOTES: dict[int, object] = {}


def _notes_candidates(cutoff, claimed: Claimed) -> list[int]:
    return sorted(pk for pk, written in NOTES.items() if written < cutoff)


def _notes_apply(pk: int, cutoff) -> bool:
    return NOTES.pop(pk, None) is not None


RETENTION = [
    ActionSpec(
        "extra_notes",
        30,
        RetentionUnit.DAYS,
        1,
        "Notes of the extra app older than this are deleted.",
        ngettext_lazy("%(count)s note", "%(count)s notes", "count"),
        _notes_candidates,
        apply=_notes_apply,
        label="delete the extra app's old notes",
    )
]
