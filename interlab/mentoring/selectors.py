"""Read-side queries of the mentoring app, always scoped to the user asking; the figures for impact."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from interlab.core import accounts, languages
from interlab.core.models import InvitationKind, Role, User
from interlab.crm.models import Need

from .models import (
    RUNNING_STATUSES,
    ApplicationStatus,
    Exclusion,
    Gender,
    Match,
    MatchingRun,
    MatchStatus,
    Meeting,
    MeetingStatus,
    MentorApplication,
    MentorProfile,
    MentorWish,
)


def mentor_id_for_user(user) -> int | None:
    """The mentor profile linked to this login, if any (shown by GET /api/v1/me)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return MentorProfile.objects.filter(user=user).values_list("pk", flat=True).first()


# -- applications ------------------------------------------------------------------------------------------
def applications_pending(user: User) -> QuerySet[MentorApplication]:
    """Applications from the public page waiting for a coach's answer: staff only."""
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        return MentorApplication.objects.none()
    return MentorApplication.objects.filter(status=ApplicationStatus.PENDING)


def with_language_names(applications) -> list[MentorApplication]:
    """Each application with `language_names`: its languages in words, in the reader's language."""
    applications = list(applications)
    for application in applications:
        codes = [item.get("code", "") if isinstance(item, dict) else str(item) for item in application.languages]
        application.language_names = [language_name(code) for code in codes if code]
    return applications


def applications_invited(user: User) -> list[MentorApplication]:
    """Approved applications whose person has not set a password yet, each with its latest invitation
    (`invitation`, whatever its state): staff only."""
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        return []
    found = list(MentorApplication.objects.filter(status=ApplicationStatus.APPROVED, mentor__isnull=True))
    latest = {}
    for invitation in accounts.invitations_for_all(found).filter(kind=InvitationKind.INVITE).order_by("created_at"):
        latest[invitation.target_id] = invitation
    for application in found:
        application.invitation = latest.get(application.pk)
    return found


def application_get(user: User, pk) -> MentorApplication:
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        raise Http404
    found = MentorApplication.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# -- mentors -----------------------------------------------------------------------------------------------
def mentors_visible(user: User) -> QuerySet[MentorProfile]:
    qs = (
        MentorProfile.objects.select_related("user")
        .prefetch_related("programmes")
        .annotate(
            active_count=Count("matches", filter=Q(matches__status__in=RUNNING_STATUSES)),
            pending_count=Count("matches", filter=Q(matches__status=MatchStatus.OFFERED)),
        )
    )
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_staff_role:
        return qs
    if user.role == Role.MENTOR:
        return qs.filter(user=user)
    return qs.none()


