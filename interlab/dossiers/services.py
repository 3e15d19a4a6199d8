"""Every write on a dossier: creation and eligibility, content, checklist items, annexes, status, PDF builds."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interlab.core import uploads
from interlab.core.countries import country_codes
from interlab.core.errors import Conflict, Forbidden
from interlab.core.models import User
from interlab.core.notifications import notify
from interlab.core.services import sensitive_read_log
from interlab.core.storage import delete_after_commit
from interlab.crm import services as crm_services
from interlab.crm.choices import ResidenceSituation
from interlab.crm.models import Entrepreneur, Project

from . import finance
from .checklist import checklist, missing
from .models import (
    OPEN_STATUSES,
    RESIDENCE_RULES,
    TRANSITIONS,
    BuildState,
    ChecklistRule,
    Dossier,
    DossierAnnex,
    DossierBuild,
    DossierItem,
    Eligibility,
    Evidence,
    Exemption,
    ExemptionOutcome,
    ItemState,
    RegulatedActivity,
    Status,
)
from .selectors import exemption_implied, is_owner, residence_held

INTEREST_CRITERIA = [
    ("jobs", gettext_lazy("Jobs created")),
    ("investment", gettext_lazy("Investment")),
    ("innovation", gettext_lazy("Innovative or rare activity, new markets")),
    ("local_need", gettext_lazy("Unmet local need")),
    ("social_cultural", gettext_lazy("Social and cultural value")),
]
TEXT_LIMIT = 20_000
MAX_ANNEX_PAGES = 60
MAX_ANNEXES = 40
# A second click while a build waits reuses it; past this age a stuck build no longer blocks a new one.
BUILD_DEDUP_MINUTES = 10
# Dates of the procedure (submission, decision, card validity, appeal) lie within these bounds.
DATE_FLOOR = date(1990, 1, 1)
DATE_REACH = timedelta(days=10 * 366)


@transaction.atomic
def residence_valid_until_read(*, user: User, dossier: Dossier, context: str) -> date | None:
    """The end date of the residence document for the coach or the owner; every read is logged.

    No residence situation held: nothing sensitive was read, nothing is logged, and the request writes nothing.
    """
    held = residence_held(user, dossier)
    if not held:
        return None
    sensitive_read_log(
        user=user, entrepreneur_id=dossier.project.entrepreneur_id, fields=["residence_valid_until"], context=context
    )
    return held[0]


@transaction.atomic
def exemption_read(*, user: User, dossier: Dossier, context: str) -> Exemption | None:
    """The situation the eligibility answer named ("recognised refugee"…), for the coach or the owner: it is the
    residence situation, so every read is logged. No situation held: nothing is read, nothing is logged."""
    if dossier.exemption_id is None or not (user.is_staff_role or is_owner(user, dossier)):
        return None
    sensitive_read_log(
        user=user, entrepreneur_id=dossier.project.entrepreneur_id, fields=["exemption"], context=context
    )
    return dossier.exemption


@dataclass(frozen=True)
class ExemptionProposal:
    """An exemption the person's recorded residence situation implies, for the coach to confirm or set aside."""

    situation: str
    exemption: Exemption

    @property
    def situation_label(self) -> str:
        return str(ResidenceSituation(self.situation).label)

    @property
    def exempt(self) -> bool:
        return self.exemption.outcome == ExemptionOutcome.EXEMPT


@transaction.atomic
def exemption_proposal_read(*, user: User, dossier: Dossier, context: str) -> ExemptionProposal | None:
    """The exemption the person's file implies ("recognised refugee" → exempt), proposed to the coach opening the
    eligibility step. The residence situation is read like any read of it: logged. Nothing implied, or a user who
    may not read it: nothing is read, nothing is logged."""
    held = exemption_implied(user, dossier)
    if not held:
        return None
    sensitive_read_log(
        user=user, entrepreneur_id=dossier.project.entrepreneur_id, fields=["residence_situation"], context=context
    )
    situation, exemption = held[0]
    return ExemptionProposal(situation=situation, exemption=exemption)


