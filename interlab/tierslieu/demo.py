"""Demo data of the tiers-lieu: the house's spaces, a Christmas closure and a few bookings to look at."""

from datetime import time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from interlab.core.errors import Conflict

from . import rules, services
from .models import Closure, OpeningHours, Space

WEEKDAYS = range(0, 5)

SPACES = [
    {
        "name": "Salle Meuse",
        "kind": "room",
        "capacity": 8,
        "equipment": ["projector", "whiteboard", "wifi", "screen"],
        "description": "Salle de réunion lumineuse au rez-de-chaussée, idéale pour un rendez-vous banque ou un atelier pitch.",
        "accessibility": "Rez-de-chaussée, porte de 90 cm, toilettes adaptées au même étage.",
        "floor": "Rez-de-chaussée",
        "buffer_minutes": 15,
        "hours": {d: [(time(8, 30), time(18, 0))] for d in WEEKDAYS},
    },
    {
        "name": "Salle Ourthe",
        "kind": "room",
        "capacity": 4,
        "equipment": ["videoconf", "wifi", "screen"],
        "description": "Petite salle calme pour un entretien ou un appel vidéo avec un partenaire.",
        "accessibility": "1er étage, ascenseur.",
        "floor": "1er étage",
        "hours": {d: [(time(8, 30), time(12, 30)), (time(13, 30), time(18, 0))] for d in WEEKDAYS},
    },
    {
        "name": "Plateau coworking",
        "kind": "desks",
        "capacity": 12,
        "equipment": ["wifi", "sockets", "printer"],
        "description": "Douze postes de travail partagés, café offert.",
        "accessibility": "1er étage, ascenseur ; deux bureaux réglables en hauteur.",
        "floor": "1er étage",
        "min_minutes": 60,
        "max_minutes": 600,
        "hours": {**{d: [(time(8, 0), time(19, 0))] for d in WEEKDAYS}, 5: [(time(9, 0), time(13, 0))]},
    },
    {
        "name": "Atelier partagé",
        "kind": "workshop",
        "capacity": 16,
        "equipment": ["kitchen", "sewing", "wifi", "projector"],
        "description": "Cuisine professionnelle et machines à coudre, pour tester un produit ou animer un atelier.",
        "accessibility": "Rez-de-chaussée, accès de plain-pied par la cour.",
        "floor": "Rez-de-chaussée, cour",
        "requires_approval": True,
        "min_minutes": 60,
        "buffer_minutes": 30,
        "hours": {1: [(time(9, 0), time(17, 0))], 3: [(time(9, 0), time(17, 0))], 5: [(time(9, 0), time(16, 0))]},
    },
]


@transaction.atomic
def seed(demo: dict) -> dict:
    users = demo["users"]
    created = 0
    spaces = {}
    for order, data in enumerate(SPACES):
        data = dict(data)
        hours = data.pop("hours")
        space, new = Space.objects.get_or_create(name=data["name"], defaults={**data, "order": order})
        spaces[space.name] = space
        if new:
            created += 1
            for weekday, intervals in hours.items():
                for opens, closes in intervals:
                    OpeningHours.objects.create(space=space, weekday=weekday, opens=opens, closes=closes)
    today = rules.local(rules.now()).date()
    christmas = today.replace(month=12, day=24)
    Closure.objects.get_or_create(
        space=None,
        starts_on=christmas,
        defaults={"ends_on": christmas + timedelta(days=8), "reason": "Fermeture de fin d'année"},
    )
    if not created:
        return {"spaces": 0}
    # A few bookings so that the calendars are not empty: staff book, so that notice and quotas do not bite.
    coach, entrepreneur = users["coach"], users["entrepreneur"]
    tuesday = services.next_weekday(1, today + timedelta(days=1))
    bookings = [
        (spaces["Salle Meuse"], tuesday, time(10, 0), time(11, 30), "Rendez-vous microStart", entrepreneur, None),
        (spaces["Salle Ourthe"], tuesday, time(14, 0), time(15, 0), "Entretien de suivi", coach, None),
        (
            spaces["Plateau coworking"],
            tuesday,
            time(9, 0),
            time(17, 0),
            "Travail sur le plan financier",
            entrepreneur,
            None,
        ),
        (
            spaces["Salle Meuse"],
            services.next_weekday(3, today + timedelta(days=1)),
            time(9, 0),
            time(10, 0),
            "Permanence juridique",
            coach,
            {"frequency": "weekly", "count": 6},
        ),
    ]
    for space, day, start, end, title, user, recurrence in bookings:
        for week in range(4):  # a public holiday or the year-end closure: the same day a week later
            when = day + timedelta(weeks=week)
            try:
                services.book(
                    by=coach,
                    user=user,
                    space=space,
                    start=rules.at(when, start),
                    end=rules.at(when, end),
                    title=title,
                    recurrence=recurrence,
                    on_conflict="skip",
                )
            except (Conflict, ValidationError):
                continue
            break
    return {"spaces": created}
