"""Writes of the impact app: what coaches record after launch (follow-ups, financing) and the education band; and
showing the dashboard, which refreshes the derived tables, keeps the figures and logs the third-country read."""

import logging
from types import ModuleType
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from interlab.core.errors import Forbidden
from interlab.core.models import User
from interlab.core.services import sensitive_read_log

from . import freshness, selectors
from .models import Financing, FollowUp, Participant
from .participants import participants_refresh_if_stale
from .selectors import Scope
from .spells import spells_refresh_if_stale

if TYPE_CHECKING:  # names for the type hints only: impact reads the pipeline through crm.selectors
    from interlab.crm.models import Entrepreneur, Project

logger = logging.getLogger(__name__)

# The other apps' blocks compute per space and per day, which is slow over a year: kept five minutes.
BLOCK_CACHE_SECONDS = 300


def _staff(by: User) -> None:
    if not (by and by.is_staff_role):
        raise Forbidden("Only coaches and administrators record follow-ups and financing.")


@transaction.atomic
def follow_up_record(
    *,
    project: "Project",
    by: User,
    months_after_launch: int,
    operating: bool,
    jobs_full_time: int = 0,
    jobs_part_time: int = 0,
    checked_on=None,
) -> FollowUp:
    """Record (or correct) the follow-up of a business at one milestone: one row per milestone."""
    _staff(by)

    def fill(follow_up: FollowUp) -> FollowUp:
        follow_up.operating = operating
        follow_up.jobs_full_time = jobs_full_time or 0
        follow_up.jobs_part_time = jobs_part_time or 0
        if checked_on:
            follow_up.checked_on = checked_on
        follow_up.by = by
        # One row per milestone is the database's to enforce: a check here would race the other writer.
        follow_up.full_clean(validate_constraints=False)
        return follow_up

    follow_up = fill(
        _current_follow_up(project, months_after_launch)
        or FollowUp(project=project, months_after_launch=months_after_launch)
    )
    try:
        with transaction.atomic():
            follow_up.save()
    except IntegrityError:
        # Two coaches recorded the same milestone at the same moment: the later one corrects the first.
        follow_up = fill(
            FollowUp.objects.select_for_update().get(project=project, months_after_launch=months_after_launch)
        )
        follow_up.save()
    return follow_up


def _current_follow_up(project: "Project", months_after_launch: int) -> FollowUp | None:
    return FollowUp.objects.filter(project=project, months_after_launch=months_after_launch).first()


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp, by: User) -> None:
    _staff(by)
    follow_up.delete()


@transaction.atomic
def financing_record(*, project: "Project", by: User, source: str, amount, obtained_on=None) -> Financing:
    _staff(by)
    financing = Financing(project=project, source=source, amount=amount, by=by)
    if obtained_on:
        financing.obtained_on = obtained_on
    financing.full_clean()
    financing.save()
    return financing


@transaction.atomic
def financing_delete(*, financing: Financing, by: User) -> None:
    _staff(by)
    financing.delete()


@transaction.atomic
def education_set(*, entrepreneur: "Entrepreneur", by: User, education_level: str) -> Participant:
    _staff(by)
    participant, _created = Participant.objects.get_or_create(entrepreneur=entrepreneur)
    participant.education_level = education_level or ""
    participant.full_clean()
    participant.save()
    return participant


# --- showing the figures ----------------------------------------------------------------------------------------


def summary(user: User, scope: Scope) -> dict:
    """Every figure of the dashboard for one scope, as shown to `user`, aggregated and protected.

    Showing them writes: the derived tables are brought up to date first (stage spells; participants loaded in
    bulk without signals), the figures of a scope are kept (see freshness.py) until a write changes them
    ("generated_at", shown as "figures as of", is when they were computed), and the third-country count, a
    count over residence situations, is a sensitive read logged each time it is shown.
    """
    spells_refresh_if_stale()
    key = selectors.summary_key(scope, selectors.last_stage_event(), freshness.version())
    kept = freshness.get(key)
    if kept is None:
        participants_refresh_if_stale()
        kept = {"generated_at": timezone.now(), "figures": selectors.core_figures(user, scope)}
        freshness.put(key, kept)
    sensitive_read_log(
        user=user, entrepreneur_id=None, fields=["residence_situation"], context="impact: third-country nationals count"
    )
    blocks = {
        name: cached_block(module, function, **kwargs)
        for name, (module, function, kwargs) in selectors.partner_block_sources(scope).items()
    }
    return selectors.summary_document(scope, kept, blocks)


def cached_block(module: ModuleType, function: str, **kwargs) -> dict | None:
    """selectors.optional_block, kept BLOCK_CACHE_SECONDS in the cache."""
    key = selectors.block_key(module, function, kwargs)
    missing = object()  # a block may be kept as None (the app had nothing to say)
    data = freshness.get(key, missing)  # a cache out of reach only costs time (see freshness._quiet)
    if data is missing:
        data = selectors.optional_block(module, function, **kwargs)
        freshness.put(key, data, BLOCK_CACHE_SECONDS)
    return data
