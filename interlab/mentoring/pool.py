"""Who takes part in a matching run, read from the database and turned into the model's plain data."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.utils import translation

from interlab.crm.models import Entrepreneur, Need, Project

from .model import MenteeData, MentorData
from .models import Exclusion, Match, MatchStatus, MentorProfile


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
    busy = Match.objects.filter(status__in=[MatchStatus.OFFERED, MatchStatus.ACTIVE]).values("mentee")
    return (
        Entrepreneur.objects.active()
        .filter(pk__in=projects.values("entrepreneur"))
        .exclude(pk__in=busy)
        .prefetch_related("spoken_languages", Prefetch("projects", queryset=projects.order_by("-created_at")))
        .order_by("pk")
    )


def mentor_queryset():
    """Mentors not paused, with the number of places their running pairs already take."""
    return (
        MentorProfile.objects.available()
        .annotate(active_count=Count("matches", filter=Q(matches__status=MatchStatus.ACTIVE)))
        .select_related("user")
        .prefetch_related("programmes")
        .order_by("pk")
    )


def mentee_data(person: Entrepreneur, programme_id: int | None = None) -> MenteeData:
    projects = list(person.projects.all())
    project = projects[0] if projects else None
    needs = [n for n in person.needs or [] if isinstance(n, str)]
    return MenteeData(
        id=person.pk,
        needs=needs,
        needs_text=" ".join(need_words(n) for n in needs),
        sector=project.sector if project else "",
        goals=" ".join(filter(None, [project.title if project else "", project.description if project else ""])),
        languages={sl.code: sl.level for sl in person.spoken_languages.all()},
        commune=person.commune,
        newcomer=person.arrival_year is not None,
        programme_id=programme_id if programme_id is not None else (project.programme_id if project else None),
    )


def mentor_data(mentor: MentorProfile) -> MentorData:
    free = mentor.capacity - getattr(mentor, "active_count", 0)
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
    )


def excluded_pairs(mentee_ids=None) -> set[tuple[int, int]]:
    """Pairs never to propose: coach exclusions, declines, and pairs that already ran or ended."""
    exclusions = Exclusion.objects.all()
    past = Match.objects.filter(status__in=[MatchStatus.DECLINED, MatchStatus.ENDED, MatchStatus.WITHDRAWN])
    if mentee_ids is not None:
        exclusions = exclusions.filter(mentee_id__in=mentee_ids)
        past = past.filter(mentee_id__in=mentee_ids)
    return set(exclusions.values_list("mentee_id", "mentor_id")) | set(past.values_list("mentee_id", "mentor_id"))
