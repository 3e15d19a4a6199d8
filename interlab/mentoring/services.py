"""Every write of the mentoring app: profiles, matching runs, the pair workflow, sessions and feedback."""

from __future__ import annotations

import time

import numpy as np
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from interlab.core import accounts
from interlab.core import services as core_services
from interlab.core.errors import Conflict, Forbidden
from interlab.core.models import Invitation, InvitationKind, Role, User
from interlab.core.notifications import notify
from interlab.crm.models import Entrepreneur, Programme

from . import assignment, learning, pool
from .model import BINOME_REQUIRED, BLOCKS, Scored, broken_constraints, clean_weights
from .models import (
    ApplicationStatus,
    BinomeMode,
    DeclineReason,
    Exclusion,
    Feedback,
    Fit,
    Match,
    MatchingRun,
    MatchingWeights,
    MatchStatus,
    Meeting,
    MeetingStatus,
    MentorApplication,
    MentoringSession,
    MentorProfile,
    MentorWish,
    RunMode,
    Withdrawal,
)

MENTOR_FIELDS = (
    "is_local",
    "gender",
    "languages",
    "expertise",
    "expertise_text",
    "sectors",
    "capacity",
    "hours_per_month",
    "commune",
    "mode",
    "paused",
)


def _require_staff(user: User | None) -> None:
    if user is not None and not user.is_staff_role:
        raise Forbidden(_("Only coaches and administrators can do this."))


def _notify(task: str, *args) -> None:
    """Queue a notification for the worker once the change is committed (never about a rolled-back change)."""

    def enqueue():
        from django_q.tasks import async_task

        async_task(f"interlab.mentoring.tasks.{task}", *args)

    transaction.on_commit(enqueue)


def _notify_at(task: str, at, *args) -> None:
    """Queue a notification for the worker at `at`, once the change is committed (a django-q2 schedule run once).
    The task checks, when it runs, that what it tells is still true."""

    def enqueue():
        from django_q.models import Schedule
        from django_q.tasks import schedule

        schedule(
            f"interlab.mentoring.tasks.{task}",
            *args,
            schedule_type=Schedule.ONCE,  # deleted once run
            next_run=at,
        )

    transaction.on_commit(enqueue)


# -- mentor profiles ---------------------------------------------------------------------------------------
def _normalise_mentor_fields(fields: dict) -> dict:
    if "languages" in fields and fields["languages"] is not None:
        items = []
        for item in fields["languages"]:
            if isinstance(item, str):
                item = {"code": item, "level": ""}
            items.append({"code": str(item.get("code", "")).strip().lower(), "level": item.get("level") or ""})
        seen = {}
        for item in items:
            seen.setdefault(item["code"], item)
        fields["languages"] = list(seen.values())
    for key in ("expertise", "sectors"):
        if key in fields and fields[key] is not None:
            fields[key] = list(dict.fromkeys(str(v).strip() for v in fields[key] if str(v).strip()))
    return fields


@transaction.atomic
def mentor_create(
    *,
    by: User | None,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    programmes=(),
    **fields,
) -> MentorProfile:
    """A mentor profile for an existing mentor login, or for a new login without a usable password."""
    _require_staff(by)
    if user is None:
        if not first_name.strip():
            raise ValidationError({"first_name": _("A first name is needed.")})
        user = core_services.login_create(role=Role.MENTOR, first_name=first_name, last_name=last_name, email=email)
    elif user.role != Role.MENTOR:
        raise ValidationError({"user": _("Only a login with the mentor role can have a mentor profile.")})
    elif MentorProfile.objects.filter(user=user).exists():
        raise Conflict(_("This person already has a mentor profile."), code="mentor_exists")
    mentor = MentorProfile(user=user, **_normalise_mentor_fields({k: v for k, v in fields.items() if v is not None}))
    mentor.full_clean()
    mentor.save()
    if programmes:
        mentor.programmes.set(programmes)
    return mentor


@transaction.atomic
def mentor_update(*, mentor: MentorProfile, by: User, programmes=None, **fields) -> MentorProfile:
    if not (by.is_staff_role or mentor.user_id == by.pk):
        raise Forbidden(_("You can only change your own mentor profile."))
    user_fields = {k: fields.pop(k) for k in ("first_name", "last_name", "email") if k in fields}
    fields = _normalise_mentor_fields(fields)
    capacity_before = mentor.capacity
    for key, value in fields.items():
        if key in MENTOR_FIELDS and value is not None:
            setattr(mentor, key, value)
    mentor.full_clean()
    mentor.save()
    if mentor.capacity < capacity_before:
        offers_release_beyond_capacity(mentor=mentor)
    if user_fields:
        core_services.login_details_update(user=mentor.user, **user_fields)
    if programmes is not None:
        mentor.programmes.set(programmes)
    return mentor


@transaction.atomic
def mentor_pause(*, mentor: MentorProfile, by: User, paused: bool) -> MentorProfile:
    """A paused mentor gets no new offer; the pairs they have go on."""
    if not (by.is_staff_role or mentor.user_id == by.pk):
        raise Forbidden(_("You can only change your own mentor profile."))
    mentor.paused = paused
    mentor.save(update_fields=["paused"])
    return mentor


# -- applications from the public page ---------------------------------------------------------------------
APPLICATION_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "is_local",
    "gender",
    "languages",
    "expertise",
    "expertise_text",
    "capacity",
    "hours_per_month",
    "commune",
    "mode",
)


