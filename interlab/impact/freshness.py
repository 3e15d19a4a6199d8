"""When the dashboard's figures were computed, and when they have to be computed again.

The figures of one scope (period, programme, cohort, the funder's programmes, language) are computed once and
kept in the cache under a version token. Every write that can change a figure (a person, a project, a stage
event, a residence situation, a follow-up, financing, a programme's funders...) replaces the token, right away
and again once its transaction commits: the next view computes afresh. A write that reaches the database
without Django's signals (bulk loads, raw SQL) is still picked up: the key also holds the last stage event
and the figures never outlive MAX_AGE_SECONDS. The page shows the moment the figures were computed.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from interlab.core.signals import data_restored
from interlab.crm import selectors as crm_selectors

from .models import Financing, FollowUp, Participant, SurvivalBaseline

logger = logging.getLogger(__name__)

VERSION_KEY = "impact:figures-version"
MAX_AGE_SECONDS = 600


def _quiet(call, *args, default=None):
    """A cache call that never takes the dashboard down (no cache table yet, Redis away): it only costs time."""
    try:
        with transaction.atomic():  # a savepoint: a failed cache query leaves the caller's transaction usable
            return call(*args)
    except Exception:  # noqa: BLE001
        logger.warning("impact: the cache is unavailable", exc_info=True)
        return default


def version() -> str:
    token = _quiet(cache.get, VERSION_KEY)
    if token is None:
        _quiet(cache.add, VERSION_KEY, uuid.uuid4().hex, None)
        token = _quiet(cache.get, VERSION_KEY) or "none"
    return token


def _bump() -> None:
    _quiet(cache.set, VERSION_KEY, uuid.uuid4().hex, None)


def figures_changed(**_signal_kwargs) -> None:
    """Forget every computed figure: now (for this transaction's own reads) and after the commit (for the others,
    so that a view that read the old rows while this transaction ran cannot keep them under the new token)."""
    _bump()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # One bump after the commit is enough however many rows the transaction writes (an import, an erasure).
    # Django replaces its list of commit hooks after each commit or rollback, so the mark goes with it.
    if getattr(connection, "_impact_marked_hooks", None) is connection.run_on_commit:
        return
    transaction.on_commit(_bump)
    connection._impact_marked_hooks = connection.run_on_commit


def get(key: str, default=None):
    """The value kept under `key`; `default` when there is none, or when the cache cannot be reached."""
    return _quiet(cache.get, key, default, default=default)


def put(key: str, value, seconds: int = MAX_AGE_SECONDS) -> None:
    _quiet(cache.set, key, value, seconds)


def connect_signals() -> None:
    """Any write to what the figures are made of: the pipeline's (crm.selectors.figures_models) and impact's own."""
    watched = [*crm_selectors.figures_models(), FollowUp, Financing, Participant, SurvivalBaseline]
    for model in watched:
        uid = f"impact-figures-{model._meta.label_lower}"
        if model._meta.auto_created:  # a many-to-many link (a programme's funders)
            m2m_changed.connect(figures_changed, sender=model, dispatch_uid=uid + "-m2m")
            continue
        post_save.connect(figures_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(figures_changed, sender=model, dispatch_uid=uid + "-delete")
    data_restored.connect(_restored, dispatch_uid="impact-figures-restored")


def _restored(**_signal_kwargs) -> None:
    """Figures kept in Redis were computed from the database as it was; the database cache came back with it."""
    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.db.DatabaseCache":
        figures_changed()