def mentor_get(user: User, pk) -> MentorProfile:
    try:
        return mentors_visible(user).get(pk=pk)
    except (MentorProfile.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("mentor") from None


# -- pairs -------------------------------------------------------------------------------------------------
def matches_visible(user: User) -> QuerySet[Match]:
    """Coaches see every pair; a mentor their offers and pairs; a mentee their pairs and open shortlist."""
    qs = Match.objects.select_related("mentor__user", "mentee", "programme", "run")
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_staff_role:
        return qs
    if user.role == Role.MENTOR:
        return qs.filter(mentor__user=user).exclude(status=MatchStatus.PROPOSED)
    if user.role == Role.ENTREPRENEUR:
        return qs.filter(mentee__user=user, mentee__erased_at__isnull=True).filter(
            ~Q(status=MatchStatus.PROPOSED) | Q(shortlist_open=True)
        )
    return qs.none()


def match_get(user: User, pk) -> Match:
    try:
        return matches_visible(user).get(pk=pk)
    except (Match.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("match") from None


def match_list(user: User, *, status: str = "") -> QuerySet[Match]:
    qs = matches_visible(user)
    if status == MatchStatus.ACCEPTED:
        # Accepting starts the pair: "accepted" lists every pair a mentor said yes to, running or ended.
        return qs.filter(accepted_at__isnull=False)
    if status:
        qs = qs.filter(status=status)
    return qs


# -- meetings ----------------------------------------------------------------------------------------------
def meetings_visible(user: User) -> QuerySet[Meeting]:
    """The meetings of the pairs the user sees: the pair's two members, and coaches."""
    return Meeting.objects.filter(match__in=matches_visible(user).values("pk")).select_related(
        "match__mentor__user", "match__mentee"
    )


def meeting_get(user: User, pk) -> Meeting:
    try:
        return meetings_visible(user).get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("meeting") from None


# Fixed meetings over for longer than this no longer ask to be logged.
LOG_INVITATION_DAYS = 30


def meetings_agenda(user: User, matches: list[Match], now: datetime | None = None) -> None:
    """Sets, on each pair, what the pair's meeting block shows `user` (one query for all the pairs):
    ``meetings_to_answer`` (the other side's proposals), ``meetings_proposed`` (the user's own),
    ``meetings_fixed`` (accepted or cancelled, not over), ``meetings_to_log`` (over, not logged yet). On each
    proposal, ``open_times``: the proposed times still ahead."""
    now = now or timezone.now()
    by_pair: dict[int, list[Meeting]] = {match.pk: [] for match in matches}
    recent = now - timedelta(days=LOG_INVITATION_DAYS)
    rows = (
        meetings_visible(user)
        .filter(match__in=list(by_pair))
        .filter(
            Q(status=MeetingStatus.PROPOSED)
            | Q(status=MeetingStatus.ACCEPTED, start__gte=recent)
            | Q(status=MeetingStatus.CANCELLED, start__gte=now)
        )
        .order_by("start", "created_at", "pk")
    )
    for meeting in rows:
        by_pair[meeting.match_id].append(meeting)
    for match in matches:
        meetings = by_pair[match.pk]
        for meeting in meetings:
            meeting.open_times = [moment for moment in meeting.option_times if moment > now]
            meeting.mine = meeting.proposed_by_id == user.pk
        match.meetings_to_answer = [m for m in meetings if m.status == MeetingStatus.PROPOSED and not m.mine]
        match.meetings_proposed = [m for m in meetings if m.status == MeetingStatus.PROPOSED and m.mine]
        match.meetings_fixed = [m for m in meetings if m.status != MeetingStatus.PROPOSED and m.end > now]
        match.meetings_to_log = [
            m for m in meetings if m.status == MeetingStatus.ACCEPTED and m.end <= now and m.session_id is None
        ]


def runs_visible(user: User) -> QuerySet[MatchingRun]:
    if user.is_authenticated and user.is_staff_role:
        return MatchingRun.objects.select_related("programme", "created_by")
    return MatchingRun.objects.none()


def run_get(user: User, pk) -> MatchingRun:
    try:
        return runs_visible(user).get(pk=pk)
    except (MatchingRun.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404("run") from None


def run_proposals(run: MatchingRun) -> QuerySet[Match]:
    return (
        run.matches.select_related("mentor__user", "mentee")
        .prefetch_related("mentee__projects")
        .order_by("mentee__last_name", "mentee__first_name", "shortlist_rank", "-score", "pk")
    )


# Why a mentee got no proposal: each hard constraint, said when it rules out every mentor with a free place,
# and when it rules out some of them ({count} of {free}).
UNMATCHED_ALL = {
    "languages": _lazy("no mentor with a free place shares a language with them"),
    "wish_gender": _lazy("no mentor with a free place is of the gender they asked for"),
    "wish_language": _lazy("no mentor with a free place speaks the language they asked for"),
    "binome": _lazy("no mentor with a free place makes the local–newcomer pair their programme requires"),
    "programme_only": _lazy("every mentor with a free place takes mentees of other programmes only"),
    "excluded": _lazy("every mentor with a free place is excluded for them (by a coach, or declined or ended before)"),
}


def _unmatched_some(key: str, count: int, free: int) -> str:
    texts = {
        "languages": ngettext(
            "%(count)d of %(free)d mentors with a free place shares no language with them",
            "%(count)d of %(free)d mentors with a free place share no language with them",
            count,
        ),
        "wish_gender": ngettext(
            "%(count)d of %(free)d mentors with a free place is not of the gender they asked for",
            "%(count)d of %(free)d mentors with a free place are not of the gender they asked for",
            count,
        ),
        "wish_language": ngettext(
            "%(count)d of %(free)d mentors with a free place does not speak the language they asked for",
            "%(count)d of %(free)d mentors with a free place do not speak the language they asked for",
            count,
        ),
        "binome": ngettext(
            "%(count)d of %(free)d mentors with a free place would not make the local–newcomer pair required",
            "%(count)d of %(free)d mentors with a free place would not make the local–newcomer pair required",
            count,
        ),
        "programme_only": ngettext(
            "%(count)d of %(free)d mentors with a free place takes mentees of other programmes only",
            "%(count)d of %(free)d mentors with a free place take mentees of other programmes only",
            count,
        ),
        "excluded": ngettext(
            "%(count)d of %(free)d mentors with a free place is excluded for them",
            "%(count)d of %(free)d mentors with a free place are excluded for them",
            count,
        ),
    }
    return texts.get(key, key) % {"count": count, "free": free}


def unmatched_why_text(why: dict) -> list[str]:
    """A run's reasons for one mentee left without a proposal (stats["unmatched_why"]), in words."""
    free = int(why.get("free") or 0)
    if not free:
        return [_("no mentor has a free place")]
    if why.get("taken"):
        return [_("a mentor fits, but their free places went to other mentees in this run")]
    broken = {k: int(v) for k, v in (why.get("broken") or {}).items() if isinstance(v, int | float)}
    ruling = [k for k in UNMATCHED_ALL if broken.get(k) == free]
    if ruling:
        return [str(UNMATCHED_ALL[k]) for k in ruling]
    return [_unmatched_some(k, broken[k], free) for k in UNMATCHED_ALL if broken.get(k)]


def run_unmatched(user: User, run: MatchingRun) -> list[dict]:
    """Staff only: the mentees a run left without a proposal, by name, each with why (from the run's stats)."""
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        return []
    whys = [w for w in (run.stats or {}).get("unmatched_why") or [] if isinstance(w, dict)]
    from interlab.crm.models import Entrepreneur

    people = Entrepreneur.objects.in_bulk([w.get("mentee") for w in whys if isinstance(w.get("mentee"), int)])
    rows = []
    for why in whys:
        person = people.get(why.get("mentee"))
        if person is None:
            continue
        name = _("(erased)") if person.erased_at else f"{person.first_name} {person.last_name}".strip()
        rows.append({"mentee": person, "name": name, "why": unmatched_why_text(why)})
    return sorted(rows, key=lambda r: r["name"].casefold())


def coach_exclusions(user: User, mentee_ids=None) -> QuerySet[Exclusion]:
    """Staff only: the pairs coaches excluded (a mentor's own decline is not listed: it is theirs to undo)."""
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        return Exclusion.objects.none()
    qs = Exclusion.objects.filter(reason="coach").select_related("mentee", "mentor__user", "by")
    if mentee_ids is not None:
        qs = qs.filter(mentee_id__in=list(mentee_ids))
    return qs.order_by("-created_at", "-pk")


def exclusion_exists(user: User, exclusion_id: int) -> bool:
    """Staff only: whether the pair is still ruled out, whoever ruled it out."""
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        return False
    return Exclusion.objects.filter(pk=exclusion_id).exists()


def mentee_limited_profile(match: Match) -> dict:
    """What a mentor may know of the mentee: no residence, origin, contact or birth data before accepting."""
    person = match.mentee
    project = person.projects.order_by("-created_at").first()
    labels = dict(Need.choices)
    profile = {
        "first_name": person.first_name if not person.erased_at else _("(erased)"),
        "commune": person.commune,
        "languages": [language_name(sl.code) for sl in person.spoken_languages.all()],
        "needs": [str(labels.get(n, n)) for n in person.needs or []],
        "project_title": project.title if project else "",
        "project_sector": project.sector if project else "",
        "project_description": project.description if project else "",
    }
    if match.status in (MatchStatus.ACTIVE, MatchStatus.ENDED):
        profile.update(last_name=person.last_name, email=person.email, phone=person.phone)
    return profile


# -- reasons in words --------------------------------------------------------------------------------------
def language_name(code: str) -> str:
    return languages.language_name(code)


# A mentee's hard wish, said to coaches ("as Fatou asked") and to the mentee ("as you asked").
WISH_GENDER_TEXT = {
    "staff": {
        Gender.WOMAN: _lazy("a woman mentor, as %(name)s asked"),
        Gender.MAN: _lazy("a man mentor, as %(name)s asked"),
        Gender.OTHER: _lazy("a mentor of another gender, as %(name)s asked"),
    },
    "mentee": {
        Gender.WOMAN: _lazy("a woman mentor, as you asked"),
        Gender.MAN: _lazy("a man mentor, as you asked"),
        Gender.OTHER: _lazy("a mentor of another gender, as you asked"),
    },
}
WISH_LANGUAGE_TEXT = {
    "staff": _lazy("speaks %(language)s, as %(name)s asked"),
    "mentee": _lazy("speaks %(language)s, as you asked"),
}


def audience(match: Match, viewer, *, staff: bool) -> str:
    """Who reads a pair's reasons: "staff", "mentee" or "mentor" (who is not told what the mentee asked for)."""
    if staff:
        return "staff"
    if viewer is not None and match.mentee.user_id is not None and match.mentee.user_id == viewer.pk:
        return "mentee"
    return "mentor"


def reason_text(reason: dict, *, audience: str = "staff", name: str = "") -> str:
    """One structured reason (as the model stored it) as a sentence in the current language."""
    key = reason.get("key")
    if key == "wish":
        speaker = "mentee" if audience == "mentee" else "staff"
        if reason.get("gender"):
            text = WISH_GENDER_TEXT[speaker].get(reason["gender"])
            return str(text) % {"name": name} if text else str(reason["gender"])
        return str(WISH_LANGUAGE_TEXT[speaker]) % {"language": language_name(reason.get("language", "")), "name": name}
    if key == "languages":
        names = ", ".join(sorted(language_name(c) for c in reason.get("languages", [])))
        return _("shared languages: %(languages)s") % {"languages": names}
    if key == "expertise":
        labels = dict(Need.choices)
        covered = [str(labels.get(n, n)) for n in reason.get("needs", [])] + list(reason.get("tags", []))
        if covered:
            return _("expertise covers: %(items)s") % {"items": ", ".join(dict.fromkeys(covered))}
        return _("experience close to the project")
    if key == "sector":
        return _("same sector: %(sector)s") % {"sector": reason.get("sector", "")}
    if key == "goals":
        return _("goals close to the mentor's experience")
    if key == "binome":
        # Said in the review table's order: the mentee first, then the mentor.
        return (
            _("newcomer mentee × local mentor") if reason.get("mentor_local") else _("local mentee × newcomer mentor")
        )
    if key == "commune":
        return _("same commune: %(commune)s") % {"commune": reason.get("commune", "")}
    if key == "online":
        return _("meets online")
    if key == "availability":
        hours = int(reason.get("hours", 0))
        return ngettext("available %(hours)d hour a month", "available %(hours)d hours a month", hours) % {
            "hours": hours
        }
    return str(key)


def reasons_text(match: Match, *, audience: str = "staff") -> list[str]:
    """The pair's reasons in words for `audience` ("staff", "mentee", "mentor"): a mentee's wish is said to
    coaches and to the mentee, never to the mentor."""
    name = match.mentee.first_name if not match.mentee.erased_at else ""
    return [
        reason_text(r, audience=audience, name=name)
        for r in match.reasons or []
        if isinstance(r, dict) and not (audience == "mentor" and r.get("key") == "wish")
    ]


def wish_texts(wish: MentorWish | None) -> list[str]:
    """What a mentee asks of their mentor, in words ("a woman", "speaks Arabic"), for coaches and the mentee."""
    if wish is None:
        return []
    texts = []
    if wish.mentor_gender:
        texts.append(
            _("a mentor who is a woman")
            if wish.mentor_gender == Gender.WOMAN
            else _("a mentor who is a man")
            if wish.mentor_gender == Gender.MAN
            else _("a mentor of another gender")
        )
    if wish.mentor_language:
        texts.append(_("a mentor who speaks %(language)s") % {"language": language_name(wish.mentor_language)})
    return texts


def wishes_of(user: User, mentee_ids) -> dict[int, list[str]]:
    """Staff only: each mentee's wishes about their mentor, in words, by mentee id (mentees with none left out)."""
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        return {}
    return {w.mentee_id: wish_texts(w) for w in MentorWish.objects.filter(mentee_id__in=list(mentee_ids))}


def wish_for(user: User, entrepreneur) -> MentorWish | None:
    """The wish of a mentee the caller may see (the mentee themselves, or staff); None when there is none."""
    if not (user.is_authenticated and user.is_active):
        return None
    if not (user.is_staff_role or (entrepreneur.user_id is not None and entrepreneur.user_id == user.pk)):
        return None
    return MentorWish.objects.filter(mentee=entrepreneur).first()


def constraint_text(item: dict) -> str:
    key = item.get("key")
    if key == "languages":
        names = ", ".join(language_name(c) for c in item.get("languages", []))
        return _("working language: %(languages)s") % {"languages": names}
    if key == "capacity":
        return _("places left after this pair: %(left)d of %(capacity)d") % {
            "left": max(int(item.get("left", 0)), 0),
            "capacity": int(item.get("capacity", 0)),
        }
    if key == "programme_only":
        return _("mentor limited to this programme")
    if key == "binome_required":
        return _("local × newcomer required in this programme")
    return str(key)


def constraints_text(match: Match) -> list[str]:
    return [constraint_text(c) for c in match.constraints or [] if isinstance(c, dict)]


# -- figures for the impact dashboards ---------------------------------------------------------------------
def impact_figures(*, programme_ids=None, start=None, end=None) -> dict:
    """Mentoring figures for funders: aggregates only, no person in them.

    Pairs counted are those a mentor accepted (``accepted_at``) within [start, end] (dates or datetimes,
    both optional), in the given programmes (None: all). Keys:

    - ``pairs_active``: accepted pairs still running.
    - ``pairs_completed``: pairs ended as planned (not early).
    - ``pairs_ended_early``: pairs ended early (bad fit, withdrawal…).
    - ``mean_satisfaction``: mean of the 1–5 feedback on those pairs, rounded to 2 decimals, or None.
    - ``satisfaction_responses``: how many feedback answers that mean is made of.
    - ``sessions``: sessions logged on those pairs.
    - ``ties_created``: edges of the tie network (one per distinct mentor–mentee pair that started).
    - ``bridging_ties``: ties joining a local person and a newcomer.
    - ``bridging_share``: bridging_ties / ties_created (0–1), or None when there is no tie.
    - ``people_in_network``: people (mentors and mentees) with at least one tie.
    - ``reach_two_steps_mean``: mean number of other people each person reaches within two steps
      (their mentor or mentees, and those people's own ties), computed with networkx; None when empty.
    - ``reach_two_steps_total``: the sum of those reaches.

    The caller (impact) applies its own small-count suppression before showing anything to a funder.
    """
    import networkx as nx

    qs = Match.objects.filter(accepted_at__isnull=False)
    if programme_ids is not None:
        qs = qs.filter(programme_id__in=list(programme_ids))
    if start is not None:
        qs = (
            qs.filter(accepted_at__date__gte=start)
            if not hasattr(start, "tzinfo")
            else qs.filter(accepted_at__gte=start)
        )
    if end is not None:
        qs = qs.filter(accepted_at__date__lte=end) if not hasattr(end, "tzinfo") else qs.filter(accepted_at__lte=end)
    counts = qs.aggregate(
        active=Count("pk", filter=Q(status=MatchStatus.ACTIVE)),
        completed=Count("pk", filter=Q(status=MatchStatus.ENDED, ended_early=False)),
        early=Count("pk", filter=Q(status=MatchStatus.ENDED, ended_early=True)),
    )
    feedback = qs.aggregate(mean=Avg("feedback__satisfaction"), n=Count("feedback"))
    sessions = qs.aggregate(n=Count("sessions"))["n"]
    graph = nx.Graph()
    for mentor_id, mentor_local, mentee_id, arrival in qs.values_list(
        "mentor_id", "mentor__is_local", "mentee_id", "mentee__arrival_year"
    ):
        graph.add_node(("mentor", mentor_id), local=mentor_local)
        graph.add_node(("mentee", mentee_id), local=arrival is None)
        graph.add_edge(("mentor", mentor_id), ("mentee", mentee_id))
    ties = graph.number_of_edges()
    bridging = sum(1 for u, v in graph.edges if graph.nodes[u]["local"] != graph.nodes[v]["local"])
    reaches = [len(nx.single_source_shortest_path_length(graph, node, cutoff=2)) - 1 for node in graph.nodes]
    return {
        "pairs_active": counts["active"],
        "pairs_completed": counts["completed"],
        "pairs_ended_early": counts["early"],
        "mean_satisfaction": round(feedback["mean"], 2) if feedback["mean"] is not None else None,
        "satisfaction_responses": feedback["n"],
        "sessions": sessions,
        "ties_created": ties,
        "bridging_ties": bridging,
        "bridging_share": round(bridging / ties, 4) if ties else None,
        "people_in_network": graph.number_of_nodes(),
        "reach_two_steps_mean": round(sum(reaches) / len(reaches), 3) if reaches else None,
        "reach_two_steps_total": sum(reaches),
    }


def export_for_user(user: User) -> dict:
    """Everything mentoring holds about this login, for GET /api/v1/me/export (the right of access)."""
    mentor = MentorProfile.objects.filter(user=user).first()
    pairs = Match.objects.filter(Q(mentor__user=user) | Q(mentee__user=user)).exclude(status=MatchStatus.PROPOSED)
    applications = MentorApplication.objects.filter(
        Q(mentor__user=user) | (Q(email__iexact=user.email) if user.email else Q(pk__in=[]))
    )
    wish = MentorWish.objects.filter(mentee__user=user).first()
    return {
        "mentor_profile": None
        if mentor is None
        else {
            "is_local": mentor.is_local,
            "gender": mentor.gender,
            "languages": mentor.languages,
            "expertise": mentor.expertise,
            "expertise_text": mentor.expertise_text,
            "sectors": mentor.sectors,
            "capacity": mentor.capacity,
            "hours_per_month": mentor.hours_per_month,
            "commune": mentor.commune,
            "mode": mentor.mode,
            "paused": mentor.paused,
        },
        "mentor_wish": None
        if wish is None
        else {
            "mentor_gender": wish.mentor_gender,
            "mentor_language": wish.mentor_language,
            "updated_at": wish.updated_at,
        },
        "mentoring_pairs": [
            {
                "id": m.pk,
                "role": "mentor" if m.mentor.user_id == user.pk else "mentee",
                "status": m.status,
                "offered_at": m.offered_at,
                "accepted_at": m.accepted_at,
                "ended_at": m.ended_at,
                "decline_reason": m.decline_reason if m.mentor.user_id == user.pk else "",
                "sessions": [{"held_on": s.held_on, "minutes": s.minutes, "note": s.note} for s in m.sessions.all()],
                "meetings": [
                    {
                        "status": meeting.status,
                        "proposed_by_me": meeting.proposed_by_id == user.pk,
                        "proposed_times": meeting.options,
                        "start": meeting.start,
                        "minutes": meeting.minutes,
                        "mode": meeting.mode,
                        "place": meeting.place,
                        "link": meeting.link,
                        "note": meeting.note,
                        "message": meeting.answer_note,
                        "created_at": meeting.created_at,
                    }
                    for meeting in m.meetings.all()
                ],
                "feedback": [
                    {"satisfaction": f.satisfaction, "comment": f.comment, "at": f.at}
                    for f in m.feedback.all()
                    if f.by_id == user.pk
                ],
            }
            for m in pairs.select_related("mentor").prefetch_related("sessions", "feedback", "meetings").order_by("pk")
        ],
        "mentor_applications": [
            {
                "first_name": a.first_name,
                "last_name": a.last_name,
                "email": a.email,
                "phone": a.phone,
                "is_local": a.is_local,
                "gender": a.gender,
                "languages": a.languages,
                "expertise": a.expertise,
                "expertise_text": a.expertise_text,
                "capacity": a.capacity,
                "hours_per_month": a.hours_per_month,
                "commune": a.commune,
                "mode": a.mode,
                "status": a.status,
                "created_at": a.created_at,
            }
            for a in applications.order_by("pk")
        ],
    }
