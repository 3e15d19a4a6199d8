"""The interfaces core reaches every app through, without importing any: `personal_data` and `demo`.

Each installed app may have a `personal_data.py` module: its data-protection interface. Core finds it
through the app registry (in INSTALLED_APPS order, which follows the floors) and calls what it defines:

- `PERSONAL_DATA`, `NOT_PERSONAL`: the data inventory's declarations (interlab.core.inventory);
- `READ_LOGGED`: the fields ("app_label.Model.field") whose every read is logged, and `READ_CONTEXTS`, the
  places where the app logs such reads, in words (the read-log page);
- `PERSON_MODEL`: the app's model that stands for a person ("app_label.Model"), if it has one;
- `me(user, request) -> dict`: fields the app adds to GET /api/v1/me;
- `export(user, request) -> dict`: the app's sections of the person's export (GET /api/v1/me/export);
- `files(user, request) -> list[ExportFile]`: the person's files the app keeps, for the export's ZIP;
- `erase(person: Person) -> None`: the app's part of a GDPR erasure, inside the erasure's transaction;
- `activity(cutoff, refs: PersonRefs) -> list[QuerySet]`: rows that show the person was active since
  `cutoff` (the retention schedule keeps such a file);
- `RETENTION: list[ActionSpec]`: the retention rules the app carries out (interlab.core.retention_actions;
  interlab.core.retention runs them).

Every one is optional. A new app joins by adding its module; core does not change (docs/architecture.md).
"""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module
from types import ModuleType
from typing import IO, Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.module_loading import module_has_submodule

from .models import User


def app_modules(name: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """Each installed app's module `name` (e.g. "personal_data"), in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, name):
            yield config, import_module(f"{config.name}.{name}")


def implementations(function: str) -> Iterator[tuple[AppConfig, Callable]]:
    """The apps' `personal_data.<function>`, for those that define it."""
    for config, module in app_modules("personal_data"):
        implementation = getattr(module, function, None)
        if implementation is not None:
            yield config, implementation


# --- who ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Whom an erasure is about, in terms every app understands: the file's id, the login, the e-mail.

    `entrepreneur` is the pipeline's own record (crm.Entrepreneur), opaque to core; `email` is the file's
    address as it was before the erasure, for rows made with it but never linked to the file.
    """

    entrepreneur_id: int
    entrepreneur: Any
    user: User | None
    email: str = ""
    by: User | None = None


@dataclass(frozen=True)
class PersonRefs:
    """How a retention subquery points at the person being checked: their file, their login, their e-mail."""

    entrepreneur: Any = field(default_factory=lambda: OuterRef("pk"))
    user: Any = field(default_factory=lambda: OuterRef("user"))
    email: Any = field(default_factory=lambda: OuterRef("email"))


@dataclass
class ExportFile:
    """One file of the person: where it is listed, how to read it, and what the listing says about it."""

    app: str
    title: str
    content_type: str
    meta: dict
    storage: Any = None
    name: str = ""
    render: Callable[[], bytes] | None = None  # for a file made on demand (the member card)
    key: tuple = ()

    @classmethod
    def stored(cls, app: str, title: str, field_file, content_type: str, meta: dict) -> "ExportFile":
        """A file kept by a FileField, read through its own storage (local disk or S3)."""
        storage = field_file.storage
        key = (
            type(storage).__qualname__,
            str(getattr(storage, "location", "")),
            getattr(storage, "bucket_name", ""),
            field_file.name,
        )
        return cls(app, title, content_type, meta, storage=storage, name=field_file.name, key=key)

    def open(self) -> IO[bytes]:
        if self.render is not None:
            return io.BytesIO(self.render())
        return self.storage.open(self.name, "rb")


# --- the loops -----------------------------------------------------------------------------------------------


def _merge(function: str, user: User, request: HttpRequest | None, into: dict) -> dict:
    """Every app's part, in floor order; two apps giving the same key is a mistake, not an overwrite."""
    for config, part in implementations(function):
        found = part(user, request)
        clash = set(found) & set(into)
        if clash:
            raise ImproperlyConfigured(f"{config.label}.personal_data.{function} repeats {sorted(clash)}")
        into.update(found)
    return into


def me(user: User, request: HttpRequest | None = None, *, base: dict | None = None) -> dict:
    """The caller's GET /api/v1/me: `base` (the account's own fields) and what every app adds."""
    return _merge("me", user, request, dict(base or {}))


def export(user: User, request: HttpRequest | None = None) -> dict:
    """Every app's sections of the person's export, in floor order."""
    return _merge("export", user, request, {})


def files(user: User, request: HttpRequest | None = None) -> list[ExportFile]:
    found: list[ExportFile] = []
    for _config, listed in implementations("files"):
        found.extend(listed(user, request))
    return found


@transaction.atomic  # all of it or nothing: a half-erased file is worse than either
def erase(person: Person) -> None:
    """Every app's part of an erasure, from the top floor down: rows that point at the person's file or login
    are emptied before the file and the login themselves."""
    for _config, erase_here in reversed(list(implementations("erase"))):
        erase_here(person)


def activity(cutoff: datetime, refs: PersonRefs | None = None) -> list[QuerySet]:
    """Every app's signs of the person's activity since `cutoff`, as subqueries on the person checked."""
    refs = refs or PersonRefs()
    found: list[QuerySet] = []
    for _config, recent in implementations("activity"):
        found.extend(recent(cutoff, refs))
    return found


def retention_actions() -> list:
    """Every app's retention rules (interlab.core.retention.ActionSpec), in floor order."""
    found = []
    for _config, module in app_modules("personal_data"):
        found.extend(getattr(module, "RETENTION", []))
    return found
