"""Pages of mentoring: the coach's matching and review, the mentor's inbox, the mentee's own pair."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from interlab.core import ratelimit
from interlab.core.accounts import code_display
from interlab.core.decorators import staff_required
from interlab.core.errors import DomainError
from interlab.core.http import safe_next
from interlab.core.languages import language_name
from interlab.core.models import Role
from interlab.crm import selectors as crm_selectors

from . import ical, learning, meetings, selectors, services
from .forms import (
    HONEYPOT,
    FeedbackForm,
    LoggedMeetingForm,
    MeetingForm,
    MentorDetailsForm,
    MentorSignupForm,
    MentorWishForm,
    RunForm,
    SessionForm,
    WeightsForm,
    WeightsProgrammeForm,
)
from .model import BLOCKS
from .models import DeclineReason, Fit, MatchStatus, RunMode

# Sign-ups from one connection in ten minutes: a volunteers' evening at one place passes, a flood does not.
SIGNUP_LIMIT = (10, 600)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return getattr(exc, "message", str(exc))


@login_required
def home(request):
    user = request.user
    if user.is_staff_role:
        return redirect("mentoring:runs")
    if user.role == Role.MENTOR:
        return redirect("mentoring:inbox")
    if user.role == Role.ENTREPRENEUR:
        return redirect("mentoring:mine")
    raise PermissionDenied


# -- becoming a mentor (public) ----------------------------------------------------------------------------
def signup(request):
    """The public "become a mentor" page: an application a coach answers. No login."""
    if request.method != "POST":
        return render(
            request, "mentoring/signup.html", {"form": MentorSignupForm(), "sent": request.GET.get("sent") == "1"}
        )
    form = MentorSignupForm(request.POST)
    try:
        ratelimit.throttle(request, "mentor_signup", limit=SIGNUP_LIMIT[0], window=SIGNUP_LIMIT[1])
    except ratelimit.RateLimited as limited:
        form.errors  # noqa: B018 - validate first, so the visitor keeps what they typed alongside the message
        form.add_error(None, limited.message)
        return render(request, "mentoring/signup.html", {"form": form}, status=429)
    if request.POST.get(HONEYPOT):
        # A robot filled the field people never see: it gets the same answer as a person, and nothing is kept.
        return redirect(reverse("mentoring:signup") + "?sent=1")
    if form.is_valid():
        try:
            services.mentor_apply(**form.application_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(reverse("mentoring:signup") + "?sent=1")
    return render(request, "mentoring/signup.html", {"form": form}, status=422)


@staff_required
def applications(request):
    context = {
        "applications": selectors.with_language_names(selectors.applications_pending(request.user)),
        "invited": selectors.applications_invited(request.user),
    }
    return render(request, "mentoring/applications.html", context)


def _invited_message(request, application, code: str, *, again: bool = False) -> None:
    if application.email:
        text = (
            _("A new invitation was sent to %(email)s; the old code no longer works.")
            if again
            else _("%(name)s is approved: an invitation was sent to %(email)s.")
        )
        messages.success(request, text % {"name": application, "email": application.email})
    else:
        text = (
            _("A new code for %(name)s, to hand over (the old one no longer works): %(code)s")
            if again
            else _("%(name)s is approved. Give them this code to set a password: %(code)s")
        )
        messages.success(request, text % {"name": application, "code": code_display(code)})


@staff_required
@require_POST
def application_action(request, application_id: int, action: str):
    application = selectors.application_get(request.user, application_id)
    try:
        if action == "approve":
            _invitation, code = services.mentor_application_approve(application=application, by=request.user)
            _invited_message(request, application, code)
        elif action == "reinvite":
            _invitation, code = services.mentor_application_reinvite(application=application, by=request.user)
            _invited_message(request, application, code, again=True)
        elif action == "withdraw":
            services.mentor_application_withdraw(application=application, by=request.user)
            messages.success(request, _("The invitation no longer works; the application waits for an answer again."))
        elif action == "decline":
            services.mentor_application_decline(application=application, by=request.user)
            messages.success(request, _("Application declined."))
        else:
            raise PermissionDenied
    except (DomainError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    return redirect("mentoring:applications")


# -- coach -------------------------------------------------------------------------------------------------
@staff_required
def runs(request):
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.matching_run(
                by=request.user,
                programme=form.cleaned_data["programme"],
                mode=form.cleaned_data["mode"],
                seed=form.cleaned_data["seed"] or 0,
            )
        except (DomainError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            count = run.stats.get("proposals", 0)
            if count:
                messages.success(
                    request,
                    ngettext(
                        "Matching done: %(count)d proposal to review.",
                        "Matching done: %(count)d proposals to review.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.info(request, _("Nobody to pair right now: every mentee has a mentor or no mentor is free."))
            return redirect("mentoring:run", run.pk)
    context = {
        "form": form,
        "runs": selectors.runs_visible(request.user)[:20],
        "mentors": selectors.mentors_visible(request.user)[:200],
        "pending": selectors.match_list(request.user, status=MatchStatus.OFFERED).order_by("offered_at")[:100],
        "applications_waiting": selectors.applications_pending(request.user).count(),
    }
    return render(request, "mentoring/runs.html", context)


@staff_required
def run_detail(request, run_id: int):
    run = selectors.run_get(request.user, run_id)
    proposals = list(selectors.run_proposals(run))
    open_proposals = [m for m in proposals if m.status == MatchStatus.PROPOSED]
    wishes = selectors.wishes_of(request.user, {m.mentee_id for m in proposals})
    for match in proposals:
        match.reason_list = selectors.reasons_text(match, audience="staff")
        match.constraint_list = selectors.constraints_text(match)
        match.wish_list = wishes.get(match.mentee_id, [])
    context = {
        "run": run,
        "proposals": proposals,
        "open_proposals": open_proposals,
        "is_shortlist": run.mode == RunMode.SHORTLIST,
        "unmatched": selectors.run_unmatched(request.user, run),
        "exclusions": selectors.coach_exclusions(request.user)[:100],
    }
    return render(request, "mentoring/run_detail.html", context)


@staff_required
@require_POST
def exclusion_restore(request, exclusion_id: int):
    """A pair a coach excluded may be proposed again; back to the page the coach came from."""
    back = safe_next(request, reverse("mentoring:runs"))
    try:
        restored = services.exclusion_restore(exclusion_id=exclusion_id, by=request.user)
    except (DomainError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        if restored:
            messages.success(request, _("Pair restored: the next run may propose it again."))
        elif selectors.exclusion_exists(request.user, exclusion_id):
            messages.error(request, _("Only a pair a coach excluded can be restored; a mentor's decline is theirs."))
        else:
            messages.info(request, _("This pair is no longer excluded."))
    return redirect(back)


@staff_required
@require_POST
def run_publish(request, run_id: int):
    run = selectors.run_get(request.user, run_id)
    result = services.run_publish(run=run, by=request.user)
    n = result["published"]
    if run.mode == RunMode.SHORTLIST:
        messages.success(
            request,
            ngettext("%(count)d choice opened to the mentees.", "%(count)d choices opened to the mentees.", n)
            % {"count": n},
        )
    else:
        messages.success(
            request,
            ngettext("%(count)d offer sent to the mentors.", "%(count)d offers sent to the mentors.", n) % {"count": n},
        )
    if result["skipped"]:
        messages.warning(
            request,
            ngettext(
                "%(count)d proposal could not be sent: reload and check it.",
                "%(count)d proposals could not be sent: reload and check them.",
                result["skipped"],
            )
            % {"count": result["skipped"]},
        )
    return redirect("mentoring:run", run.pk)


@staff_required
@require_POST
def proposal_action(request, match_id: int, action: str):
    match = selectors.match_get(request.user, match_id)
    back = safe_next(
        request, reverse("mentoring:run", args=[match.run_id]) if match.run_id else reverse("mentoring:runs")
    )
    try:
        if action == "pin":
            services.match_pin(match=match, by=request.user, pinned=not match.pinned)
        elif action == "exclude":
            services.match_exclude(match=match, by=request.user)
            messages.success(request, _("Pair excluded: it will not be proposed again."))
        elif action == "swap":
            other = selectors.match_get(request.user, request.POST.get("other") or 0)
            services.match_swap(match=match, other=other, by=request.user)
            messages.success(request, _("Mentors swapped; both pairs were scored again."))
        elif action == "publish":
            services.match_publish(match=match, by=request.user)
            messages.success(request, _("Offer sent to %(name)s.") % {"name": match.mentor.user})
        elif action == "withdraw":
            services.match_withdraw(match=match, by=request.user)
            messages.success(request, _("Offer withdrawn."))
        else:
            raise PermissionDenied
    except (DomainError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    return redirect(back)


@staff_required
def weights(request):
    """The weights and the local–newcomer rule of one programme (or the default ones), their cross-validated AUC,
    and a suggestion learnt from outcomes. Coaches read; administrators change."""
    chooser = WeightsProgrammeForm(request.GET or None)
    programme = chooser.cleaned_data["programme"] if chooser.is_valid() else None
    here = reverse("mentoring:weights") + (f"?programme={programme.pk}" if programme else "")
    current = services.weights_for(programme)
    form = WeightsForm(request.POST or None, initial={**current.weights, "binome": current.binome})
    if request.method == "POST" and form.is_valid():
        try:
            services.weights_set(
                by=request.user,
                programme=programme,
                weights=form.weights(),
                binome=form.cleaned_data["binome"] or None,
            )
        except (DomainError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Weights saved; the next run uses them."))
            return redirect(here)
    suggestion = learning.suggest(current.weights, programme) if request.GET.get("suggest") else None
    rows = [
        {"key": k, "current": current.weights.get(k), "suggested": suggestion["weights"].get(k) if suggestion else None}
        for k in BLOCKS
    ]
    return render(
        request,
        "mentoring/weights.html",
        {
            "form": form,
            "chooser": chooser,
            "programme": programme,
            # A programme without its own row follows the default weights until an administrator saves its own.
            "inherited": programme is not None and current.programme_id != programme.pk,
            "current": current,
            "suggestion": suggestion,
            "rows": rows,
            "can_edit": request.user.is_admin_role,
        },
    )


# -- mentor and mentee -------------------------------------------------------------------------------------
@login_required
def inbox(request):
    if request.user.role != Role.MENTOR and not request.user.is_staff_role:
        raise PermissionDenied
    matches = list(selectors.matches_visible(request.user).filter(mentor__user=request.user).order_by("-offered_at"))
    for match in matches:
        match.profile = selectors.mentee_limited_profile(match)
        match.reason_list = selectors.reasons_text(match, audience="mentor")
        match.my_fit = match.mentor_fit
        until = services.decline_undo_until(match)
        match.undo_until = until if until and until > timezone.now() else None
    active = [m for m in matches if m.status == MatchStatus.ACTIVE]
    _with_meetings(request.user, active)
    context = {
        "offers": [m for m in matches if m.status == MatchStatus.OFFERED],
        "active": active,
        "past": [m for m in matches if m.status in (MatchStatus.ENDED, MatchStatus.DECLINED, MatchStatus.WITHDRAWN)],
        "decline_reasons": DeclineReason.choices,
        "undo_minutes": services.DECLINE_UNDO_MINUTES,
        "fits": Fit.choices,
        "session_form": SessionForm(),
        "feedback_form": FeedbackForm(),
        "mentor": selectors.mentors_visible(request.user).filter(user=request.user).first(),
    }
    return render(request, "mentoring/inbox.html", context)


def _own_mentor_profile(request):
    if request.user.role != Role.MENTOR:
        raise PermissionDenied
    mentor = selectors.mentors_visible(request.user).filter(user=request.user).first()
    if mentor is None:
        raise PermissionDenied
    return mentor


@login_required
def profile(request):
    """The mentor's own profile: what matching knows of them, and whether they take new offers."""
    mentor = _own_mentor_profile(request)
    known = {code for code, _label in MentorDetailsForm.base_fields["languages"].choices}
    codes = mentor.language_codes
    initial = {
        "languages": [c for c in codes if c in known],
        "other_languages": ", ".join(language_name(c) for c in codes if c not in known),
        "expertise": ", ".join(mentor.expertise),
        "expertise_text": mentor.expertise_text,
        "capacity": mentor.capacity,
        "hours_per_month": mentor.hours_per_month,
        "commune": mentor.commune,
        "mode": mentor.mode,
        "gender": mentor.gender,
    }
    form = MentorDetailsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.mentor_update(mentor=mentor, by=request.user, **form.mentor_fields())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("mentoring:profile")
        status = 422
    return render(request, "mentoring/profile.html", {"form": form, "mentor": mentor}, status=status)


