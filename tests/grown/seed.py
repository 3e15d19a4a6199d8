"""Rows for the grown set-up's test, written by a process of the set-up itself (its settings, its database).

    python -m tests.grown.seed '{"racers": 50, "dossiers": 12}'

Prints one JSON object: API tokens and the ids the test needs. Users get no password (tokens only): the
production password hasher would spend a second on each.
"""

import json
import sys
from datetime import time


def seed(racers: int, dossiers: int) -> dict:
    from interlab.core.models import Role, User
    from interlab.core.services import api_token_issue
    from interlab.tierslieu.models import OpeningHours, Space
    from tests.dossiers.factories import filled_dossier
    from tests.factories import EntrepreneurFactory, make_project
    from tests.mentoring.factories import make_mentee, make_mentor

    def user(username: str, role: str, **fields) -> User:
        person = User(username=username, role=role, email=f"{username}@example.org", **fields)
        person.set_unusable_password()
        person.save()
        return person

    # The race: team members (no notice, no quota) so that the slot alone decides.
    racer_tokens = [api_token_issue(user=user(f"racer{i}", Role.COACH)) for i in range(racers)]
    room = Space.objects.create(
        name="Salle de la course", kind="room", capacity=10, closed_on_public_holidays=False, max_minutes=600
    )
    for weekday in range(7):
        OpeningHours.objects.create(space=room, weekday=weekday, opens=time(0, 0), closes=time(23, 45))

    coach = user("coach.grown", Role.COACH, first_name="Claire", last_name="Grown")
    mentor_user = user("mentor.grown", Role.MENTOR, first_name="Pierre", last_name="Renard")
    mentor = make_mentor(user=mentor_user, languages=("fr", "ar"), expertise=("financing",), capacity=2)
    mentee = make_mentee(first_name="Amina", last_name="Diallo", languages=("fr", "ar"), needs=("financing",))

    dossier_ids = []
    for n in range(dossiers):
        person = EntrepreneurFactory(first_name=f"Personne{n}", last_name="Grown")
        project = make_project(entrepreneur=person, coach=coach, title=f"Projet {n}")
        dossier_ids.append(filled_dossier(project=project, coach=coach).pk)

    return {
        "racer_tokens": racer_tokens,
        "room": room.pk,
        "coach_token": api_token_issue(user=coach),
        "mentor_token": api_token_issue(user=mentor_user),
        "mentor": mentor.pk,
        "mentee": mentee.pk,
        "dossiers": dossier_ids,
    }


if __name__ == "__main__":
    import django

    django.setup()
    options = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    print(json.dumps(seed(options.get("racers", 50), options.get("dossiers", 12))))