@transaction.atomic
def mentor_apply(**fields) -> MentorApplication:
    """A person offers to mentor: a pending application, and every coach is told."""
    fields = _normalise_mentor_fields({k: v for k, v in fields.items() if k in APPLICATION_FIELDS})
    application = MentorApplication(**fields)
    if not (application.email or application.phone):
        raise ValidationError({"email": _("Give an e-mail address or a phone number, so that a coach can answer.")})
    # The profile's own rules on languages and expertise, without a login to hang it on.
    probe = MentorProfile(languages=application.languages, expertise=application.expertise)
    probe.clean()
    application.full_clean()
    application.save()
    for coach in User.objects.coaches():
        notify(
            coach,
            "mentoring.application",
            subject=_("New mentor application: %(name)s"),
            body=_("%(name)s offers to mentor. Approve or decline the application on the mentors' page."),
            context={"name": str(application)},
            url=reverse("mentoring:applications"),
        )
    return application


def _pending(application: MentorApplication) -> MentorApplication:
    application = MentorApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.PENDING:
        raise Conflict(_("This application was already answered."), code="wrong_state")
    return application


def _invite(application: MentorApplication, by: User) -> tuple[Invitation, str]:
    """An invitation to set a password, for the application's person (any code still live for it dies)."""
    return accounts.invitation_issue(
        by=by,
        role=Role.MENTOR,
        first_name=application.first_name,
        last_name=application.last_name,
        email=application.email,
        target=application,
    )


@transaction.atomic
def mentor_application_approve(*, application: MentorApplication, by: User) -> tuple[Invitation, str]:
    """The coach says yes: an invitation (mailed, or a code to hand over) makes the login; the profile follows."""
    _require_staff(by)
    application = _pending(application)
    invitation, code = _invite(application, by)
    application.status, application.decided_at, application.decided_by = ApplicationStatus.APPROVED, timezone.now(), by
    application.save(update_fields=["status", "decided_at", "decided_by"])
    return invitation, code


def _approved_waiting(application: MentorApplication) -> MentorApplication:
    application = MentorApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.APPROVED or application.mentor_id is not None:
        raise Conflict(_("This person has already joined, or was not invited."), code="wrong_state")
    return application


@transaction.atomic
def mentor_application_reinvite(*, application: MentorApplication, by: User) -> tuple[Invitation, str]:
    """A new invitation for an approved applicant who has not set a password yet: the old code stops working."""
    _require_staff(by)
    return _invite(_approved_waiting(application), by)


@transaction.atomic
def mentor_application_withdraw(*, application: MentorApplication, by: User) -> MentorApplication:
    """The approval is taken back before the person joined: their code stops working and the application waits
    for an answer again."""
    _require_staff(by)
    application = _approved_waiting(application)
    for invitation in accounts.invitations_for(application).filter(kind=InvitationKind.INVITE):
        accounts.invitation_revoke(invitation=invitation, by=by)
    application.status, application.decided_at, application.decided_by = ApplicationStatus.PENDING, None, None
    application.save(update_fields=["status", "decided_at", "decided_by"])
    return application


@transaction.atomic
def mentor_application_decline(*, application: MentorApplication, by: User) -> MentorApplication:
    _require_staff(by)
    application = _pending(application)
    application.status, application.decided_at, application.decided_by = ApplicationStatus.DECLINED, timezone.now(), by
    application.save(update_fields=["status", "decided_at", "decided_by"])
    return application


@transaction.atomic
def mentor_application_joined(*, application_id: int, user: User) -> MentorProfile | None:
    """The approved applicant set a password: their mentor profile is made from what they wrote."""
    application = MentorApplication.objects.select_for_update().filter(pk=application_id).first()
    if application is None or application.mentor_id or application.status != ApplicationStatus.APPROVED:
        return None
    fields = {k: getattr(application, k) for k in APPLICATION_FIELDS if k in MENTOR_FIELDS}
    mentor = mentor_create(by=None, user=user, **fields)
    application.mentor = mentor
    application.save(update_fields=["mentor"])
    return mentor


def mentor_applications_erase(*, email: str = "", user: User | None = None) -> int:
    """The person's applications to mentor (by the address they gave, or the login they became) are forgotten."""
    where = Q(pk__in=[])
    if email:
        where |= Q(email__iexact=email)
    if user is not None:
        where |= Q(mentor__user=user)
    deleted, _rows = MentorApplication.objects.filter(where).delete()
    return deleted


# -- what a mentee asks of their mentor -------------------------------------------------------------------
@transaction.atomic
def mentor_wish_set(*, mentee: Entrepreneur, by: User, gender: str = "", language: str = "") -> MentorWish | None:
    """The mentee, or a coach on their behalf, asks for a mentor of a given gender, one who speaks a given
    language, or both: hard constraints from the next proposal on (both empty: no wish).

    Proposals not offered yet that no longer fit are dropped; an offer already sent, or a pair already running,
    stays as it is: the coach talks it over with the mentee.
    """
    if not (by.is_staff_role or (mentee.user_id is not None and mentee.user_id == by.pk)):
        raise Forbidden(_("Only the mentee and their coaches say what the mentee asks of a mentor."))
    gender, language = (gender or "").strip(), (language or "").strip().lower()
    if not gender and not language:
        MentorWish.objects.filter(mentee=mentee).delete()
        return None
    wish = MentorWish.objects.select_for_update().filter(mentee=mentee).first() or MentorWish(mentee=mentee)
    wish.mentor_gender, wish.mentor_language = gender, language
    wish.updated_by, wish.updated_at = by, timezone.now()
    wish.full_clean()
    wish.save()
    for proposal in Match.objects.filter(mentee=mentee, status=MatchStatus.PROPOSED).select_related("mentor"):
        if (gender and proposal.mentor.gender != gender) or (
            language and language not in proposal.mentor.language_codes
        ):
            proposal.delete()
    return wish