@login_required
@require_POST
def pause(request):
    mentor = _own_mentor_profile(request)
    paused = request.POST.get("paused") == "1"
    services.mentor_pause(mentor=mentor, by=request.user, paused=paused)
    if paused:
        messages.success(request, _("You are paused: no new offer until you come back. Your pairs go on."))
    else:
        messages.success(request, _("Welcome back: new offers can reach you again."))
    return redirect(safe_next(request, reverse("mentoring:profile")))


@login_required
def mine(request):
    if request.user.role != Role.ENTREPRENEUR:
        raise PermissionDenied
    matches = list(
        selectors.matches_visible(request.user).prefetch_related("sessions").order_by("shortlist_rank", "-score")
    )
    for match in matches:
        match.reason_list = selectors.reasons_text(match, audience="mentee")
        match.my_fit = match.mentee_fit
    _with_meetings(request.user, [m for m in matches if m.status == MatchStatus.ACTIVE])
    person = crm_selectors.own_file(request.user)
    context = {
        **_wish_context(request.user, person),
        "current": next((m for m in matches if m.status in (MatchStatus.ACTIVE, MatchStatus.OFFERED)), None),
        "shortlist": [m for m in matches if m.status == MatchStatus.PROPOSED and m.shortlist_open],
        "past": [m for m in matches if m.status == MatchStatus.ENDED],
        "fits": Fit.choices,
        "session_form": SessionForm(),
        "feedback_form": FeedbackForm(),
    }
    return render(request, "mentoring/mine.html", context)


