"""What a retention rule is: each app declares the rules it carries out (`personal_data.RETENTION`) as ActionSpecs;
interlab.core.retention runs them."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.functional import Promise

from . import interfaces
from .models import RetentionAction, RetentionRule, register_retention_action, retention_action_choices

# A report lists at most this many ids per rule: enough to check a run, small enough to mail and store.
REPORT_MAX_IDS = 500


@dataclass
class Claimed:
    """The people a rule of the run takes whole (the erasure), for the later rules of the same run.

    Their rows are erased by that rule first, so the later rules leave them out: a dry run must count what the
    real run then finds, not the same rows twice. Ids are the files' (crm.Entrepreneur) ids; e-mails and user
    names are lower-case.
    """

    ids: set[int] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    usernames: set[str] = field(default_factory=set)


# --- what a rule is -------------------------------------------------------------------------------------------
# Each app declares the rules it carries out in its personal_data.RETENTION (interlab.core.interfaces).
# candidates(cutoff, claimed) -> ids, in a stable order. apply(id, cutoff) -> True when done, False when the row
# no longer qualifies (someone was faster, or the person became active meanwhile); an exception is a failure.
# Bulk rules (whole rows of logs) have count_bulk(cutoff, claimed) and apply_bulk(cutoff) -> count instead, one
# statement.


@dataclass(frozen=True)
class ActionSpec:
    action: str
    default_after: int
    default_unit: str
    minimum_days: int  # a floor no admin typo can go under
    effect: Promise  # what happens, in one sentence
    rows: Promise  # "%(count)s <what the ids of the report are>", plural-aware
    candidates: Callable[[datetime, Claimed], list[int]]
    apply: Callable[[int, datetime], bool] | None = None
    apply_bulk: Callable[[datetime], int] | None = None
    count_bulk: Callable[[datetime, Claimed], int] | None = None
    # A rule that takes people whole (the erasure) says who they are, for the later rules of the run.
    claim: Callable[[list[int], Claimed], None] | None = None
    # The rule's name, for a rule an app adds (the built-in ones are named by RetentionAction).
    label: Promise | str | None = None

    @property
    def claims_people(self) -> bool:
        return self.claim is not None


def bulk_rule(
    queryset_for: Callable[[datetime], QuerySet],
    *,
    erased_with: str = "",
    without_claimed: Callable[[QuerySet, Claimed], QuerySet] | None = None,
):
    """A rule over log rows: one DELETE, a count, and only the first ids as a sample (there may be millions).

    Returns (candidates, count_bulk, apply_bulk) for an ActionSpec. `erased_with`: the rows whose field of that
    name is the user name of someone the erasure rule of the same run takes are deleted by that erasure first;
    the dry run leaves them out, as the real run then finds them gone. `without_claimed(rows, claimed)`, for rows
    linked to those people otherwise (a file, an address): `rows` less those the erasure deletes first.
    """

    def selected(cutoff: datetime, claimed: Claimed) -> QuerySet:
        rows = queryset_for(cutoff)
        if without_claimed is not None and (claimed.ids or claimed.emails or claimed.usernames):
            rows = without_claimed(rows, claimed)
        return rows

    def candidates(cutoff: datetime, claimed: Claimed) -> list[int]:
        rows = selected(cutoff, claimed).order_by("pk")
        if not erased_with or not claimed.usernames:
            return list(rows.values_list("pk", flat=True)[:REPORT_MAX_IDS])
        ids = []
        for pk, name in rows.values_list("pk", erased_with).iterator():
            if name.lower() not in claimed.usernames:
                ids.append(pk)
                if len(ids) == REPORT_MAX_IDS:
                    break
        return ids

    def count_bulk(cutoff: datetime, claimed: Claimed) -> int:
        count = selected(cutoff, claimed).count()
        if erased_with and claimed.usernames:
            taken = sorted(claimed.usernames)
            rows = selected(cutoff, claimed).annotate(_taken=Lower(erased_with))
            for start in range(0, len(taken), 1000):  # bounded IN lists (SQLite allows few parameters)
                count -= rows.filter(_taken__in=taken[start : start + 1000]).count()
        return count

    def apply_bulk(cutoff: datetime) -> int:
        rows = queryset_for(cutoff)
        deleted, by_model = rows.delete()
        return by_model.get(rows.model._meta.label, deleted)

    return candidates, count_bulk, apply_bulk


# Every app's rules by action, filled once the apps are ready (CoreConfig.ready): the rule that takes people
# whole first, then in the order RetentionAction lists them.
ACTIONS: dict[str, ActionSpec] = {}


def load_actions() -> None:
    order = list(RetentionAction.values)
    specs = sorted(
        interfaces.retention_actions(),
        key=lambda spec: (not spec.claims_people, order.index(spec.action) if spec.action in order else len(order)),
    )
    ACTIONS.clear()
    ACTIONS.update({spec.action: spec for spec in specs})
    for spec in specs:
        register_retention_action(spec.action, spec.label or spec.action)


def ensure_rules(**_signal_kwargs) -> int:
    """A rule of the schedule for every action an app carries out, with the app's default period (after
    `migrate`); rules admins already set are left as they are. Returns how many were added."""
    added = 0
    for spec in ACTIONS.values():
        _rule, created = RetentionRule.objects.get_or_create(
            action=spec.action, defaults={"after": spec.default_after, "unit": spec.default_unit}
        )
        added += created
    return added


def action_label(action: str) -> str:
    """A rule's name in words."""
    return str(dict(retention_action_choices()).get(action, action))