# -- weights -----------------------------------------------------------------------------------------------
def weights_for(programme: Programme | None) -> MatchingWeights:
    """The programme's weights, else the default ones (created with the built-in values when missing)."""
    if programme is not None:
        found = MatchingWeights.objects.filter(programme=programme).first()
        if found:
            return found
    found = MatchingWeights.objects.filter(programme__isnull=True).first()
    if found:
        return found
    return MatchingWeights(programme=None, weights=clean_weights(None), version=1)


@transaction.atomic
def weights_set(*, by: User, programme: Programme | None, weights: dict, binome: str | None = None) -> MatchingWeights:
    """Save a programme's weights (None: the default ones) and, when given, its local–newcomer rule.

    The AUC kept with them is computed here, by cross-validation on the recorded outcomes
    (learning.evaluate): a figure sent by a client is never stored.
    """
    if not by.is_admin_role:
        raise Forbidden(_("Only administrators change the matching weights."))
    unknown = set(weights) - set(BLOCKS)
    bad = [k for k, v in weights.items() if not isinstance(v, int | float) or not np.isfinite(v) or v < 0 or v > 100]
    if unknown or bad:
        raise ValidationError({"weights": _("Give a number from 0 to 100 for each known block.")})
    if binome is not None and binome not in BinomeMode.values:
        raise ValidationError({"binome": _("Choose required, preferred or indifferent.")})
    cleaned = clean_weights(weights)
    inherited = weights_for(programme).binome  # a programme's first row starts from the rule it followed
    row = MatchingWeights.objects.select_for_update().filter(programme=programme).first()
    if row is None:
        try:
            with transaction.atomic():  # a savepoint: two administrators saving the first weights at once
                row = MatchingWeights.objects.create(
                    programme=programme, weights=cleaned, binome=inherited, updated_by=by
                )
        except IntegrityError:
            row = MatchingWeights.objects.filter(programme=programme).select_for_update().get()
    # Version 1 is the built-in default, even before any row exists: the first saved change is version 2.
    latest = MatchingWeights.objects.order_by("-version").values_list("version", flat=True).first() or 1
    evaluation = learning.evaluate(cleaned, programme)
    row.weights, row.version, row.updated_by, row.updated_at = cleaned, latest + 1, by, timezone.now()
    if binome is not None:
        row.binome = binome
    row.auc, row.auc_sd, row.auc_outcomes = evaluation["auc"], evaluation["auc_sd"], evaluation["n_outcomes"]
    row.save()
    return row


# -- matching runs -----------------------------------------------------------------------------------------
def _constraints(mentor, free_after: int, shared: list[str], limited: bool, binome: str = "") -> list[dict]:
    items = [{"key": "languages", "languages": shared}]
    items.append({"key": "capacity", "left": free_after, "capacity": mentor.capacity})
    if limited:
        items.append({"key": "programme_only"})
    if binome == BINOME_REQUIRED:
        items.append({"key": "binome_required"})
    return items


def _set_step(run: MatchingRun, step: str) -> None:
    run.step = step
    MatchingRun.objects.filter(pk=run.pk).update(step=step)


def _why_unmatched(scored: Scored, capacity: np.ndarray, i: int) -> dict:
    """Why mentee row i got no proposal, from the run's own feasibility: `free` mentors had a place left and
    `broken` says how many of them each hard constraint ruled out (a mentor may break several). With no
    constraint broken by all of them, a mentor did fit and the places went to other mentees (`taken`)."""
    free = [j for j in range(len(scored.mentors)) if capacity[j] > 0]
    broken: dict[str, int] = {}
    for j in free:
        for key in scored.broken(i, j):
            broken[key] = broken.get(key, 0) + 1
    taken = bool(free) and bool(scored.feasible[i, free].any())
    return {"free": len(free), "broken": broken, "taken": taken}