@transaction.atomic
def exemption_proposal_confirm(*, dossier: Dossier, by: User, key: str) -> Dossier:
    """The coach confirms the proposed exemption: recorded as the eligibility answer records it."""
    _require_staff(by, _("Only a coach confirms an exemption proposed from the person's file."))
    exemption = Exemption.objects.filter(key=str(key)[:40], active=True).first()
    if exemption is None:
        raise ValidationError({"exemption": _("This exemption is not on the list.")})
    return eligibility_set(dossier=dossier, by=by, exemption=exemption)


@transaction.atomic
def exemption_proposal_dismiss(*, dossier: Dossier, by: User) -> Dossier:
    """The coach sets the proposal aside: not proposed again until the person's sensitive profile changes."""
    _require_staff(by, _("Only a coach sets aside an exemption proposed from the person's file."))
    dossier.exemption_proposal_dismissed_at = timezone.now()
    dossier.save(update_fields=["exemption_proposal_dismissed_at", "updated_at"])
    return dossier


def _holds_residence(build: DossierBuild) -> bool:
    snapshot = build.snapshot if isinstance(build.snapshot, dict) else {}
    annexes = snapshot.get("annexes") or []
    return bool(snapshot.get("exemption")) or any(a.get("item") in RESIDENCE_RULES for a in annexes)


@transaction.atomic
def pdf_read(*, user: User, dossier: Dossier, build: DossierBuild, context: str) -> DossierBuild:
    """A built PDF about to be served: one printed with the exemption or a residence permit reveals the residence
    situation, so its download is logged."""
    if _holds_residence(build):
        sensitive_read_log(
            user=user, entrepreneur_id=dossier.project.entrepreneur_id, fields=["exemption"], context=context
        )
    if ((build.snapshot or {}).get("applicant") or {}).get("nationality"):
        sensitive_read_log(
            user=user,
            entrepreneur_id=dossier.project.entrepreneur_id,
            fields=["applicant_nationality"],
            context=context,
        )
    return build


def _require_party(dossier: Dossier, by: User) -> None:
    if not (by.is_staff_role or is_owner(by, dossier)):
        raise Forbidden(_("Only the entrepreneur and the coaches work on this dossier."))


def _require_staff(by: User, message: str | None = None) -> None:
    if not by.is_staff_role:
        raise Forbidden(message or _("Only coaches can do this."))


def _is_regulated(project: Project) -> bool:
    return any(activity.matches(project.nace_code) for activity in RegulatedActivity.objects.all())


def eligibility_outcome(exemption: Exemption | None) -> str:
    """The wizard's answer: no exemption applies → a card is needed; else exempt, or unsure for uncertain cases."""
    if exemption is None:
        return Eligibility.NEEDED
    return Eligibility.EXEMPT if exemption.outcome == ExemptionOutcome.EXEMPT else Eligibility.UNSURE


@transaction.atomic
def dossier_create(*, project: Project, by: User, exemption: Exemption | None = None, assess: bool = False) -> Dossier:
    """Open a dossier for a project; with `assess`, the eligibility answer is recorded at once."""
    if not (by.is_staff_role or project.entrepreneur.user_id == by.pk):
        raise Forbidden(_("Only the entrepreneur and the coaches work on this dossier."))
    # Lock the project row so that two clicks cannot open two dossiers.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    existing = Dossier.objects.open().filter(project=project).first()
    if existing is not None:
        raise Conflict(_("This project already has a dossier in progress."), code="dossier_exists", dossier=existing.pk)
    dossier = Dossier(project=project, created_by=by, regulated=_is_regulated(project))
    dossier.full_clean()
    dossier.save()
    if assess:
        eligibility_set(dossier=dossier, by=by, exemption=exemption)
    return dossier


