"""Writes of the impact app: what coaches record after launch (follow-ups, financing) and the education band; and
showing the dashboard, which refreshes the derived tables, keeps the figures and logs the third-country read."""

import copy
import hashlib
import json
import logging
from types import ModuleType
from typing import TYPE_CHECKING

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from interlab.core.errors import Forbidden
from interlab.core.models import User
from interlab.core.services import sensitive_read_log

from . import disclosure, freshness, selectors
from . import labels as figure_labels
from .models import Financing, FollowUp, Participant, Release
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

    A closed period's figures are released once for its group and then shown as released (see release()); the
    current period, shown to staff only, is computed as it stands: the derived tables are brought up to date
    first, and the figures are kept (see freshness.py) until a write changes them. Either way every count is
    protected (impact.disclosure) before it is kept. The third-country count, a count over residence
    situations, is a sensitive read logged each time it is shown.
    """
    summary_shown(user)
    if scope.closed:
        document = release(Release.Kind.SUMMARY, scope, lambda: _summary_now(user, scope))
    else:
        document = _published(_summary_now(user, scope), scope, released_at=None)
    # Said again on what was released: a period released before ties were said shows them too.
    return selectors.mark_slowest(document)


def summary_shown(user: User) -> None:
    """The log of a sensitive read, each time the figures are shown (computed or kept rendered): the third-country
    count is a count over residence situations."""
    sensitive_read_log(
        user=user, entrepreneur_id=None, fields=["residence_situation"], context="impact: third-country nationals count"
    )


def _summary_now(user: User, scope: Scope) -> dict:
    spells_refresh_if_stale()
    key = selectors.summary_key(scope, selectors.last_stage_event(), freshness.version())
    kept = freshness.get(key)
    if kept is None:
        participants_refresh_if_stale()
        kept = {"generated_at": timezone.now(), "figures": selectors.core_figures(user, scope)}
        freshness.put(key, kept)
    blocks = {
        name: cached_block(module, function, **kwargs)
        for name, (module, function, kwargs) in selectors.partner_block_sources(scope).items()
    }
    return selectors.summary_document(scope, kept, blocks)


def needs_report(user: User, scope: Scope) -> dict:
    """The needs report for the Region: released like the dashboard's figures."""
    if scope.closed:
        return release(Release.Kind.NEEDS, scope, lambda: selectors.needs_report(user, scope))
    return _published(selectors.needs_report(user, scope), scope, released_at=None)


def release(kind: str, scope: Scope, compute) -> dict:
    """The figures of a closed period for the scope's group: computed once, in no language, then kept as released.

    Corrections made after the release go into no released figure (statistical offices publish them with the
    next period): so a reader who polls a period before and after a person joins, leaves or is corrected sees the
    same figures.
    """
    key = hashlib.sha256(repr((kind, scope.period.code, scope.group)).encode()).hexdigest()
    kept = Release.objects.filter(key=key).first()
    if kept is None:
        with translation.override(None):  # labels as written in the code: put in each reader's language later
            document = json.loads(json.dumps(compute(), cls=DjangoJSONEncoder))
        try:
            with transaction.atomic():
                kept = Release.objects.create(
                    key=key, kind=kind, period=scope.period.code, group=scope.group, document=document
                )
        except IntegrityError:  # released by another view at the same moment: theirs stands
            kept = Release.objects.get(key=key)
    return _published(relabel(kept.document), scope, released_at=kept.released_at)


def _published(document: dict, scope: Scope, *, released_at) -> dict:
    document = dict(document)
    generated = document.get("generated_at")
    if isinstance(generated, str):
        document["generated_at"] = parse_datetime(generated)
    document.update(
        {
            "from": scope.start,
            "to": scope.end,
            "period": scope.period.code,
            "period_label": scope.period.label,
            "released_at": released_at,
            "provisional": released_at is None,
            "protection": disclosure.method(),
            "programme_name": scope.programme.name if scope.programme else "",
            "cohort_name": scope.cohort.name if scope.cohort else "",
        }
    )
    return document


STAGE_ROWS = ("funnel", "time_in_stage_days")


def relabel(document: dict) -> dict:
    """A released document with its labels in the reader's language (they were kept as written in the code)."""
    stages = selectors.stage_names()

    def walk(value, section: str = ""):
        if isinstance(value, dict):
            out = {k: walk(v, k if isinstance(v, list | dict) else section) for k, v in value.items()}
            if isinstance(out.get("label"), str):
                rows = figure_labels.ROWS.get(section, {})
                if section in STAGE_ROWS and out.get("key") in stages:
                    out["label"] = stages[out["key"]]
                elif out.get("key") in rows:
                    # Said by key as the code says it now: a label corrected since the release is corrected here.
                    out["label"] = str(rows[out["key"]])
                    if out["key"] in figure_labels.PERCENT_ROWS:
                        out["unit"] = "%"
                else:
                    out["label"] = gettext(out["label"])
            if isinstance(out.get("commune"), str):
                out["commune"] = gettext(out["commune"])
            return out
        if isinstance(value, list):
            return [walk(item, section) for item in value]
        return value

    return walk(copy.deepcopy(document))


def cached_block(module: ModuleType, function: str, **kwargs) -> dict | None:
    """selectors.optional_block, kept BLOCK_CACHE_SECONDS in the cache."""
    key = selectors.block_key(module, function, kwargs)
    missing = object()  # a block may be kept as None (the app had nothing to say)
    data = freshness.get(key, missing)  # a cache out of reach only costs time (see freshness._quiet)
    if data is missing:
        data = selectors.optional_block(module, function, **kwargs)
        freshness.put(key, data, BLOCK_CACHE_SECONDS)
    return data