def matching_run(
    *, by: User | None, programme: Programme | None = None, mode: str = RunMode.OPTIMAL, seed: int = 0
) -> MatchingRun:
    """Score every unmatched mentee against every available mentor and propose the whole-programme optimum.

    Earlier proposals not yet offered are replaced, except pinned ones, which are kept and whose mentee and
    place are taken out of the problem. An empty pool gives an empty run, not an error.
    """
    _require_staff(by)
    if mode not in RunMode.values:
        raise ValidationError({"mode": _("Unknown mode.")})
    weights = weights_for(programme)
    run = MatchingRun.objects.create(
        programme=programme, mode=mode, seed=seed, created_by=by, model_version=weights.version, step="loading"
    )
    timings: dict[str, float] = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            # Offers that can no longer be honoured (older data, a capacity lowered) give their mentees back.
            offers_release_beyond_capacity()
            scope = Match.objects.filter(status=MatchStatus.PROPOSED, programme=programme)
            pinned = list(scope.filter(pinned=True).select_related("mentor"))
            scope.filter(pinned=False).delete()
            pinned_mentees = {m.mentee_id for m in pinned}
            mentees = [p for p in pool.mentee_queryset(programme) if p.pk not in pinned_mentees]
            mentors = list(pool.mentor_queryset())
            modes = pool.binome_modes()
            mentee_rows = [pool.mentee_data(p, programme.pk if programme else None, modes) for p in mentees]
            mentor_rows = [pool.mentor_data(m) for m in mentors]
            for row, mentor in zip(mentor_rows, mentors, strict=True):
                row.capacity = max(row.capacity - sum(1 for p in pinned if p.mentor_id == mentor.pk), 0)
            excluded = pool.excluded_pairs([p.pk for p in mentees])
            timings["load"] = time.perf_counter() - started
            _set_step(run, "scoring")
            scored = Scored(
                mentee_rows, mentor_rows, weights.weights, excluded=excluded, seed=seed, binome=weights.binome
            )
            timings["score"] = time.perf_counter() - started - timings["load"]
            _set_step(run, "assigning")
            capacity = np.array([r.capacity for r in mentor_rows], dtype=np.int64)
            if mode == RunMode.SHORTLIST:
                picks = assignment.shortlist(scored.score, scored.feasible, capacity)
                pairs = [(i, j, rank) for i, js in picks.items() for rank, j in enumerate(js, start=1)]
            else:
                pairs = [(i, j, None) for i, j in assignment.assign(scored.score, scored.feasible, capacity)]
            timings["assign"] = time.perf_counter() - started - timings["load"] - timings["score"]
            _set_step(run, "saving")
            used = dict.fromkeys(range(len(mentors)), 0)
            rows = []
            for i, j, rank in pairs:
                used[j] += 1 if rank is None else 0
                blocks = scored.blocks(i, j)
                shared = sorted(set(mentee_rows[i].languages) & set(mentor_rows[j].languages))
                rows.append(
                    Match(
                        run=run,
                        programme=programme,
                        mentee=mentees[i],
                        mentor=mentors[j],
                        score=round(float(scored.score[i, j]), 2),
                        reasons=scored.reasons(i, j, blocks),
                        features=blocks,
                        constraints=_constraints(
                            mentors[j],
                            mentor_rows[j].capacity - used[j],
                            shared,
                            bool(mentor_rows[j].programme_ids),
                            scored.mode(i),
                        ),
                        model_version=weights.version,
                        shortlist_rank=rank,
                    )
                )
            Match.objects.bulk_create(rows)
            Match.objects.filter(pk__in=[m.pk for m in pinned]).update(run=run)
            paired = {i for i, _j, _r in pairs}
            run.stats = {
                "mentees": len(mentees),
                "mentors": len(mentors),
                "places": int(capacity.sum()),
                "proposals": len(rows),
                "pinned": len(pinned),
                "unmatched": len(mentees) - len(paired),
                "unmatched_why": [
                    {"mentee": mentees[i].pk, **_why_unmatched(scored, capacity, i)}
                    for i in range(len(mentees))
                    if i not in paired
                ],
                "seconds": {k: round(v, 3) for k, v in timings.items()},
            }
            run.status, run.step = MatchingRun.Status.DONE, ""
            run.save(update_fields=["stats", "status", "step"])
    except Exception:
        MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRun.Status.FAILED)
        raise
    return run


# -- reviewing proposals -----------------------------------------------------------------------------------
def _locked(match: Match) -> Match:
    """The pair, locked for this transaction and read afresh. The lock is taken on the row alone: locking
    through joins would make PostgreSQL drop a row whose mentor a concurrent swap just changed."""
    if not list(Match.objects.select_for_update().filter(pk=match.pk).values_list("pk", flat=True)):
        raise Http404("match")  # excluded or erased by someone else meanwhile
    return Match.objects.select_related("mentor__user", "mentee").get(pk=match.pk)


# What each hard constraint says when a pair breaks it, and the code the API answers with.
BROKEN = {
    "languages": ("no_language", gettext_lazy("These two share no working language: the pair cannot be proposed.")),
    "wish_gender": ("wish", gettext_lazy("The mentee asked for a mentor of another gender.")),
    "wish_language": ("wish", gettext_lazy("The mentee asked for a mentor who speaks a language this one does not.")),
    "binome": ("binome_required", gettext_lazy("This programme pairs a local person with a newcomer only.")),
    "programme_only": ("programme_only", gettext_lazy("This mentor takes part in other programmes only.")),
    "excluded": ("excluded", gettext_lazy("This pair was excluded or declined before.")),
}


def _refuse_broken(broken: list[str]) -> None:
    if broken:
        code, message = BROKEN[broken[0]]
        raise Conflict(str(message), code=code, broken=broken)


def _pair_rows(match: Match, mentor: MentorProfile | None = None):
    """The model's view of the two people of a pair, read afresh, with the programme's local–newcomer rule."""
    mentee = (
        Entrepreneur.objects.select_related("mentor_wish")
        .prefetch_related("spoken_languages", "projects")
        .get(pk=match.mentee_id)
    )
    mentor = mentor if mentor is not None else MentorProfile.objects.get(pk=match.mentor_id)
    return pool.mentee_data(mentee, match.programme_id, pool.binome_modes()), pool.mentor_data(mentor)


def _rescore(match: Match) -> None:
    """Score, reasons and features of one pair, after a swap or for an automatic next proposal."""
    mentee_row, mentor_row = _pair_rows(match)
    scored = Scored([mentee_row], [mentor_row], weights_for(match.programme).weights)
    _refuse_broken([k for k in scored.broken(0, 0) if k != "excluded"])
    blocks = scored.blocks(0, 0)
    match.score = round(float(scored.score[0, 0]), 2)
    match.features, match.reasons = blocks, scored.reasons(0, 0, blocks)


@transaction.atomic
def match_pin(*, match: Match, by: User, pinned: bool = True) -> Match:
    _require_staff(by)
    match = _locked(match)
    if match.status != MatchStatus.PROPOSED:
        raise Conflict(_("Only a proposal can be pinned."), code="wrong_state")
    match.pinned = pinned
    match.save(update_fields=["pinned"])
    return match


@transaction.atomic
def match_exclude(*, match: Match, by: User) -> Exclusion:
    """Rule this pair out for good and drop the proposal; the next run will not propose it again."""
    _require_staff(by)
    match = _locked(match)
    if match.status != MatchStatus.PROPOSED:
        raise Conflict(_("Only a proposal can be excluded."), code="wrong_state")
    exclusion, _created = Exclusion.objects.get_or_create(
        mentee_id=match.mentee_id, mentor_id=match.mentor_id, defaults={"by": by, "reason": "coach"}
    )
    match.delete()
    return exclusion


