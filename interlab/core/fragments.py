"""Parts of pages kept rendered in the cache, under a version that every write to what they show replaces.

A page that many people open and few change (the pipeline board, the funders' dashboard) keeps the HTML of its
heavy part under a key made of the part's name, the version of the data it shows and whatever else it depends on
(the person, the filters, the language). A write to a watched model replaces the version at once and again after
its transaction commits (so that a page read while the transaction ran cannot keep the old rows under the new
version); the next page renders afresh. Writes that reach the database without Django's signals (a queryset's
update(), raw SQL) call `changed()` themselves; a part never outlives the seconds it was stored for, which bounds
what time alone changes (days counted, invitations that lapse).

Nothing here takes a page down: when the cache cannot be reached, parts are rendered every time.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from .signals import data_restored

logger = logging.getLogger(__name__)


def _quiet(call, *args, default=None):
    try:
        with transaction.atomic():  # a savepoint: a failed cache query leaves the caller's transaction usable
            return call(*args)
    except Exception:  # noqa: BLE001 - a cache away costs time, never the page
        logger.warning("fragments: the cache is unavailable", exc_info=True)
        return default


def _version_key(name: str) -> str:
    return f"fragments:{name}:version"


def version(name: str) -> str:
    """The current version of the data behind the parts called `name`."""
    key = _version_key(name)
    token = _quiet(cache.get, key)
    if token is None:
        _quiet(cache.add, key, uuid.uuid4().hex, None)
        token = _quiet(cache.get, key) or "none"
    return token


def _bump(name: str) -> None:
    _quiet(cache.set, _version_key(name), uuid.uuid4().hex, None)


def changed(name: str) -> None:
    """Forget every part called `name`: now, and once the current transaction (if any) commits."""
    _bump(name)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    marks = getattr(connection, "_fragments_marks", None)
    # Django replaces its list of commit hooks after each commit or rollback: the marks go with it.
    if marks is None or marks[0] is not connection.run_on_commit:
        marks = connection._fragments_marks = (connection.run_on_commit, set())
    if name in marks[1]:
        return
    marks[1].add(name)
    transaction.on_commit(lambda: _bump(name))


def watch(name: str, models: Iterable) -> None:
    """Replace the version of `name` on every save, delete or many-to-many change of these models, and after a
    restore of the whole database."""

    def receiver(**_kwargs):
        changed(name)

    receiver.__name__ = f"fragments_{name}_changed"
    watch.receivers.append(receiver)  # signals hold weak references: keep the receiver alive
    for model in models:
        uid = f"fragments-{name}-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                receiver, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}", weak=False
            )
    data_restored.connect(receiver, dispatch_uid=f"fragments-{name}-restored", weak=False)


watch.receivers = []


def key(name: str, *parts, versioned: bool = True) -> str:
    """The cache key of one part: its name, its data's version, the active language and what else it depends on
    (with versioned=False, the caller's parts hold the version: an app that keeps its own, as impact does)."""
    raw = "\x1f".join(str(part) for part in (version(name) if versioned else "", get_language() or "", *parts))
    return f"fragments:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def kept(name: str, parts: tuple, render: Callable[[], object], seconds: int, *, versioned: bool = True):
    """The part called `name` for these `parts`: from the cache when it is there, else rendered and kept."""
    cache_key = key(name, *parts, versioned=versioned)
    value = _quiet(cache.get, cache_key)
    if value is None:
        value = render()
        _quiet(cache.set, cache_key, value, seconds)
    return value
