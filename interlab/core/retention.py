"""The retention schedule: which personal data goes when, acting through each app's data-protection interface.

When a rule acts is data (core.RetentionRule, edited by admins); what it does is code, in the app that holds the
data (`personal_data.RETENTION`, see retention_actions.py); this module runs the rules in order. A run, real or
dry, is recorded as a RetentionRun whose report holds counts and row ids only, never a name.
"""

import logging
from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RetentionRule, RetentionRun, RetentionUnit, User
from .retention_actions import ACTIONS, REPORT_MAX_IDS, ActionSpec, Claimed, bulk_rule
from .retention_report import retention_report_send

__all__ = ["ACTIONS", "ActionSpec", "Claimed", "bulk_rule", "period_error", "retention_rules", "retention_run"]

logger = logging.getLogger(__name__)

# A long run saves its report every this many rows: stopped by the worker's time limit, it still tells what it did.
REPORT_SAVE_EVERY = 100


def period_error(rule: RetentionRule) -> str | None:
    """A period under the rule's floor is refused: '1 day' instead of '1 year' would erase nearly everyone."""
    spec = ACTIONS.get(rule.action)
    if spec is None or not rule.after or rule.unit not in RetentionUnit.values:
        return None
    if rule.approximate_days() > rule.MAX_YEARS * 366:
        return str(_("At most %(years)s years.") % {"years": rule.MAX_YEARS})
    now = timezone.now()
    if now - rule.cutoff(now) < timezone.timedelta(days=spec.minimum_days):
        return str(_("This rule needs at least %(days)s days.") % {"days": spec.minimum_days})
    return None


def retention_rules() -> list[RetentionRule]:
    """Every rule, in the order they run, each with its spec attached for display."""
    rules = list(RetentionRule.objects.all())
    order = list(ACTIONS)
    rules.sort(key=lambda rule: order.index(rule.action) if rule.action in order else len(order))
    for rule in rules:
        rule.spec = ACTIONS.get(rule.action)
    return rules


def _run_rule(
    rule: RetentionRule, *, dry_run: bool, now: datetime, claimed: Claimed, progress: Callable[[dict], None]
) -> dict:
    spec = ACTIONS[rule.action]
    cutoff = rule.cutoff(now)
    entry = {
        "action": rule.action,
        "after": rule.after,
        "unit": rule.unit,
        "cutoff": cutoff.isoformat(),
        "enabled": rule.enabled,
        "count": 0,
        "ids": [],
        "ids_truncated": False,
        "skipped": 0,
        "failures": [],  # the first REPORT_MAX_IDS only; "failed" counts them all
        "failed": 0,
    }
    if not rule.enabled:
        return entry
    if now - cutoff < timezone.timedelta(days=spec.minimum_days):
        # Written around the form (shell, fixture, bulk update): '0' or '1 day' would take nearly everyone.
        logger.error("retention %s refused: its period is under %s days", rule.action, spec.minimum_days)
        _fail(entry, None, "PeriodTooShort")
        return entry
    try:
        ids = spec.candidates(cutoff, claimed)
    except Exception as exc:  # the selection itself failed: nothing done by this rule, the others still run
        logger.exception("retention %s failed to select", rule.action)
        _fail(entry, None, type(exc).__name__)
        return entry
    if spec.claim is not None:
        spec.claim(ids, claimed)
    if spec.apply_bulk is not None:
        try:
            if dry_run:
                count = spec.count_bulk(cutoff, claimed)
            else:
                with transaction.atomic():
                    count = spec.apply_bulk(cutoff)
        except Exception as exc:  # reported like a person's failure; the other rules still run
            logger.exception("retention %s failed", rule.action)
            _fail(entry, None, type(exc).__name__)
            return entry
        sample = ids[:REPORT_MAX_IDS]  # the report keeps a sample: there may be millions of rows
        entry.update(count=count, ids=sample, ids_truncated=count > len(sample))
        return entry
    if dry_run:
        done = ids
    else:
        done = []
        for pk in ids:
            try:
                with transaction.atomic():
                    applied = spec.apply(pk, cutoff)
            except Exception as exc:  # one person's failure must not stop the others; it is reported
                logger.exception("retention %s failed on id %s", rule.action, pk)
                _fail(entry, pk, type(exc).__name__)
                continue
            if applied:
                done.append(pk)
                if len(done) % REPORT_SAVE_EVERY == 0:
                    _fill(entry, done)
                    progress(entry)
            else:
                entry["skipped"] += 1
    _fill(entry, done)
    return entry


def _fail(entry: dict, pk: int | None, error: str) -> None:
    entry["failed"] += 1
    if len(entry["failures"]) < REPORT_MAX_IDS:
        entry["failures"].append({"id": pk, "error": error})


def _fill(entry: dict, done: list[int]) -> None:
    entry["count"] = len(done)
    entry["ids"] = done[:REPORT_MAX_IDS]
    entry["ids_truncated"] = len(done) > REPORT_MAX_IDS


def retention_run(*, dry_run: bool, by: User | None = None, notify: bool = True) -> RetentionRun:
    """Apply (or, dry, only list) every enabled rule; record and return the run.

    Safe to run twice, even at once: each row is re-checked under a lock before it is touched, and what is
    already erased, cleared or deleted no longer qualifies. Each person is one transaction: a failure is
    reported and the run goes on. After a real run, admins get the report by e-mail.
    """
    now = timezone.now()
    run = RetentionRun.objects.create(started_at=now, dry_run=dry_run, triggered_by=by)
    claimed = Claimed()
    entries: list[dict] = []

    def save(current: dict | None = None) -> None:
        # Saved after each rule, and during a long one: a run stopped midway still tells what it erased.
        run.report = {"now": now.isoformat(), "rules": [*entries, current] if current else list(entries)}
        run.save(update_fields=["report"])

    for rule in retention_rules():
        if rule.spec:
            entries.append(_run_rule(rule, dry_run=dry_run, now=now, claimed=claimed, progress=save))
            save()
    run.finished_at = timezone.now()
    run.save(update_fields=["report", "finished_at"])
    if not dry_run and notify:
        retention_report_send(run)
    return run