def _with_meetings(user, matches: list) -> None:
    """The meetings block of each running pair: its meetings, a proposal form, and a filled-in log form for
    each meeting that took place (ids made unique per pair: a mentor's page shows several pairs)."""
    selectors.meetings_agenda(user, matches)
    for match in matches:
        match.meeting_form = MeetingForm(auto_id=f"meeting-{match.pk}-%s")
        for meeting in match.meetings_to_answer:
            meeting.counter_form = MeetingForm(
                auto_id=f"counter-{meeting.pk}-%s",
                initial={
                    "replaces": meeting.pk,
                    "minutes": meeting.minutes,
                    "mode": meeting.mode,
                    "place": meeting.place,
                    "link": meeting.link,
                },
            )
        for meeting in match.meetings_to_log:
            meeting.log_form = LoggedMeetingForm(
                auto_id=f"log-{meeting.pk}-%s",
                initial={
                    "held_on": timezone.localdate(meeting.start),
                    "minutes": meeting.minutes,
                    "meeting": meeting.pk,
                },
            )


def _form_errors(form) -> ValidationError:
    return ValidationError([e for errors in form.errors.values() for e in errors])


def _pair_answer(request, act: Callable[[], None]) -> HttpResponse:
    """Run one action of a pair or of its meetings, then go back to the page it came from (?next=, else the
    user's pairs: the mentor's inbox, the mentee's own page).

    A refusal (a domain error: forbidden, conflicting, no longer open) or invalid input becomes the page's error
    message, never a 500; the action runs in one transaction, so a refusal leaves nothing half-written. A pair or
    meeting the user may not see, or one gone meanwhile, stays a 404, and an unknown action a 403."""
    back = safe_next(request, reverse("mentoring:inbox" if request.user.role == Role.MENTOR else "mentoring:mine"))
    try:
        with transaction.atomic():
            act()
    except (DomainError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    return redirect(back)


@login_required
@require_POST
def match_action(request, match_id: int, action: str):
    """The one-click answers and the life of a pair, for the mentor and the mentee."""
    match = selectors.match_get(request.user, match_id)
    post = request.POST

    def act() -> None:
        if action == "accept":
            accepted = services.match_accept(match=match, by=request.user)
            messages.success(request, _("You now mentor %(name)s. Thank you!") % {"name": match.mentee.first_name})
            if accepted.released:
                messages.info(
                    request,
                    ngettext(
                        "You have no place left, so %(count)d other offer was closed; that person will be "
                        "proposed another mentor.",
                        "You have no place left, so %(count)d other offers were closed; those people will be "
                        "proposed another mentor.",
                        len(accepted.released),
                    )
                    % {"count": len(accepted.released)},
                )
        elif action == "decline":
            if post.get("confirm") != "1":
                raise ValidationError(_("Confirm that you decline this offer."))
            services.match_decline(
                match=match, by=request.user, reason=post.get("reason", ""), note=post.get("note", "")
            )
            messages.success(
                request,
                ngettext(
                    "Declined. Thank you for saying so quickly. Changed your mind? You can undo it for %(minutes)d "
                    "minute.",
                    "Declined. Thank you for saying so quickly. Changed your mind? You can undo it for %(minutes)d "
                    "minutes.",
                    services.DECLINE_UNDO_MINUTES,
                )
                % {"minutes": services.DECLINE_UNDO_MINUTES},
            )
        elif action == "undo-decline":
            services.match_decline_undo(match=match, by=request.user)
            messages.success(request, _("The offer is open again: accept it or decline it when you are ready."))
        elif action == "ask":
            services.match_ask(match=match, by=request.user, question=post.get("question", ""))
            messages.success(request, _("Your question was sent to the coach."))
        elif action == "choose":
            services.shortlist_choose(match=match, by=request.user)
            messages.success(request, _("Your choice was sent to %(name)s.") % {"name": match.mentor.user.first_name})
        elif action == "session":
            form = LoggedMeetingForm(post) if post.get("meeting") else SessionForm(post)
            if not form.is_valid():
                raise _form_errors(form)
            fields = dict(form.cleaned_data)
            if "meeting" in fields:
                fields["meeting"] = selectors.meeting_get(request.user, fields["meeting"])
            services.session_log(match=match, by=request.user, **fields)
            messages.success(request, _("Session logged."))
        elif action == "meeting":
            form = MeetingForm(post)
            if not form.is_valid():
                raise _form_errors(form)
            replaces = form.cleaned_data["replaces"]
            meetings.meeting_propose(
                match=match,
                by=request.user,
                replaces=selectors.meeting_get(request.user, replaces) if replaces else None,
                **form.meeting_fields(),
            )
            messages.success(request, _("Your proposal was sent. You will be told when a time is chosen."))
        elif action == "fit":
            _updated, following = services.match_fit(match=match, by=request.user, fit=post.get("fit", ""))
            if post.get("fit") == Fit.BAD:
                messages.info(request, _("The pair is closed; the coach will propose another one."))
            else:
                messages.success(request, _("Thank you for telling us."))
        elif action == "feedback":
            form = FeedbackForm(post)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            services.match_feedback(match=match, by=request.user, **form.cleaned_data)
            messages.success(request, _("Thank you for your feedback."))
        elif action == "end":
            services.match_end(
                match=match, by=request.user, reason=post.get("reason", ""), early=post.get("early") == "1"
            )
            messages.success(request, _("The pair is ended."))
        else:
            raise PermissionDenied

    return _pair_answer(request, act)


@login_required
@require_POST
def meeting_action(request, meeting_id: int, action: str):
    """The answers to a proposed meeting (accept one time, decline) and the cancellation, for the pair."""
    meeting = selectors.meeting_get(request.user, meeting_id)
    post = request.POST

    def act() -> None:
        if action == "accept":
            try:
                start = datetime.fromisoformat(post.get("start", ""))
            except ValueError:
                raise ValidationError(_("Choose one of the proposed times.")) from None
            fixed = meetings.meeting_accept(meeting=meeting, by=request.user, start=start)
            messages.success(
                request,
                _("Meeting fixed on %(time)s. Add it to your calendar with the .ics file.")
                % {"time": date_format(timezone.localtime(fixed.start), "DATETIME_FORMAT")},
            )
        elif action == "decline":
            meetings.meeting_decline(meeting=meeting, by=request.user, note=post.get("note", ""))
            messages.success(request, _("Declined. The other side is told and can propose other times."))
        elif action == "cancel":
            meetings.meeting_cancel(meeting=meeting, by=request.user, note=post.get("note", ""))
            messages.success(request, _("Cancelled. The other side is told."))
        else:
            raise PermissionDenied

    return _pair_answer(request, act)


@login_required
@require_GET
def meeting_ics(request, meeting_id: int):
    """A fixed meeting as an .ics file: the pair's two members and coaches; a proposal has none (404)."""
    meeting = selectors.meeting_get(request.user, meeting_id)
    if meeting.start is None:
        raise Http404("meeting")
    response = HttpResponse(ical.meeting_ics(meeting, request.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interlab-meeting-{meeting.pk}.ics"'
    return response


# -- what a mentee asks of their mentor ----------------------------------------------------------------------
def _wish_form(person, wish, data=None) -> MentorWishForm:
    spoken = [(sl.code, selectors.language_name(sl.code)) for sl in person.spoken_languages.all()]
    if wish is not None and wish.mentor_language:
        spoken.append((wish.mentor_language, selectors.language_name(wish.mentor_language)))
    initial = {"mentor_gender": wish.mentor_gender, "mentor_language": wish.mentor_language} if wish else {}
    return MentorWishForm(data, initial=initial, spoken=spoken)


def _wish_context(user, person, form: MentorWishForm | None = None) -> dict:
    if person is None:
        return {"wish_person": None}
    wish = selectors.wish_for(user, person)
    return {
        "wish_person": person,
        "wish_texts": selectors.wish_texts(wish),
        "wish_form": form or _wish_form(person, wish),
    }


@login_required
def wishes(request, entrepreneur_id: int):
    """What a mentee asks of their mentor (a gender, a language), set by the mentee or a coach on their behalf."""
    person = crm_selectors.entrepreneur_get(request.user, entrepreneur_id)
    is_self = person.user_id is not None and person.user_id == request.user.pk
    form = _wish_form(person, selectors.wish_for(request.user, person), request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.mentor_wish_set(
                    mentee=person,
                    by=request.user,
                    gender=form.cleaned_data["mentor_gender"],
                    language=form.cleaned_data["mentor_language"],
                )
            except (DomainError, ValidationError) as exc:
                form.add_error(None, _error_text(exc))
            else:
                messages.success(request, _("Saved: the next proposals follow what was asked."))
                return redirect(safe_next(request, reverse("mentoring:mine" if is_self else "mentoring:runs")))
        status = 422
    context = {
        **_wish_context(request.user, person, form),
        "is_self": is_self,
        "wish_next": request.POST.get("next") or request.GET.get("next") or "",
    }
    return render(request, "mentoring/wishes.html", context, status=status)
