"""Fill the database with many synthetic entrepreneurs, to measure pages at the scale of a large incubator.

Rows are written with bulk_create in batches, each batch in its own transaction; the command only adds
rows, so it may run on a database that already holds demo or real data. Every project gets a chain of
stage transitions consistent with its current stage, the last one at project.stage_entered_at.
"""

import random
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from interlab.core import services as core_services
from interlab.core.models import Role, User
from interlab.core.sms import normalise_phone
from interlab.core.text import normalise
from interlab.crm.models import (
    Cohort,
    Entrepreneur,
    LegalForm,
    Need,
    Programme,
    Project,
    SpokenLanguage,
    Stage,
    StageTransition,
)


def _listed(text: str) -> list[str]:
    return [item.strip() for item in text.split(",")]


FIRST_NAMES = _listed(
    "Amina, Mehmet, Olena, Yusuf, Fatou, Carlos, Nadia, Julie, Karim, Mariam, Oksana, Moussa, "
    "Lucía, Thomas, Aïcha, Emre, Ngozi, Dmytro, Zahra, Sophie, Ahmed, Linh, Mamadou, Élodie, "
    "Hüseyin, Awa, Bogdan, Leïla, João, Samira, Kwame, Anh, Rania, Iryna, Omar, Chloé, "
    "Tigist, Farid, Şeyma, Abdoulaye, Marie, Hamid, Yasmina, Petro, Nour, Luc, Fernanda, Bilal, "
    "Ivana, Mohamed"
)
LAST_NAMES = _listed(
    "Diallo, Tokgözlü, Kovalenko, Nguyễn, Ndiaye, Rahimi, Mbeki, Benali, Dubois, El Amrani, Traoré, "
    "Shevchenko, García, Yılmaz, Okafor, Haddad, Lambert, Mukendi, Trần, Kaya, Boateng, Hakimi, "
    "Popescu, Sow, Lefèvre, Tesfaye, Bondarenko, Öztürk, Camara, Peeters, Janssens, Kamara, Phạm, "
    "Al-Hassan, Moreau, Balde, Gonçalves, Azizi, Melnyk, Çelik, Mensah, Renard, Abdi, Lê, "
    "Fofana, Willems, Sahraoui, Petrenko, Ferreira, Keïta"
)
COMMUNES = _listed(
    "Liège, Seraing, Herstal, Ans, Flémalle, Saint-Nicolas, Grâce-Hollogne, Chaudfontaine, "
    "Verviers, Huy, Visé, Esneux, Oupeye, Beyne-Heusay, Fléron"
)
# sector, NACE-BEL code, project title
ACTIVITIES = [
    ("Restauration", "56.101", "Restaurant de quartier"),
    ("Traiteur", "56.210", "Service traiteur"),
    ("Confection", "14.130", "Atelier de couture et retouches"),
    ("Commerce de détail", "47.110", "Épicerie fine"),
    ("Services", "74.300", "Cabinet de traduction"),
    ("Numérique", "62.010", "Développement web et mobile"),
    ("Bâtiment", "43.341", "Peinture et rénovation"),
    ("Soins et beauté", "96.021", "Salon de coiffure"),
    ("Transport", "49.410", "Livraison à vélo-cargo"),
    ("Nettoyage", "81.210", "Nettoyage de bureaux"),
    ("Agriculture urbaine", "01.130", "Maraîchage en circuit court"),
    ("Culture", "90.011", "Compagnie de musique"),
    ("Formation", "85.599", "Cours de langues"),
    ("Artisanat", "32.120", "Bijouterie artisanale"),
    ("Garde d'enfants", "88.910", "Accueil d'enfants à domicile"),
]
LANGUAGES = [
    ("fr", 40),
    ("ar", 14),
    ("en", 12),
    ("tr", 5),
    ("uk", 6),
    ("ru", 4),
    ("es", 4),
    ("pt", 3),
    ("nl", 4),
    ("fa", 3),
    ("ps", 2),
    ("ti", 2),
    ("so", 2),
    ("wo", 2),
    ("ln", 2),
    ("vi", 2),
    ("ro", 2),
    ("de", 1),
    ("it", 1),
]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native", ""]
GENDERS = ["femme", "homme", "femme", "homme", "non-binaire", ""]
SKILLS = [
    "cuisine, gestion de stock",
    "couture, patronage",
    "comptabilité, vente",
    "développement web",
    "coiffure, accueil clientèle",
    "menuiserie, rénovation",
    "traduction, interprétariat",
    "logistique, permis C",
    "",
]
PROGRAMMES = [
    ("Entreprendre à Liège 2024", date(2024, 1, 15), date(2025, 12, 31)),
    ("FSE+ Inclusion par l'entrepreneuriat", date(2023, 9, 1), date(2027, 6, 30)),
    ("Fondation Starters Wallonie", date(2025, 2, 1), date(2026, 12, 31)),
]
COHORTS = [
    ("Printemps 2023", date(2023, 3, 6), 1),
    ("Automne 2023", date(2023, 9, 18), 1),
    ("Printemps 2024", date(2024, 3, 4), 0),
    ("Automne 2024", date(2024, 9, 16), 0),
    ("Printemps 2025", date(2025, 3, 3), 2),
    ("Automne 2025", date(2025, 9, 15), 1),
]
COACH_COUNT = 20
# Rough share of projects per stage key; stages an admin added get a weight from their position.
STAGE_WEIGHTS = {
    "intake": 14,
    "idea": 16,
    "project": 14,
    "financing": 11,
    "admin-legal": 8,
    "registration": 5,
    "launched": 7,
    "follow-up": 6,
    "paused": 7,
    "redirected": 5,
    "abandoned": 7,
}
EXIT_REASONS = {
    "paused": ["Raisons familiales", "Reprise d'une formation", "Attente du titre de séjour"],
    "redirected": ["Orienté vers microStart", "Orienté vers le Forem", "Projet salarié plutôt qu'indépendant"],
    "abandoned": ["Projet abandonné", "Emploi salarié trouvé", "Déménagement hors de la région"],
}
HISTORY_SPAN = timedelta(days=3 * 365)