@transaction.atomic
def eligibility_set(*, dossier: Dossier, by: User, exemption: Exemption | None) -> Dossier:
    _require_party(dossier, by)
    dossier.eligibility = eligibility_outcome(exemption)
    dossier.exemption = exemption
    flag = dossier.eligibility == Eligibility.UNSURE and not dossier.eligibility_flagged
    if flag:
        project = dossier.project
        # The situation itself stays on the dossier, where its reads are logged: a task title is not.
        crm_services.task_create(
            entrepreneur=project.entrepreneur,
            by=by,
            project=project,
            title=_("Professional card: check whether %(name)s needs one") % {"name": project.entrepreneur.full_name},
            due_date=timezone.localdate() + timedelta(days=7),
            assignee=project.coach,
        )
        dossier.eligibility_flagged = True
    dossier.save(update_fields=["eligibility", "exemption", "eligibility_flagged", "updated_at"])
    return dossier


ADDRESS_LIMIT = 300
OLDEST_BIRTH = date(1900, 1, 1)
YOUNGEST_AGE_YEARS = 15


@transaction.atomic
def applicant_identity_update(
    *, dossier: Dossier, by: User, nationality: str = "", birth_date: date | None = None, address: str = ""
) -> Dossier:
    """The applicant's identity block as the application form asks it: nationality, date of birth, address."""
    _require_party(dossier, by)
    if dossier.status not in (Status.DRAFT, Status.READY, Status.INFO_REQUESTED):
        raise Conflict(_("A submitted dossier is no longer edited; reopen it first."), code="dossier_locked")
    nationality = (nationality or "").strip().upper()
    if nationality and nationality not in country_codes():
        raise ValidationError({"nationality": _("Choose a country from the list.")})
    if birth_date is not None:
        if not isinstance(birth_date, date):
            raise ValidationError({"birth_date": _("Give a date.")})
        latest = timezone.localdate().replace(year=timezone.localdate().year - YOUNGEST_AGE_YEARS)
        if not OLDEST_BIRTH <= birth_date <= latest:
            raise ValidationError({"birth_date": _("This date of birth is not possible for an applicant.")})
    address = _text(address, "address")
    if len(address) > ADDRESS_LIMIT:
        raise ValidationError({"address": _("Keep this under %(n)s characters.") % {"n": ADDRESS_LIMIT}})
    dossier.applicant_nationality = nationality
    dossier.applicant_birth_date = birth_date
    dossier.applicant_address = address
    dossier.save(update_fields=["applicant_nationality", "applicant_birth_date", "applicant_address", "updated_at"])
    return dossier


@transaction.atomic
def applicant_nationality_read(*, user: User, dossier: Dossier, context: str) -> str:
    """The applicant's nationality for the owner or a coach; every read is logged. None given: nothing is read."""
    if not dossier.applicant_nationality or not (user.is_staff_role or is_owner(user, dossier)):
        return ""
    sensitive_read_log(
        user=user, entrepreneur_id=dossier.project.entrepreneur_id, fields=["applicant_nationality"], context=context
    )
    return dossier.applicant_nationality


