"""Who takes part in a matching run, read from the database and turned into the model's plain data."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.utils import translation

from interlab.crm.models import Entrepreneur, Need, Project

from .model import MenteeData, MentorData
from .models import (
    HOLDING_STATUSES,
    OPEN_STATUSES,
    RUNNING_STATUSES,
    BinomeMode,
    Exclusion,
    Match,
    MatchingWeights,
    MatchStatus,
    MentorProfile,
    MentorWish,
    Withdrawal,
)


def need_words(key: str) -> str:
    """A need in French and English, so that "financing" meets a mentor who wrote "financement"."""
    label = dict(Need.choices).get(key, key)
    words = [key]
    for language in ("fr", "en"):
        with translation.override(language):
            words.append(str(label))
    return " ".join(words)


def mentee_queryset(programme=None):
    """Entrepreneurs to pair: not erased, with a project (in the programme), no pair offered or running."""
    projects = Project.objects.all()
    if programme is not None:
        projects = projects.filter(programme=programme)
    busy = Match.objects.filter(status__in=[*OPEN_STATUSES, MatchStatus.ACCEPTED]).values("mentee")
    return (
        Entrepreneur.objects.active()
        .filter(pk__in=projects.values("entrepreneur"))
        .exclude(pk__in=busy)
        .select_related("mentor_wish")
        .prefetch_related("spoken_languages", Prefetch("projects", queryset=projects.order_by("-created_at")))
        .order_by("pk")
    )


def with_place_counts(mentors):
    """Mentors with the places their running pairs take (`active_count`), the places their pending offers hold
    (`pending_count`), and both together (`held_count`): all of them count against capacity."""
    return mentors.annotate(
        active_count=Count("matches", filter=Q(matches__status__in=RUNNING_STATUSES)),
        pending_count=Count("matches", filter=Q(matches__status=MatchStatus.OFFERED)),
        held_count=Count("matches", filter=Q(matches__status__in=HOLDING_STATUSES)),
    )


def mentor_queryset():
    """Mentors not paused, with their place counts (with_place_counts)."""
    return (
        with_place_counts(MentorProfile.objects.available())
        .select_related("user")
        .prefetch_related("programmes")
        .order_by("pk")
    )


def binome_modes() -> dict[int | None, str]:
    """The local–newcomer rule of each programme with its own matching settings, and the default one (key None).
    A programme without a row follows the default; with no default row either, the binôme is required."""
    modes: dict[int | None, str] = dict(MatchingWeights.objects.values_list("programme_id", "binome"))
    modes.setdefault(None, BinomeMode.REQUIRED)
    return modes


def binome_mode(programme_id: int | None, modes: dict[int | None, str] | None = None) -> str:
    modes = binome_modes() if modes is None else modes
    return modes.get(programme_id, modes[None])


def wish_of(person: Entrepreneur) -> MentorWish | None:
    try:
        return person.mentor_wish
    except MentorWish.DoesNotExist:
        return None


def mentee_data(
    person: Entrepreneur, programme_id: int | None = None, modes: dict[int | None, str] | None = None
) -> MenteeData:
    """The model's view of a mentee. With `modes` (binome_modes()), the row carries its programme's
    local–newcomer rule; without, the rule the matrix is given applies."""
    projects = list(person.projects.all())
    project = projects[0] if projects else None
    needs = [n for n in person.needs or [] if isinstance(n, str)]
    programme_id = programme_id if programme_id is not None else (project.programme_id if project else None)
    wish = wish_of(person)
    return MenteeData(
        id=person.pk,
        needs=needs,
        needs_text=" ".join(need_words(n) for n in needs),
        sector=project.sector if project else "",
        goals=" ".join(filter(None, [project.title if project else "", project.description if project else ""])),
        languages={sl.code: sl.level for sl in person.spoken_languages.all()},
        commune=person.commune,
        newcomer=person.arrival_year is not None,
        programme_id=programme_id,
        wish_gender=wish.mentor_gender if wish else "",
        wish_language=wish.mentor_language if wish else "",
        binome=binome_mode(programme_id, modes) if modes is not None else "",
    )


def mentor_data(mentor: MentorProfile) -> MentorData:
    """The model's view of a mentor; `capacity` is the places left once running pairs and pending offers count."""
    free = mentor.capacity - getattr(mentor, "held_count", 0)
    return MentorData(
        id=mentor.pk,
        expertise=[t for t in mentor.expertise or [] if isinstance(t, str)],
        expertise_text=mentor.expertise_text,
        sectors=[s for s in mentor.sectors or [] if isinstance(s, str)],
        languages={item["code"]: item.get("level", "") for item in mentor.languages or []},
        commune=mentor.commune,
        mode=mentor.mode,
        is_local=mentor.is_local,
        hours_per_month=mentor.hours_per_month,
        capacity=max(free, 0),
        programme_ids=frozenset(p.pk for p in mentor.programmes.all()),
        gender=mentor.gender,
    )


def excluded_pairs(mentee_ids=None) -> set[tuple[int, int]]:
    """Pairs never to propose: coach exclusions, declines, pairs that already ran or ended, offers a coach
    withdrew. An offer withdrawn because the mentor had no place left rules nothing out: they may have room later."""
    exclusions = Exclusion.objects.all()
    past = Match.objects.filter(status__in=[MatchStatus.DECLINED, MatchStatus.ENDED, MatchStatus.WITHDRAWN]).exclude(
        status=MatchStatus.WITHDRAWN, withdrawal=Withdrawal.NO_PLACE
    )
    if mentee_ids is not None:
        exclusions = exclusions.filter(mentee_id__in=mentee_ids)
        past = past.filter(mentee_id__in=mentee_ids)
    return set(exclusions.values_list("mentee_id", "mentor_id")) | set(past.values_list("mentee_id", "mentor_id"))