def enterprise_number(n: int) -> str:
    """A BCE/KBO number that passes the mod-97 check (0 + 7 digits + 2 check digits)."""
    base = 1_000_000 + n % 8_999_999
    digits = f"0{base:07d}{97 - base % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


class Command(BaseCommand):
    help = "Add N synthetic entrepreneurs with projects, languages and stage histories (bulk, for load tests)."

    def add_arguments(self, parser):
        parser.add_argument("--entrepreneurs", type=int, default=1000, help="how many to add (default 1000)")
        parser.add_argument("--seed", type=int, default=None, help="seed of the random generator, for repeatable data")
        parser.add_argument("--batch", type=int, default=5000, help="entrepreneurs per transaction (default 5000)")

    def handle(self, *args, **options):
        total = options["entrepreneurs"]
        batch = options["batch"]
        if total < 0 or batch < 1:
            raise CommandError("--entrepreneurs must be >= 0 and --batch >= 1")
        rng = random.Random(options["seed"])
        started = time.perf_counter()

        stages = list(Stage.objects.order_by("is_exit", "order", "id"))
        ordinary = [s for s in stages if not s.is_exit]
        if not ordinary:
            raise CommandError("No ordinary pipeline stage exists: run the migrations first.")
        weights = [STAGE_WEIGHTS.get(s.key, 6 if s.is_exit else max(3, 16 - 2 * i)) for i, s in enumerate(stages)]
        coaches = self._coaches(rng)
        programmes, cohorts = self._programmes_and_cohorts()
        # Keep e-mails unique across runs: number on from the scale rows already there.
        offset = Entrepreneur.objects.filter(email__startswith="scale", email__endswith="@example.org").count()

        self.now = timezone.now()
        counts = {"entrepreneurs": 0, "languages": 0, "projects": 0, "transitions": 0}
        for start in range(0, total, batch):
            size = min(batch, total - start)
            with transaction.atomic():
                written = self._batch(rng, start, size, offset, stages, weights, ordinary, coaches, programmes, cohorts)
            for key, value in written.items():
                counts[key] += value
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{start + size}/{total} entrepreneurs ({elapsed:.1f} s)")
            self.stdout.flush()

        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {counts['entrepreneurs']} entrepreneurs, {counts['languages']} spoken languages, "
                f"{counts['projects']} projects and {counts['transitions']} stage transitions "
                f"({len(coaches)} coaches, {len(programmes)} programmes, {len(cohorts)} cohorts) in {elapsed:.1f} s."
            )
        )

    def _coaches(self, rng: random.Random) -> list[User]:
        coaches = []
        for i in range(1, COACH_COUNT + 1):
            username = f"scale-coach-{i:02d}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = core_services.login_create(
                    username=username,
                    role=Role.COACH,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    email=f"{username}@example.org",
                )
            coaches.append(user)
        return coaches

    def _programmes_and_cohorts(self) -> tuple[list[Programme], list[Cohort]]:
        programmes = [
            Programme.objects.get_or_create(
                name=name,
                defaults={"starts_on": starts, "ends_on": ends, "description": "Programme de test de charge."},
            )[0]
            for name, starts, ends in PROGRAMMES
        ]
        cohorts = [
            Cohort.objects.get_or_create(name=name, defaults={"starts_on": starts, "programme": programmes[p]})[0]
            for name, starts, p in COHORTS
        ]
        return programmes, cohorts

    def _history(self, rng: random.Random, path: list[Stage]) -> list:
        """Times of entering each stage of the path, increasing, the last at most now, all within 3 years."""
        current = path[-1]
        mean_dwell = (current.stalled_after_days or 0) * 0.8 or 180
        ages = [timedelta(days=rng.expovariate(1 / mean_dwell), seconds=rng.randrange(86400))]
        for stage in reversed(path[:-1]):
            typical = stage.stalled_after_days or 60
            ages.append(ages[-1] + timedelta(days=rng.uniform(0.2, 1.2) * typical, seconds=rng.randrange(86400)))
        if ages[-1] > HISTORY_SPAN:
            scale = HISTORY_SPAN / ages[-1]
            ages = [age * scale for age in ages]
        return [self.now - age for age in reversed(ages)]

    def _batch(self, rng, start, size, offset, stages, weights, ordinary, coaches, programmes, cohorts):
        people, plans = [], []
        for i in range(start, start + size):
            n = offset + i + 1
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"scale{n}@example.org"
            phone = f"+32 4{rng.randrange(70, 100)} {rng.randrange(100):02d} {rng.randrange(100):02d} {rng.randrange(100):02d}"
            # The first projects of a run cover every stage once, so that no column is empty.
            stage = stages[i] if i < len(stages) else rng.choices(stages, weights)[0]
            if stage.is_exit:
                path = [*ordinary[: rng.randrange(1, len(ordinary) + 1)], stage]
            else:
                path = ordinary[: ordinary.index(stage) + 1]
            times = self._history(rng, path)
            created = times[0] - timedelta(minutes=rng.randrange(5, 600))
            people.append(
                Entrepreneur(
                    first_name=first,
                    last_name=last,
                    email=email,
                    phone=phone,
                    commune=rng.choice(COMMUNES),
                    arrival_year=rng.choice([None, *range(2005, 2026)]),
                    skills=rng.choice(SKILLS),
                    needs=rng.sample(Need.values, rng.randrange(0, 4)),
                    gender=rng.choice(GENDERS),
                    birth_year=rng.randrange(1960, 2006),
                    search_text=normalise(f"{first} {last} {email} {phone}")[:400],
                    phone_e164=normalise_phone(phone) or "",
                    created_at=created,
                )
            )
            plans.append((n, path, times))
        Entrepreneur.objects.bulk_create(people)

        languages, projects = [], []
        for person, (n, path, times) in zip(people, plans, strict=True):
            codes, wanted = [], rng.randint(1, 3)
            while len(codes) < wanted:
                code = rng.choices([c for c, _w in LANGUAGES], [w for _c, w in LANGUAGES])[0]
                if code not in codes:
                    codes.append(code)
            languages += [
                SpokenLanguage(entrepreneur=person, code=code, level="native" if j == 0 else rng.choice(LEVELS))
                for j, code in enumerate(codes)
            ]
            sector, nace, title = rng.choice(ACTIVITIES)
            cohort = rng.choice(cohorts) if rng.random() < 0.7 else None
            launched = any(s.is_launch or s.requires_enterprise_number for s in path)
            projects.append(
                Project(
                    entrepreneur=person,
                    title=f"{title} — {person.commune}",
                    search_text=normalise(f"{title} — {person.commune}")[:400],
                    sector=sector,
                    nace_code=nace,
                    legal_form=rng.choice(LegalForm.values) if launched else LegalForm.UNDECIDED,
                    coach=rng.choice(coaches) if rng.random() < 0.95 else None,
                    cohort=cohort,
                    programme=cohort.programme if cohort else (rng.choice(programmes) if rng.random() < 0.3 else None),
                    enterprise_number=enterprise_number(n) if launched else "",
                    stage=path[-1],
                    stage_entered_at=times[-1],
                    created_at=times[0],
                )
            )
        SpokenLanguage.objects.bulk_create(languages)
        Project.objects.bulk_create(projects)

        transitions = []
        for project, (_n, path, times) in zip(projects, plans, strict=True):
            previous = None
            for stage, at in zip(path, times, strict=True):
                reason = rng.choice(EXIT_REASONS.get(stage.key, ["Sortie du parcours"])) if stage.is_exit else ""
                transitions.append(
                    StageTransition(
                        project=project, from_stage=previous, to_stage=stage, at=at, by=project.coach, reason=reason
                    )
                )
                previous = stage
        StageTransition.objects.bulk_create(transitions)
        return {
            "entrepreneurs": len(people),
            "languages": len(languages),
            "projects": len(projects),
            "transitions": len(transitions),
        }