def _text(value, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError({field: _("Give a text.")})
    if "\x00" in value:
        raise ValidationError({field: _("Text cannot contain NUL characters.")})
    if len(value) > TEXT_LIMIT:
        raise ValidationError({field: _("Keep this under %(n)s characters.") % {"n": TEXT_LIMIT}})
    return value.strip()


def normalise_interest(data) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValidationError({"interest": _("Give a text for each criterion.")})
    keys = {k for k, _label in INTEREST_CRITERIA}
    unknown = set(data) - keys
    if unknown:
        raise ValidationError(
            {"interest": _("Unknown criteria: %(keys)s") % {"keys": ", ".join(sorted(map(str, unknown))[:5])}}
        )
    return {k: _text(v, f"interest.{k}") for k, v in data.items() if v}


CONTENT_FIELDS = ("project_summary", "market", "business_plan")


@transaction.atomic
def dossier_update(*, dossier: Dossier, by: User, **fields) -> Dossier:
    """Content of the application: texts, the interest for the Region, the financial plan; regulated (coach)."""
    _require_party(dossier, by)
    if dossier.status not in (Status.DRAFT, Status.READY, Status.INFO_REQUESTED):
        raise Conflict(_("A submitted dossier is no longer edited; reopen it first."), code="dossier_locked")
    changed = set()
    for name in CONTENT_FIELDS:
        if name in fields and fields[name] is not None:
            setattr(dossier, name, _text(fields[name], name))
            changed.add(name)
    if fields.get("interest") is not None:
        dossier.interest = normalise_interest(fields["interest"])
        changed.add("interest")
    if "jobs_planned" in fields and fields["jobs_planned"] is not None:
        jobs = fields["jobs_planned"]
        if not isinstance(jobs, int) or isinstance(jobs, bool) or not 0 <= jobs <= 10_000:
            raise ValidationError({"jobs_planned": _("Give a number of jobs between 0 and 10,000.")})
        dossier.jobs_planned = jobs
        changed.add("jobs_planned")
    if fields.get("finance") is not None:
        dossier.finance = finance.normalise(fields["finance"])
        changed.add("finance")
    if fields.get("regulated") is not None:
        _require_staff(by, _("Only coaches decide whether the activity is regulated."))
        dossier.regulated = bool(fields["regulated"])
        changed.add("regulated")
    unknown = set(fields) - {*CONTENT_FIELDS, "interest", "jobs_planned", "finance", "regulated"}
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be changed here.")})
    if changed:
        dossier.save(update_fields=[*changed, "updated_at"])
        _back_to_draft_if_incomplete(dossier)
    return dossier


def _rule(dossier: Dossier, key: str) -> ChecklistRule:
    rule = ChecklistRule.objects.filter(key=key, active=True).first()
    if rule is None or (rule.regulated_only and not dossier.regulated):
        raise ValidationError({"key": _("“%(key)s” is not on this dossier's checklist.") % {"key": str(key)[:40]}})
    return rule


@transaction.atomic
def item_set(
    *,
    dossier: Dossier,
    by: User,
    key: str,
    state: str | None = None,
    document_date: date | None = None,
    note: str | None = None,
) -> DossierItem:
    """Change one checklist item. Verifying and marking not applicable are the coach's call."""
    _require_party(dossier, by)
    rule = _rule(dossier, key)
    item, _created = DossierItem.objects.select_for_update().get_or_create(dossier=dossier, rule=rule)
    if state is not None:
        if state not in ItemState.values:
            raise ValidationError({"state": _("Choose missing, provided, verified or not applicable.")})
        if state in (ItemState.VERIFIED, ItemState.NOT_APPLICABLE) and state != item.state:
            _require_staff(by, _("Only a coach can verify an item or mark it not applicable."))
        if item.state == ItemState.VERIFIED and state != ItemState.VERIFIED:
            _require_staff(by, _("A verified item is changed by a coach."))
        item.state = state
        item.verified_by = by if state == ItemState.VERIFIED else None
    if document_date is not None:
        if document_date > timezone.localdate():
            raise ValidationError({"document_date": _("The document's date cannot be in the future.")})
        item.document_date = document_date
    if note is not None:
        item.note = _text(note, "note")[:300]
    if (
        item.state in (ItemState.PROVIDED, ItemState.VERIFIED)
        and rule.evidence == Evidence.FACT_ONLY
        and not item.document_date
    ):
        raise ValidationError({"document_date": _("Give the date of the extract that was checked.")})
    item.full_clean()
    item.save()
    _back_to_draft_if_incomplete(dossier)
    return item


@transaction.atomic
def annex_add(*, dossier: Dossier, by: User, uploaded, title: str = "", rule_key: str = "") -> DossierAnnex:
    """Check the upload by its content, store it privately with the person's documents, attach it as an annex."""
    _require_party(dossier, by)
    # One upload at a time per dossier: the annex limit and the annexes' order hold under parallel uploads.
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    if dossier.annexes.count() >= MAX_ANNEXES:
        raise ValidationError({"file": _("A dossier holds at most %(n)s annexes.") % {"n": MAX_ANNEXES}})
    rule = _rule(dossier, rule_key) if rule_key else None
    if rule is not None and rule.evidence == Evidence.FACT_ONLY and not by.is_staff_role:
        raise Forbidden(
            _("This document is not kept: only the fact that a coach checked it, and its date, are recorded.")
        )
    checked = uploads.check_upload(uploaded)
    pages = checked.pages
    if pages > MAX_ANNEX_PAGES:
        raise ValidationError(
            {
                "file": ValidationError(
                    _("This PDF has %(pages)s pages; an annex may have at most %(limit)s.")
                    % {"pages": pages, "limit": MAX_ANNEX_PAGES},
                    code="file_pages",
                )
            }
        )
    title = (title or "").strip() or (rule.display_label() if rule else "") or (checked.name or _("Annex"))
    document = crm_services.document_upload(
        entrepreneur=dossier.project.entrepreneur,
        by=by,
        uploaded=checked,
        title=title[:200],
        is_shared=True,
        residence_document=rule is not None and rule.key in RESIDENCE_RULES,
    )
    last = dossier.annexes.order_by("-order").values_list("order", flat=True).first() or 0
    annex = DossierAnnex.objects.create(
        dossier=dossier, rule=rule, document=document, title=title[:200], pages=pages, order=last + 1, added_by=by
    )
    if rule is not None:
        item, _created = DossierItem.objects.get_or_create(dossier=dossier, rule=rule)
        if item.state == ItemState.MISSING:
            item.state = ItemState.PROVIDED
            item.save(update_fields=["state", "updated_at"])
    return annex


@transaction.atomic
def annex_remove(*, annex: DossierAnnex, by: User) -> None:
    dossier = annex.dossier
    _require_party(dossier, by)
    if dossier.status not in (Status.DRAFT, Status.READY, Status.INFO_REQUESTED):
        raise Conflict(_("A submitted dossier is no longer edited; reopen it first."), code="dossier_locked")
    rule_id = annex.rule_id
    annex.delete()
    if rule_id and not dossier.annexes.filter(rule_id=rule_id).exists():
        DossierItem.objects.filter(dossier=dossier, rule_id=rule_id, state=ItemState.PROVIDED).update(
            state=ItemState.MISSING
        )
        _back_to_draft_if_incomplete(dossier)


def _back_to_draft_if_incomplete(dossier: Dossier) -> None:
    """A ready dossier that loses an item or its balance is a draft again (read from the row, not the instance)."""
    # Locked: a coach marking it ready at the same moment waits, then this sees "ready" and undoes it.
    row = Dossier.objects.select_for_update().filter(pk=dossier.pk).values_list("status", flat=True).first()
    dossier.status = row or dossier.status
    if dossier.status == Status.READY and ready_problems(dossier):
        _set_status(dossier, Status.DRAFT)


def _set_status(dossier: Dossier, status: str) -> None:
    dossier.status = status
    dossier.status_changed_at = timezone.now()
    dossier.save(update_fields=["status", "status_changed_at", "updated_at"])


STATUS_DETAILS = {
    Status.SUBMITTED: ("submitted_on", "guichet"),
    Status.FORWARDED: ("forwarded_on",),
    Status.INFO_REQUESTED: ("info_requested",),
    Status.INADMISSIBLE: ("inadmissible_reason",),
    Status.GRANTED: ("card_number", "valid_from", "valid_until"),
    Status.REFUSED: ("refusal_reason", "appeal_deadline"),
    Status.CLOSED: ("closed_on",),
}

ALL_STATUS_DETAILS = frozenset(name for names in STATUS_DETAILS.values() for name in names)


def ready_problems(dossier: Dossier, lines: list | None = None) -> list[str]:
    """Why the dossier cannot be called ready yet, in plain words (empty when it can); `lines`, the checklist when
    the caller has it already."""
    problems = []
    if dossier.eligibility == Eligibility.EXEMPT:
        problems.append(_("The eligibility check says no card is needed."))
    elif dossier.eligibility != Eligibility.NEEDED:
        problems.append(_("Eligibility is not settled yet."))
    lacking = missing(checklist(dossier) if lines is None else lines)
    if lacking:
        problems.append(_("Missing: %(items)s.") % {"items": "; ".join(line.label for line in lacking)})
    totals = finance.totals(dossier.finance)
    if not totals.balanced:
        problems.append(
            _("The financial plan is not balanced: needs %(uses)s EUR, financing %(sources)s EUR.")
            % {"uses": totals.uses_total, "sources": totals.sources_total}
        )
    return problems


@transaction.atomic
def status_change(*, dossier: Dossier, by: User, to: str, **details) -> Dossier:
    """Move the dossier along the procedure. The owner may only mark it ready (or back to draft)."""
    _require_party(dossier, by)
    Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
    dossier.refresh_from_db()
    if to not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if not by.is_staff_role and to not in (Status.READY, Status.DRAFT):
        raise Forbidden(_("The coach records the steps of the procedure."))
    if to == dossier.status:
        return dossier
    if to not in TRANSITIONS[dossier.status]:
        raise Conflict(
            _("A dossier cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Status(dossier.status).label, "to": Status(to).label},
            code="invalid_transition",
            allowed=list(TRANSITIONS[dossier.status]),
        )
    if to == Status.READY:
        problems = ready_problems(dossier)
        if problems:
            raise Conflict(" ".join(problems), code="not_ready", problems=problems)
    allowed = STATUS_DETAILS.get(to, ())
    unknown = set(details) - set(allowed)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field does not belong to that step.")})
    today = timezone.localdate()
    errors = {}
    for name in allowed:
        value = details.get(name)
        if isinstance(value, str):
            value = _text(value, name)
        if value in (None, ""):
            if name in ("submitted_on", "forwarded_on", "closed_on"):
                value = today
            elif name != "appeal_deadline":
                errors[name] = _("This is needed for that step.")
                continue
            else:
                value = None
        setattr(dossier, name, value)
    for name in ("submitted_on", "forwarded_on", "closed_on"):
        if name in allowed and getattr(dossier, name) and getattr(dossier, name) > today:
            errors[name] = _("This date cannot be in the future.")
    for name in allowed:
        value = getattr(dossier, name)
        if isinstance(value, date) and name not in errors and not DATE_FLOOR <= value <= today + DATE_REACH:
            # Year 0001 or 9999 is a typing slip, not a step of a procedure that lasts months.
            errors[name] = _("Give a date between %(start)s and %(end)s.") % {
                "start": formats.date_format(DATE_FLOOR, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(today + DATE_REACH, "SHORT_DATE_FORMAT"),
            }
    if to == Status.GRANTED and not errors:
        if dossier.valid_until <= dossier.valid_from:
            errors["valid_until"] = _("The card must end after it starts.")
        elif (dossier.valid_until - dossier.valid_from).days > 5 * 366:  # no date arithmetic near year 9999
            errors["valid_until"] = _("A professional card is valid for at most 5 years.")
    if errors:
        raise ValidationError(errors)
    if to == Status.GRANTED:
        dossier.renewal_reminded_for = None
    dossier.full_clean()
    dossier.save()
    _set_status(dossier, to)
    _tell_status(dossier, by)
    return dossier


def _tell_status(dossier: Dossier, by: User) -> None:
    """A step recorded by the coach reaches the entrepreneur; a dossier the entrepreneur marks ready, the coach."""
    project = dossier.project
    person = project.entrepreneur
    context = {"status": Status(dossier.status).label, "project": project.title}
    if by.is_staff_role:
        recipient = person.user
        subject = gettext_lazy("Your professional-card dossier: %(status)s")
        body = gettext_lazy("A new step of your professional-card dossier for “%(project)s”: %(status)s.")
    elif dossier.status == Status.READY:
        recipient = project.coach
        subject = gettext_lazy("A professional-card dossier is ready for review")
        body = gettext_lazy("The dossier for “%(project)s” is marked ready by the entrepreneur.")
    else:
        return
    if recipient is not None and recipient != by:
        notify(
            recipient,
            "dossiers.status",
            subject=subject,
            body=body,
            context=context,
            url=dossier.get_absolute_url(),
            about=person,
        )


def _enqueue(build: DossierBuild) -> str:
    from django_q.tasks import async_task

    # Read at call time (not django-q's import-time copy), so tests can switch to synchronous runs.
    sync = bool(settings.Q_CLUSTER.get("sync", False))
    return async_task("interlab.dossiers.tasks.build_pdf", build.pk, task_name=f"dossier-pdf-{build.pk}", sync=sync)


def pdf_request(*, dossier: Dossier, by: User) -> DossierBuild:
    """Queue a PDF build (or return the one already waiting). Not one transaction on purpose: the build row
    is committed before the task is queued, so a worker on another connection always finds it."""
    _require_party(dossier, by)
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        since = timezone.now() - timedelta(minutes=BUILD_DEDUP_MINUTES)
        waiting = dossier.builds.filter(state=BuildState.QUEUED, requested_at__gte=since).first()
        if waiting is not None:
            return waiting
        build = DossierBuild.objects.create(dossier=dossier, requested_by=by, step="queued")
    task_id = _enqueue(build)
    DossierBuild.objects.filter(pk=build.pk, task_id="").update(task_id=task_id or "")
    build.refresh_from_db()
    return build


def dossier_open_for(project: Project) -> Dossier | None:
    return Dossier.objects.filter(project=project, status__in=OPEN_STATUSES).first()


def person_erase(*, entrepreneur) -> int:
    """Empty one person's dossiers for a GDPR erasure: texts, plan, notes and every PDF built (files too).

    The annexes go with the person's crm documents. Kept: status and dates, for anonymous counts.
    """
    count = 0
    for dossier in Dossier.objects.filter(project__entrepreneur=entrepreneur).prefetch_related("builds"):
        with transaction.atomic():
            for build in dossier.builds.all():
                if build.file:
                    storage, name = build.file.storage, build.file.name
                    delete_after_commit(storage, name)
            dossier.builds.all().delete()
            dossier.items.update(note="")
            Dossier.objects.filter(pk=dossier.pk).update(
                project_summary="",
                market="",
                business_plan="",
                interest={},
                finance=finance.empty(),
                info_requested="",
                inadmissible_reason="",
                refusal_reason="",
                card_number="",
                guichet="",
                exemption=None,  # the residence situation the eligibility answer named; the outcome stays
                applicant_nationality="",
                applicant_birth_date=None,
                applicant_address="",
                exemption_proposal_dismissed_at=None,
                residence_reminded_for=None,  # a copy of the residence document's end date
            )
        count += 1
    return count


def residence_forget(*, entrepreneur) -> int:
    """The residence situation was cleared (retention schedule): the dossiers forget their copies of it, the
    situation their eligibility answer named, when a proposal made from it was set aside, the end date of the
    residence document, and the PDFs printed with either (the residence permit's annexes went with the person's
    residence documents). The eligibility outcome (a card needed or not) stays: it is the procedure's, and it
    names no situation."""
    dossiers = Dossier.objects.filter(project__entrepreneur=entrepreneur)
    for build in DossierBuild.objects.filter(dossier__in=dossiers):
        if _holds_residence(build):
            if build.file:
                delete_after_commit(build.file.storage, build.file.name)
            build.delete()
    return dossiers.update(exemption=None, exemption_proposal_dismissed_at=None, residence_reminded_for=None)


def dossiers_purge_erased() -> int:
    """The daily safety net: dossiers of people erased in the CRM that still hold texts or PDFs are emptied."""
    people = Entrepreneur.objects.filter(erased_at__isnull=False, projects__dossiers__isnull=False).distinct()
    leftovers = people.filter(
        Q(projects__dossiers__builds__isnull=False)
        | ~Q(projects__dossiers__project_summary="")
        | ~Q(projects__dossiers__business_plan="")
        | ~Q(projects__dossiers__market="")
    ).distinct()
    return sum(person_erase(entrepreneur=person) for person in leftovers)