@transaction.atomic
def exclusion_restore(*, exclusion_id: int, by: User) -> bool:
    """Let a pair a coach excluded be proposed again (the next run may propose it). A mentor's own decline is
    not a coach's to undo. False when there was nothing to restore (already restored)."""
    _require_staff(by)
    deleted, _detail = Exclusion.objects.filter(pk=exclusion_id, reason="coach").delete()
    return bool(deleted)


@transaction.atomic
def match_swap(*, match: Match, other: Match, by: User) -> tuple[Match, Match]:
    """Exchange the mentors of two proposals; both pairs are scored and explained again."""
    _require_staff(by)
    # Both rows locked in one statement, in id order: two coaches swapping the same pair in opposite
    # directions wait for each other instead of deadlocking.
    list(Match.objects.select_for_update().filter(pk__in=[match.pk, other.pk]).order_by("pk").values_list("pk"))
    rows = {m.pk: m for m in Match.objects.select_related("mentor__user", "mentee").filter(pk__in=[match.pk, other.pk])}
    first, second = rows.get(match.pk), rows.get(other.pk)
    if first is None or second is None:
        raise Conflict(_("Two different proposals are needed for a swap."), code="wrong_state")
    if first.pk == second.pk or first.status != MatchStatus.PROPOSED or second.status != MatchStatus.PROPOSED:
        raise Conflict(_("Two different proposals are needed for a swap."), code="wrong_state")
    excluded = pool.excluded_pairs([first.mentee_id, second.mentee_id])
    if (first.mentee_id, second.mentor_id) in excluded or (second.mentee_id, first.mentor_id) in excluded:
        raise Conflict(_("One of the swapped pairs was excluded or declined before."), code="excluded")
    first.mentor_id, second.mentor_id = second.mentor_id, first.mentor_id
    for item in (first, second):
        _rescore(item)
        item.pinned = False
        item.save(update_fields=["mentor", "score", "features", "reasons", "pinned"])
    return first, second


@transaction.atomic
def match_publish(*, match: Match, by: User) -> Match:
    """A proposal becomes an offer to the mentor (mail and inbox); a shortlist pick the mentee made too."""
    _require_staff(by)
    match = _locked_with_mentor(match)
    if match.status != MatchStatus.PROPOSED:
        raise Conflict(_("This pair is no longer a proposal."), code="wrong_state")
    return _offer(match)


def _locked_with_mentor(match: Match) -> Match:
    """The pair locked with its mentor's row, the mentor first: the order match_accept takes them in, so that an
    offer and an accept for one mentor are counted one after the other."""
    mentor_id = match.mentor_id
    list(MentorProfile.objects.select_for_update().filter(pk=mentor_id).values_list("pk", flat=True))
    match = _locked(match)
    if match.mentor_id != mentor_id:  # swapped meanwhile
        list(MentorProfile.objects.select_for_update().filter(pk=match.mentor_id).values_list("pk", flat=True))
        match = _locked(match)
    return match


def _offer(match: Match) -> Match:
    """The pair becomes an offer, if the mentee is free, the mentor has a place no pair or pending offer already
    holds, and every hard constraint still holds (a wish or the programme's rule may have changed since the run).
    The caller holds the locks of _locked_with_mentor."""
    if Match.objects.open().filter(mentee_id=match.mentee_id).exclude(pk=match.pk).exists():
        raise Conflict(_("This mentee already has a mentor or a pending offer."), code="mentee_busy")
    mentor = match.mentor
    if mentor.paused:
        raise Conflict(_("This mentor is on pause."), code="mentor_paused")
    held = Match.objects.holding_capacity().filter(mentor_id=mentor.pk).exclude(pk=match.pk).count()
    if held >= mentor.capacity:
        raise Conflict(
            ngettext(
                "This mentor has no place left: %(count)d pair or pending offer already holds their capacity.",
                "This mentor has no place left: %(count)d pairs or pending offers already hold their capacity.",
                held,
            )
            % {"count": held},
            code="mentor_full",
            capacity=mentor.capacity,
            held=held,
        )
    mentee_row, mentor_row = _pair_rows(match, mentor)
    _refuse_broken(broken_constraints(mentee_row, mentor_row, excluded=pool.excluded_pairs([match.mentee_id])))
    match.status, match.offered_at = MatchStatus.OFFERED, timezone.now()
    try:
        with transaction.atomic():  # a savepoint: two coaches publishing for one mentee at the same instant
            match.save(update_fields=["status", "offered_at"])
    except IntegrityError:
        raise Conflict(_("This mentee already has a mentor or a pending offer."), code="mentee_busy") from None
    # Other proposals for the same mentee (a shortlist, an older run) have served their purpose.
    Match.objects.filter(mentee_id=match.mentee_id, status=MatchStatus.PROPOSED).exclude(pk=match.pk).delete()
    _notify("send_offer_mail", match.pk)
    return match


def run_publish(*, run: MatchingRun, by: User) -> dict:
    """Publish every proposal of a run: offers for the optimal mode, open shortlists for the shortlist mode."""
    _require_staff(by)
    published, skipped = 0, 0
    proposals = list(run.matches.filter(status=MatchStatus.PROPOSED).order_by("-score", "pk"))
    if run.mode == RunMode.SHORTLIST:
        with transaction.atomic():
            published = run.matches.filter(status=MatchStatus.PROPOSED).update(shortlist_open=True)
        for mentee_id in {m.mentee_id for m in proposals}:
            _notify("send_shortlist_mail", mentee_id)
        return {"published": published, "skipped": 0}
    for proposal in proposals:
        try:
            match_publish(match=proposal, by=by)
            published += 1
        except Conflict:
            skipped += 1
    return {"published": published, "skipped": skipped}


