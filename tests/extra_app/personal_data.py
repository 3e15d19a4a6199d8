"""A new app's data-protection interface, as a later app would write it; it records what core asked of it."""

from django.db.models import QuerySet

from interlab.core.interfaces import ExportFile, Person, PersonRefs
from interlab.core.models import User

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
