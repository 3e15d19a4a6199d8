"""The retention schedule: which personal data goes when, acting through each app's erasure services.

Rules are data (core.RetentionRule, edited by admins); what each rule does is code, below. A run, real or
dry, is recorded as a RetentionRun whose report holds counts and row ids only, never a name.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .models import LoginFailure, RetentionAction, RetentionRule, RetentionRun, RetentionUnit, SensitiveRead, User

logger = logging.getLogger(__name__)

# A report lists at most this many ids per rule: enough to check a run, small enough to mail and store.
REPORT_MAX_IDS = 500
# A long run saves its report every this many rows: stopped by the worker's time limit, it still tells what it did.
REPORT_SAVE_EVERY = 100


def inactive_entrepreneurs(cutoff: datetime) -> QuerySet:
    """People (not erased) with no sign of activity since `cutoff`.

    Activity is any of: the file created or edited; a note, meeting or call; a task created or done; a stage
    change of one of their projects; a referral made or closed; a document uploaded or requested; a consent
    given or withdrawn; a login of their account or a use of its API token; a booking or a waiting-list entry
    (made, or starting) in the tiers-lieu; a mentoring pair proposed, accepted, running or ended, or a session
    held; a dossier edited, pending at the Region, open to appeal, or a professional card still valid; an event
    registration or attendance (linked to the file, or made with its e-mail); an impact follow-up or financing.

    Never selected: anyone whose account is not a plain entrepreneur's (staff, mentor, superuser): the erasure
    would lock a working account, so theirs is done by hand.
    """
    from cms.models import EventRegistration
    from interlab.crm.models import (
        Document,
        DocumentRequest,
        Entrepreneur,
        Interaction,
        Referral,
        StageTransition,
        Task,
    )
    from interlab.dossiers.models import Dossier, Status
    from interlab.impact.models import Financing, FollowUp
    from interlab.mentoring.models import Match, MatchStatus, MentoringSession
    from interlab.tierslieu.models import Booking, WaitlistEntry

    from .models import ApiToken, Consent, Role

    person = OuterRef("pk")
    day = timezone.localdate(cutoff)
    recent = [
        Interaction.objects.filter(entrepreneur=person, occurred_at__gte=cutoff),
        Task.objects.filter(Q(created_at__gte=cutoff) | Q(done_at__gte=cutoff), entrepreneur=person),
        StageTransition.objects.filter(project__entrepreneur=person, at__gte=cutoff),
        Referral.objects.filter(Q(referred_on__gte=day) | Q(closed_on__gte=day), entrepreneur=person),
        Document.objects.filter(entrepreneur=person, uploaded_at__gte=cutoff),
        DocumentRequest.objects.filter(entrepreneur=person, requested_at__gte=cutoff),
        Consent.objects.filter(Q(given_at__gte=cutoff) | Q(withdrawn_at__gte=cutoff), entrepreneur=person),
        ApiToken.objects.filter(user=OuterRef("user"), last_used_at__gte=cutoff),
        Booking.objects.filter(Q(start__gte=cutoff) | Q(created_at__gte=cutoff), user=OuterRef("user")),
        WaitlistEntry.objects.filter(Q(start__gte=cutoff) | Q(created_at__gte=cutoff), user=OuterRef("user")),
        Match.objects.filter(
            Q(created_at__gte=cutoff)
            | Q(accepted_at__gte=cutoff)
            | Q(ended_at__gte=cutoff)
            | Q(status__in=[MatchStatus.OFFERED, MatchStatus.ACCEPTED, MatchStatus.ACTIVE]),
            mentee=person,
        ),
        MentoringSession.objects.filter(match__mentee=person, held_on__gte=day),
        Dossier.objects.filter(
            Q(updated_at__gte=cutoff)
            | Q(valid_until__gte=timezone.localdate())
            | Q(appeal_deadline__gte=timezone.localdate())
            | Q(status__in=[Status.SUBMITTED, Status.FORWARDED, Status.INFO_REQUESTED]),
            project__entrepreneur=person,
        ),
        EventRegistration.objects.filter(Q(created_at__gte=cutoff) | Q(attended_at__gte=cutoff), entrepreneur=person),
        # Made with their e-mail but not linked (several files shared it, or none yet): the erasure blanks them too.
        EventRegistration.objects.filter(
            Q(created_at__gte=cutoff) | Q(attended_at__gte=cutoff), email__iexact=OuterRef("email")
        ).exclude(email=""),
        FollowUp.objects.filter(project__entrepreneur=person, created_at__gte=cutoff),
        Financing.objects.filter(project__entrepreneur=person, created_at__gte=cutoff),
    ]
    people = Entrepreneur.objects.filter(erased_at__isnull=True, created_at__lt=cutoff, updated_at__lt=cutoff)
    people = people.exclude(user__last_login__gte=cutoff)
    people = people.filter(
        Q(user__isnull=True) | Q(user__role=Role.ENTREPRENEUR, user__is_superuser=False, user__is_staff=False)
    )
    for rows in recent:
        people = people.filter(~Exists(rows))
    return people


# --- what each rule does ------------------------------------------------------------------------------------
# candidates(cutoff, claimed) -> ids, in a stable order. apply(id, cutoff) -> True when done, False when the row
# no longer qualifies (someone was faster, or the person became active meanwhile); an exception is a failure.
# Bulk rules (whole rows of logs) have count_bulk(cutoff, claimed) and apply_bulk(cutoff) -> count instead, one
# statement.


def _erasure_candidates(cutoff: datetime, claimed: set[int]) -> list[int]:
    return list(inactive_entrepreneurs(cutoff).order_by("pk").values_list("pk", flat=True))


def _erasure_apply(pk: int, cutoff: datetime) -> bool:
    from interlab.crm.models import Entrepreneur
    from interlab.crm.services import entrepreneur_erase

    person = Entrepreneur.objects.select_for_update().filter(pk=pk, erased_at__isnull=True).first()
    if person is None or not inactive_entrepreneurs(cutoff).filter(pk=pk).exists():
        return False
    entrepreneur_erase(entrepreneur=person, by=None)
    return True


def _sensitive_candidates(cutoff: datetime, claimed: set[int]) -> list[int]:
    from interlab.crm.models import SensitiveProfile

    profiles = SensitiveProfile.objects.filter(entrepreneur__in=inactive_entrepreneurs(cutoff).values("pk"))
    # People the erasure rule takes in the same run lose their profile with it: counted there, not twice.
    ids = profiles.order_by("entrepreneur_id").values_list("entrepreneur_id", flat=True)
    return [pk for pk in ids if pk not in claimed]


def _sensitive_apply(pk: int, cutoff: datetime) -> bool:
    from interlab.crm.models import Entrepreneur
    from interlab.crm.services import sensitive_profile_clear

    person = Entrepreneur.objects.select_for_update().filter(pk=pk).first()
    if person is None or not inactive_entrepreneurs(cutoff).filter(pk=pk).exists():
        return False
    return sensitive_profile_clear(entrepreneur=person)


def _registrations(cutoff: datetime) -> QuerySet:
    from cms.models import EventRegistration

    ended = Q(event__ends_at__lt=cutoff) | Q(event__ends_at__isnull=True, event__starts_at__lt=cutoff)
    blanked = Q(first_name="", last_name="", phone="", email__endswith="@erased.invalid")
    return EventRegistration.objects.filter(ended).exclude(blanked)


def _claimed_emails(claimed: set[int]) -> set[str]:
    from interlab.crm.models import Entrepreneur

    emails: set[str] = set()
    people = sorted(claimed)
    for start in range(0, len(people), 1000):  # bounded IN lists (SQLite allows few parameters)
        rows = Entrepreneur.objects.filter(pk__in=people[start : start + 1000]).exclude(email="")
        emails.update(email.lower() for email in rows.values_list("email", flat=True))
    return emails


def _registration_candidates(cutoff: datetime, claimed: set[int]) -> list[int]:
    # The erasure rule of the same run blanks its people's registrations (linked, or made with their e-mail):
    # the dry run must not count them here when the real run finds them already blanked.
    emails = _claimed_emails(claimed)
    rows = _registrations(cutoff).order_by("pk").values_list("pk", "entrepreneur_id", "email")
    return [pk for pk, person, email in rows.iterator() if person not in claimed and email.lower() not in emails]


def _registration_apply(pk: int, cutoff: datetime) -> bool:
    from interlab.crm.services import event_registration_blank

    if not _registrations(cutoff).filter(pk=pk).exists():
        return False
    return event_registration_blank(registration_id=pk)


def _import_batches(cutoff: datetime) -> QuerySet:
    from interlab.crm.models import ImportBatch

    return ImportBatch.objects.filter(created_at__lt=cutoff)


def _claimed_usernames(claimed: set[int]) -> list[str]:
    from interlab.crm.models import Entrepreneur

    names: set[str] = set()
    people = sorted(claimed)
    for start in range(0, len(people), 1000):
        rows = Entrepreneur.objects.filter(pk__in=people[start : start + 1000], user__isnull=False)
        names.update(name.lower() for name in rows.values_list("user__username", flat=True))
    return sorted(names)


def _bulk(queryset_for: Callable[[datetime], QuerySet], *, erased_with: str = ""):
    """A rule over log rows: one DELETE, a count, and only the first ids as a sample (there may be millions).

    `erased_with`: the rows whose field of that name is the user name of someone the erasure rule of the same run
    takes are deleted by that erasure first; the dry run leaves them out, as the real run then finds them gone.
    """

    def candidates(cutoff: datetime, claimed: set[int]) -> list[int]:
        rows = queryset_for(cutoff).order_by("pk")
        if not erased_with or not claimed:
            return list(rows.values_list("pk", flat=True)[:REPORT_MAX_IDS])
        taken = set(_claimed_usernames(claimed))
        ids = []
        for pk, name in rows.values_list("pk", erased_with).iterator():
            if name.lower() not in taken:
                ids.append(pk)
                if len(ids) == REPORT_MAX_IDS:
                    break
        return ids

    def count_bulk(cutoff: datetime, claimed: set[int]) -> int:
        count = queryset_for(cutoff).count()
        if erased_with and claimed:
            taken = _claimed_usernames(claimed)
            rows = queryset_for(cutoff).annotate(_taken=Lower(erased_with))
            for start in range(0, len(taken), 1000):
                count -= rows.filter(_taken__in=taken[start : start + 1000]).count()
        return count

    def apply_bulk(cutoff: datetime) -> int:
        rows = queryset_for(cutoff)
        deleted, by_model = rows.delete()
        return by_model.get(rows.model._meta.label, deleted)

    return candidates, count_bulk, apply_bulk


@dataclass(frozen=True)
class ActionSpec:
    action: str
    default_after: int
    default_unit: str
    minimum_days: int  # a floor no admin typo can go under
    effect: Promise  # what happens, in one sentence
    rows: Promise  # "%(count)s <what the ids of the report are>", plural-aware
    candidates: Callable[[datetime, set[int]], list[int]]
    apply: Callable[[int, datetime], bool] | None = None
    apply_bulk: Callable[[datetime], int] | None = None
    count_bulk: Callable[[datetime, set[int]], int] | None = None
    claims_people: bool = False


_login_candidates, _login_count, _login_delete = _bulk(
    lambda cutoff: LoginFailure.objects.filter(at__lt=cutoff), erased_with="username"
)
_reads_candidates, _reads_count, _reads_delete = _bulk(lambda cutoff: SensitiveRead.objects.filter(at__lt=cutoff))
_imports_candidates, _imports_count, _imports_delete = _bulk(_import_batches)

ACTIONS: dict[str, ActionSpec] = {
    spec.action: spec
    for spec in [
        ActionSpec(
            RetentionAction.ENTREPRENEUR_INACTIVE,
            3,
            RetentionUnit.YEARS,
            365,
            _(
                "The file of a person without any activity for this long is erased through the GDPR erasure: "
                "names, contact, notes, documents, sensitive profile, mentoring texts, dossiers, bookings' titles "
                "and the login go; stages, dates and anonymous categories stay for the figures."
            ),
            ngettext_lazy("%(count)s entrepreneur file", "%(count)s entrepreneur files", "count"),
            _erasure_candidates,
            apply=_erasure_apply,
            claims_people=True,
        ),
        ActionSpec(
            RetentionAction.SENSITIVE_PROFILE_INACTIVE,
            2,
            RetentionUnit.YEARS,
            180,
            _(
                "Residence situation, its end date and country of origin of a person without any activity for "
                "this long are deleted; the rest of the file stays."
            ),
            ngettext_lazy("%(count)s entrepreneur file", "%(count)s entrepreneur files", "count"),
            _sensitive_candidates,
            apply=_sensitive_apply,
        ),
        ActionSpec(
            RetentionAction.EVENT_REGISTRATIONS,
            12,
            RetentionUnit.MONTHS,
            30,
            _(
                "Names, e-mail and phone of registrations to events that ended this long ago are blanked; "
                "the registration and the presence stay for the counts."
            ),
            ngettext_lazy("%(count)s event registration", "%(count)s event registrations", "count"),
            _registration_candidates,
            apply=_registration_apply,
        ),
        ActionSpec(
            RetentionAction.IMPORT_BATCHES,
            30,
            RetentionUnit.DAYS,
            1,
            _(
                "Spreadsheets imported into the pipeline keep a copy of their rows for the preview; "
                "that copy is deleted after this long, imported or not."
            ),
            ngettext_lazy("%(count)s import", "%(count)s imports", "count"),
            _imports_candidates,
            apply_bulk=_imports_delete,
            count_bulk=_imports_count,
        ),
        ActionSpec(
            RetentionAction.LOGIN_FAILURES,
            90,
            RetentionUnit.DAYS,
            1,
            _("Failed logins (user name tried, address, time) older than this are deleted."),
            ngettext_lazy("%(count)s failed login", "%(count)s failed logins", "count"),
            _login_candidates,
            apply_bulk=_login_delete,
            count_bulk=_login_count,
        ),
        ActionSpec(
            RetentionAction.SENSITIVE_READS,
            2,
            RetentionUnit.YEARS,
            180,
            _("Lines of the sensitive-read log older than this are deleted."),
            ngettext_lazy("%(count)s log line", "%(count)s log lines", "count"),
            _reads_candidates,
            apply_bulk=_reads_delete,
            count_bulk=_reads_count,
        ),
    ]
}


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
    rule: RetentionRule, *, dry_run: bool, now: datetime, claimed: set[int], progress: Callable[[dict], None]
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
    if spec.claims_people:
        claimed.update(ids)
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
        entry.update(count=count, ids=ids, ids_truncated=count > len(ids))
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
    claimed: set[int] = set()
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
        from .retention_report import retention_report_send

        retention_report_send(run)
    return run