@transaction.atomic
def match_withdraw(*, match: Match, by: User) -> Match:
    _require_staff(by)
    match = _locked(match)
    if match.status != MatchStatus.OFFERED:
        raise Conflict(_("Only a pending offer can be withdrawn."), code="wrong_state")
    match.status, match.withdrawal, match.responded_at = MatchStatus.WITHDRAWN, Withdrawal.COACH, timezone.now()
    match.save(update_fields=["status", "withdrawal", "responded_at"])
    return match


def offers_release_beyond_capacity(*, mentor: MentorProfile | None = None) -> list[Match]:
    """Withdraw the offers a mentor can no longer honour, and give their mentees back to the pool with a notice.

    A mentor's places go first to running pairs, then to pending offers, oldest first; offers beyond that are
    withdrawn ("no place left"), which rules nothing out: the mentor may have room later. Without `mentor`,
    every mentor with more pairs and offers than places. Runs in the caller's transaction.
    """
    mentors = pool.with_place_counts(MentorProfile.objects.all()).order_by("pk")
    if mentor is not None:
        mentors = mentors.filter(pk=mentor.pk)
    mentors = mentors.filter(pending_count__gt=0, held_count__gt=F("capacity"))
    released = []
    now = timezone.now()
    for row in mentors:
        offers = list(
            Match.objects.select_for_update(of=("self",))
            .filter(mentor_id=row.pk, status=MatchStatus.OFFERED)
            .select_related("mentee__user", "mentor__user")
            .order_by("offered_at", "pk")
        )
        room = max(row.capacity - row.active_count, 0)
        for offer in offers[room:]:
            offer.status, offer.withdrawal, offer.responded_at = MatchStatus.WITHDRAWN, Withdrawal.NO_PLACE, now
            offer.save(update_fields=["status", "withdrawal", "responded_at"])
            _tell_offer_lapsed(offer)
            released.append(offer)
    return released


def _tell_offer_lapsed(offer: Match) -> None:
    notify(
        offer.mentee.user,
        "mentoring.offer_lapsed",
        subject=gettext_lazy("Your mentor request is open again"),
        body=gettext_lazy(
            "%(mentor)s has no place left for a new mentee, so the request to them is closed. You are back on the "
            "list: your coach will propose another mentor."
        ),
        context={"mentor": offer.mentor.user.first_name},
        url=reverse("mentoring:mine"),
        about=offer.mentee,
    )


@transaction.atomic
def shortlist_choose(*, match: Match, by: User) -> Match:
    """The mentee picks one mentor of their open shortlist: it becomes an offer to that mentor."""
    match = _locked_with_mentor(match)
    if match.mentee.user_id != by.pk:
        raise Forbidden(_("Only the mentee chooses from their shortlist."))
    if match.status != MatchStatus.PROPOSED or not match.shortlist_open:
        raise Conflict(_("This choice is no longer open."), code="wrong_state")
    return _offer(match)


# -- the mentor answers ------------------------------------------------------------------------------------
def _mentor_only(match: Match, by: User) -> None:
    if match.mentor.user_id != by.pk:
        raise Forbidden(_("Only the mentor of this offer can answer it."))


@transaction.atomic
def match_accept(*, match: Match, by: User) -> Match:
    """The mentor takes the mentee on. The mentor row is locked first, so two accepts at the same instant
    are counted one after the other and capacity is never exceeded (SQLite: the IMMEDIATE transaction
    already serialises writers; PostgreSQL: SELECT … FOR UPDATE on the mentor row)."""
    mentor = MentorProfile.objects.select_for_update().get(pk=match.mentor_id)
    match = _locked(match)
    _mentor_only(match, by)
    if match.status == MatchStatus.WITHDRAWN:
        if match.withdrawal == Withdrawal.NO_PLACE:
            raise Conflict(_("This offer was closed: you had no place left for it."), code="withdrawn")
        raise Conflict(_("This offer was withdrawn by the coach."), code="withdrawn")
    if match.status != MatchStatus.OFFERED:
        raise Conflict(_("This offer is no longer open."), code="wrong_state")
    # Running pairs only: the offer being accepted holds a place already, and so may the mentor's other offers.
    active = Match.objects.running().filter(mentor=mentor).count()
    if active >= mentor.capacity:
        raise Conflict(
            ngettext(
                "You already mentor %(count)d person, your capacity: free a place or raise it first.",
                "You already mentor %(count)d people, your capacity: free a place or raise it first.",
                active,
            )
            % {"count": active},
            code="over_capacity",
            capacity=mentor.capacity,
            active=active,
        )
    now = timezone.now()
    match.status, match.accepted_at, match.responded_at = MatchStatus.ACTIVE, now, now
    match.save(update_fields=["status", "accepted_at", "responded_at"])
    _notify("send_accepted_mail", match.pk)
    # With this pair the mentor may be full: their other offers are withdrawn and those mentees told.
    match.released = offers_release_beyond_capacity(mentor=mentor)
    return match


