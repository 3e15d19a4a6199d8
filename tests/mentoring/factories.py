"""Mentors and mentees for the mentoring tests, built through the real services."""

from django.utils import timezone

from interlab.core.models import Role
from interlab.mentoring import services
from interlab.mentoring.models import Match, MatchingWeights, MatchStatus, MentorProfile
from tests.factories import EntrepreneurFactory, UserFactory, make_project


def make_mentor(*, languages=("fr",), expertise=("financing",), capacity=1, is_local=True, **fields) -> MentorProfile:
    user = fields.pop("user", None) or UserFactory(role=Role.MENTOR)
    return services.mentor_create(
        by=None,
        user=user,
        languages=[{"code": c, "level": "C1"} for c in languages],
        expertise=list(expertise),
        capacity=capacity,
        is_local=is_local,
        **fields,
    )


def make_mentee(*, languages=("fr",), needs=("financing",), newcomer=True, user=None, programme=None, **fields):
    person = EntrepreneurFactory(user=user, needs=list(needs), arrival_year=2019 if newcomer else None, **fields)
    for code in languages:
        person.spoken_languages.create(code=code, level="B2")
    make_project(entrepreneur=person, title="Traiteur", sector="Restauration", programme=programme)
    return person


def make_offer(mentee, mentor, coach) -> Match:
    match = Match(mentee=mentee, mentor=mentor)
    services._rescore(match)
    match.save()
    return services.match_publish(match=match, by=coach)


def make_stale_offer(mentee, mentor) -> Match:
    """An offer beyond the mentor's places, as the code before pending offers held a place could leave one
    (publishing such an offer is refused now): written straight to the database."""
    return Match.objects.create(
        mentee=mentee, mentor=mentor, status=MatchStatus.OFFERED, offered_at=timezone.now(), score=40
    )


def binome_rule(binome: str, programme=None) -> MatchingWeights:
    """Set a programme's local–newcomer rule (None: the default one), for tests that need pairs a required
    binôme would rule out (local × local, newcomer × newcomer)."""
    return MatchingWeights.objects.update_or_create(programme=programme, defaults={"binome": binome})[0]