@transaction.atomic
def match_decline(*, match: Match, by: User, reason: str, note: str = "") -> tuple[Match, Match | None]:
    """The mentor declines with a reason; the pair is never proposed again and the next best mentor is."""
    if reason not in DeclineReason.values:
        raise ValidationError({"reason": _("Choose one of the reasons.")})
    match = _locked(match)
    _mentor_only(match, by)
    if match.status != MatchStatus.OFFERED:
        raise Conflict(_("This offer is no longer open."), code="wrong_state")
    match.status, match.responded_at = MatchStatus.DECLINED, timezone.now()
    match.decline_reason, match.decline_note = reason, (note or "").strip()[:4000]
    match.save(update_fields=["status", "responded_at", "decline_reason", "decline_note"])
    Exclusion.objects.get_or_create(
        mentee_id=match.mentee_id, mentor_id=match.mentor_id, defaults={"by": by, "reason": "declined"}
    )
    # The coach hears of it once the decline can no longer be taken back: an undo then needs no correction.
    _notify_at("send_declined_mail", decline_undo_until(match), match.pk, match.responded_at.isoformat())
    return match, propose_next(mentee=match.mentee, programme=match.programme, run=match.run)


# A decline can be taken back for a few minutes (a wrong button, a second thought); then it stands.
DECLINE_UNDO_MINUTES = 5


def decline_undo_until(match: Match):
    """Until when the mentor may take this decline back; None when it cannot be (not declined by the mentor)."""
    if match.status != MatchStatus.DECLINED or match.responded_at is None or not match.decline_reason:
        return None
    return match.responded_at + timezone.timedelta(minutes=DECLINE_UNDO_MINUTES)


@transaction.atomic
def match_decline_undo(*, match: Match, by: User) -> Match:
    """The mentor takes a decline back within the window: the offer is open again, as it was.

    The exclusion the decline made goes, and so does the proposal made in its place while nobody acted on it.
    A coach who already offered the mentee another mentor wins: the decline then stands.
    """
    match = _locked(match)
    _mentor_only(match, by)
    until = decline_undo_until(match)
    if until is None:
        raise Conflict(_("Only a declined offer can be taken back."), code="wrong_state")
    if timezone.now() > until:
        raise Conflict(
            ngettext(
                "A decline can be taken back for %(minutes)d minute only; this one stands.",
                "A decline can be taken back for %(minutes)d minutes only; this one stands.",
                DECLINE_UNDO_MINUTES,
            )
            % {"minutes": DECLINE_UNDO_MINUTES},
            code="undo_expired",
        )
    if Match.objects.open().filter(mentee_id=match.mentee_id).exists():
        raise Conflict(_("The coach has already offered this person another mentor."), code="mentee_taken")
    Match.objects.filter(
        mentee_id=match.mentee_id, status=MatchStatus.PROPOSED, pinned=False, created_at__gte=match.responded_at
    ).delete()
    Exclusion.objects.filter(mentee_id=match.mentee_id, mentor_id=match.mentor_id, reason="declined").delete()
    match.status, match.responded_at = MatchStatus.OFFERED, None
    match.decline_reason, match.decline_note = "", ""
    match.save(update_fields=["status", "responded_at", "decline_reason", "decline_note"])
    return match


@transaction.atomic
def match_ask(*, match: Match, by: User, question: str = "") -> Match:
    """The mentor asks the coach for more information before answering; the offer stays open."""
    match = _locked(match)
    _mentor_only(match, by)
    if match.status != MatchStatus.OFFERED:
        raise Conflict(_("This offer is no longer open."), code="wrong_state")
    match.info_requested_at = timezone.now()
    match.info_question = (question or "").strip()[:2000]
    match.save(update_fields=["info_requested_at", "info_question"])
    _notify("send_info_request_mail", match.pk)
    return match


def propose_next(*, mentee: Entrepreneur, programme: Programme | None, run: MatchingRun | None = None) -> Match | None:
    """The best mentor with a free place this mentee was never paired or refused with, as a proposal."""
    if Match.objects.open().filter(mentee=mentee).exists():
        return None
    mentee = (
        Entrepreneur.objects.select_related("mentor_wish")
        .prefetch_related("spoken_languages", "projects")
        .get(pk=mentee.pk)
    )
    mentors = [m for m in pool.mentor_queryset() if m.capacity > m.held_count]
    if not mentors:
        return None
    weights = weights_for(programme)
    rows = [pool.mentor_data(m) for m in mentors]
    scored = Scored(
        [pool.mentee_data(mentee, programme.pk if programme else None, pool.binome_modes())],
        rows,
        weights.weights,
        excluded=pool.excluded_pairs([mentee.pk]),
        binome=weights.binome,
    )
    candidates = np.flatnonzero(scored.feasible[0])
    if candidates.size == 0:
        return None
    j = int(candidates[np.lexsort((candidates, -scored.score[0, candidates]))[0]])
    Match.objects.filter(mentee=mentee, status=MatchStatus.PROPOSED, pinned=False).delete()
    blocks = scored.blocks(0, j)
    return Match.objects.create(
        run=run,
        programme=programme,
        mentee=mentee,
        mentor=mentors[j],
        score=round(float(scored.score[0, j]), 2),
        reasons=scored.reasons(0, j, blocks),
        features=blocks,
        constraints=_constraints(
            mentors[j],
            rows[j].capacity - 1,
            sorted(set(mentee.spoken_languages.values_list("code", flat=True)) & set(rows[j].languages)),
            bool(rows[j].programme_ids),
            scored.mode(0),
        ),
        model_version=weights.version,
    )


# -- the pair lives ----------------------------------------------------------------------------------------
def _party(match: Match, by: User) -> str:
    if match.mentor.user_id == by.pk:
        return "mentor"
    if match.mentee.user_id is not None and match.mentee.user_id == by.pk:
        return "mentee"
    raise Forbidden(_("Only the mentor and the mentee of this pair can do this."))


@transaction.atomic
def session_log(
    *, match: Match, by: User, held_on=None, minutes: int = 60, note: str = "", meeting: Meeting | None = None
) -> MentoringSession:
    """A session the pair held; with `meeting`, the fixed meeting it was (it then no longer asks to be logged)."""
    match = _locked(match)
    _party(match, by)
    if match.status != MatchStatus.ACTIVE:
        raise Conflict(_("Sessions are logged for a running pair only."), code="wrong_state")
    if meeting is not None:
        meeting = Meeting.objects.select_for_update().filter(pk=meeting.pk, match=match).first()
        if meeting is None or meeting.status != MeetingStatus.ACCEPTED or meeting.start > timezone.now():
            raise ValidationError({"meeting": _("Only a fixed meeting that took place can be logged.")})
        if meeting.session_id:
            raise Conflict(_("This meeting is already logged."), code="already_logged")
    held_on = held_on or timezone.localdate()
    # A far date would also silence the "no session logged" reminder for good.
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A session is logged once it took place.")})
    if match.accepted_at and held_on < timezone.localdate(match.accepted_at):
        raise ValidationError({"held_on": _("A session cannot be dated before the pair started.")})
    session = MentoringSession(match=match, held_on=held_on, minutes=minutes, note=note, logged_by=by)
    session.full_clean()
    session.save()
    if meeting is not None:
        meeting.session = session
        meeting.save(update_fields=["session"])
    return session


@transaction.atomic
def match_fit(*, match: Match, by: User, fit: str) -> tuple[Match, Match | None]:
    """The first-session check. "Not a good fit" ends the pair early and proposes another mentor."""
    if fit not in Fit.values:
        raise ValidationError({"fit": _("Choose good, unsure or bad.")})
    match = _locked(match)
    party = _party(match, by)
    if match.status != MatchStatus.ACTIVE:
        raise Conflict(_("The fit check is for a running pair."), code="wrong_state")
    setattr(match, f"{party}_fit", fit)
    match.save(update_fields=[f"{party}_fit"])
    if fit != Fit.BAD:
        return match, None
    match = _end(match, by=by, reason=str(_("Not a good fit after the first session.")), early=True)
    return match, propose_next(mentee=match.mentee, programme=match.programme, run=None)


def _end(match: Match, *, by: User | None, reason: str, early: bool) -> Match:
    match.status, match.ended_at, match.ended_by = MatchStatus.ENDED, timezone.now(), by
    match.ended_early, match.end_reason = early, reason[:4000]
    match.save(update_fields=["status", "ended_at", "ended_by", "ended_early", "end_reason"])
    _meetings_close(Meeting.objects.filter(match=match), by=by)
    return match


def _meetings_close(meetings, *, by: User | None) -> None:
    """An ended pair meets no more: proposals and fixed meetings still ahead are cancelled (a fixed one's
    SEQUENCE goes up, so that its .ics, downloaded again, removes it from a calendar)."""
    now = timezone.now()
    meetings.filter(status=MeetingStatus.PROPOSED).update(
        status=MeetingStatus.CANCELLED, cancelled_by=by, cancelled_at=now
    )
    meetings.filter(status=MeetingStatus.ACCEPTED, start__gt=now).update(
        status=MeetingStatus.CANCELLED, cancelled_by=by, cancelled_at=now, sequence=F("sequence") + 1
    )


@transaction.atomic
def match_end(*, match: Match, by: User, reason: str = "", early: bool = False) -> Match:
    """Mentor or mentee (or a coach) closes the pair: completed, or early with a reason."""
    match = _locked(match)
    if not by.is_staff_role:
        _party(match, by)
    if match.status != MatchStatus.ACTIVE:
        raise Conflict(_("Only a running pair can be ended."), code="wrong_state")
    if early and not reason.strip():
        raise ValidationError({"reason": _("Say in a few words why the pair ends early.")})
    return _end(match, by=by, reason=reason, early=early)


@transaction.atomic
def match_feedback(*, match: Match, by: User, satisfaction: int, comment: str = "") -> Feedback:
    match = _locked(match)
    _party(match, by)
    if match.status not in (MatchStatus.ACTIVE, MatchStatus.ENDED):
        raise Conflict(_("Feedback is for a pair that has started."), code="wrong_state")
    feedback = Feedback(match=match, by=by, satisfaction=satisfaction, comment=comment)
    feedback.full_clean()
    feedback.save()
    return feedback


# -- GDPR --------------------------------------------------------------------------------------------------
@transaction.atomic
def mentee_erase(*, entrepreneur: Entrepreneur) -> int:
    """Erasure of a mentee (through mentoring.personal_data.erase): open offers withdrawn, running pairs ended,
    proposals and exclusions dropped, meetings ahead cancelled, every free text blanked. Counts, dates and 1–5 ratings stay for the
    anonymous mentoring figures. Returns the number of pairs touched."""
    matches = Match.objects.filter(mentee=entrepreneur)
    matches.filter(status=MatchStatus.PROPOSED).delete()
    Exclusion.objects.filter(mentee=entrepreneur).delete()
    MentorWish.objects.filter(mentee=entrepreneur).delete()
    now = timezone.now()
    matches.filter(status=MatchStatus.OFFERED).update(status=MatchStatus.WITHDRAWN, responded_at=now)
    matches.filter(status=MatchStatus.ACTIVE).update(status=MatchStatus.ENDED, ended_at=now, ended_early=True)
    MentoringSession.objects.filter(match__mentee=entrepreneur).update(note="")
    meetings = Meeting.objects.filter(match__mentee=entrepreneur)
    _meetings_close(meetings, by=None)
    meetings.update(place="", link="", note="", answer_note="")
    Feedback.objects.filter(match__mentee=entrepreneur).update(comment="")
    return matches.update(info_question="", decline_note="", end_reason="", reasons=[], constraints=[])
