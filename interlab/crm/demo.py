"""Demo data for a first run: real-sounding people and projects around Liège, built through the services."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from interlab.core import services as core_services

from . import services
from .choices import PARTNER_SHARING_PURPOSE, ReferralOutcome
from .consent_texts import PARTNER_CONSENT_V1
from .models import Cohort, Entrepreneur, Partner, Programme, Referral, Stage, StageTransition

CONSENT_FR = (
    "J'accepte qu'InterLab conserve les informations que je donne pour m'accompagner dans mon projet "
    "(accompagnement), pour me proposer un·e mentor (mentorat) et pour produire des statistiques anonymes "
    "destinées aux financeurs (statistiques). Je peux consulter, corriger ou faire effacer mes données à tout "
    "moment. Mes données ne sont jamais transmises aux autorités d'immigration."
)

# Referrals to the demo partner's organisation (microStart), one per state: e-mail user of the person, whether
# they consented to share their name with partners, purpose, days ago, the partner's answer (outcome, note, days ago).
PARTNER_REFERRALS = [
    ("emre.tokgozlu", True, "Microcrédit pour l'achat d'un four à pizza", 12, None),
    ("fatou.ndiaye", False, "Microcrédit de démarrage pour la boutique de tissus", 5, None),
    (
        "nadia.benali",
        True,
        "Prêt d'honneur et accompagnement au plan financier",
        40,
        (ReferralOutcome.ACCEPTED, "Premier rendez-vous fixé avec notre conseillère le 12.", 30),
    ),
    (
        "dmytro.shevchenko",
        True,
        "Microcrédit pour le matériel de traduction",
        90,
        (ReferralOutcome.COMPLETED, "Prêt de 6 000 € accordé, premier remboursement en place.", 20),
    ),
    (
        "kevin.dubois",
        True,
        "Financement d'un véhicule utilitaire",
        60,
        (ReferralOutcome.DECLINED, "Projet pas encore assez mûr : revenir après le plan financier.", 45),
    ),
]

# first, last, e-mail user, commune, languages, needs, arrival, gender, project, sector, NACE, legal form, path
PEOPLE = [
    (
        "Amina",
        "Diallo",
        "amina.diallo",
        "Liège",
        [("fr", "C1"), ("ff", "native"), ("en", "B1")],
        ["financing", "admin"],
        2019,
        "femme",
        "Traiteur africain « Saveurs de Conakry »",
        "Restauration",
        "56.210",
        "sole",
        ["idea", "project", "financing"],
    ),
    (
        "Emre",
        "Tokgözlü",
        "emre.tokgozlu",
        "Seraing",
        [("tr", "native"), ("fr", "B1")],
        ["financing", "coworking"],
        2016,
        "homme",
        "Atelier de couture et retouches",
        "Confection",
        "14.130",
        "sole",
        ["idea", "project", "financing", "admin-legal", "registration", "launched"],
    ),
    (
        "Olena",
        "Kovalenko",
        "olena.kovalenko",
        "Liège",
        [("uk", "native"), ("ru", "C1"), ("en", "B2"), ("fr", "A2")],
        ["language", "diploma", "mentoring"],
        2022,
        "femme",
        "Cabinet de traduction et d'interprétariat",
        "Services",
        "74.300",
        "srl",
        ["idea", "project"],
    ),
    (
        "Yusuf",
        "Haidari",
        "yusuf.haidari",
        "Herstal",
        [("fa", "native"), ("ps", "C1"), ("fr", "B1")],
        ["admin", "network"],
        2018,
        "homme",
        "Épicerie fine afghane",
        "Commerce de détail",
        "47.290",
        "sole",
        ["idea"],
    ),
    (
        "Fatou",
        "Ndiaye",
        "fatou.ndiaye",
        "Liège",
        [("wo", "native"), ("fr", "C2")],
        ["financing", "mentoring"],
        2015,
        "femme",
        "Coopérative de tressage et soins capillaires",
        "Coiffure",
        "96.021",
        "sc",
        ["idea", "project", "financing", "admin-legal"],
    ),
    (
        "Luis",
        "Herrera",
        "luis.herrera",
        "Ans",
        [("es", "native"), ("fr", "B2"), ("en", "B2")],
        ["coworking", "network"],
        2020,
        "homme",
        "Studio de développement web",
        "Informatique",
        "62.010",
        "srl",
        ["idea", "project", "financing", "admin-legal", "registration"],
    ),
    (
        "Nadia",
        "Benali",
        "nadia.benali",
        "Liège",
        [("ar", "native"), ("fr", "C2")],
        ["financing"],
        None,
        "femme",
        "Pâtisserie orientale",
        "Boulangerie-pâtisserie",
        "10.710",
        "sole",
        ["idea", "project", "financing"],
    ),
    (
        "Thomas",
        "Lejeune",
        "thomas.lejeune",
        "Flémalle",
        [("fr", "native"), ("nl", "B1")],
        ["mentoring"],
        None,
        "homme",
        "Réparation de vélos à domicile",
        "Réparation",
        "95.290",
        "sole",
        ["idea", "project"],
    ),
    (
        "Ahmad",
        "Al-Khatib",
        "ahmad.alkhatib",
        "Liège",
        [("ar", "native"), ("en", "C1"), ("fr", "B1")],
        ["diploma", "admin"],
        2017,
        "homme",
        "Entreprise de rénovation",
        "Construction",
        "43.341",
        "srl",
        ["idea", "project", "financing", "admin-legal"],
    ),
    (
        "Grace",
        "Mbuyi",
        "grace.mbuyi",
        "Seraing",
        [("ln", "native"), ("fr", "C2"), ("sw", "B2")],
        ["network"],
        2012,
        "femme",
        "ASBL d'aide aux devoirs",
        "Enseignement",
        "85.599",
        "asbl",
        ["idea"],
    ),
    (
        "Dmytro",
        "Shevchenko",
        "dmytro.shevchenko",
        "Liège",
        [("uk", "native"), ("en", "B1")],
        ["language", "financing"],
        2022,
        "homme",
        "Transport et déménagement",
        "Transport",
        "49.410",
        "sole",
        ["idea", "paused"],
    ),
    (
        "Samira",
        "Ouali",
        "samira.ouali",
        "Herstal",
        [("ar", "native"), ("ber", ""), ("fr", "C1")],
        ["coworking"],
        2010,
        "femme",
        "Boutique de vêtements de seconde main",
        "Commerce de détail",
        "47.791",
        "sole",
        ["idea", "project", "financing", "admin-legal", "registration", "launched", "follow-up"],
    ),
    (
        "Kevin",
        "Dubois",
        "kevin.dubois",
        "Liège",
        [("fr", "native")],
        ["financing"],
        None,
        "",
        "Brasserie artisanale",
        "Boissons",
        "11.050",
        "sc",
        ["idea", "project", "financing"],
    ),
    (
        "Aïcha",
        "Traoré",
        "aicha.traore",
        "Liège",
        [("bm", "native"), ("fr", "C1")],
        ["admin", "financing"],
        2021,
        "femme",
        "Salon de coiffure afro",
        "Coiffure",
        "96.021",
        "sole",
        [],
    ),
    (
        "Marta",
        "Silva",
        "marta.silva",
        "Ans",
        [("pt", "native"), ("es", "C1"), ("fr", "B2")],
        ["mentoring", "network"],
        2019,
        "femme",
        "Nettoyage écologique",
        "Services",
        "81.210",
        "sc",
        ["idea", "project"],
    ),
]

NOTES = [
    (
        "meeting",
        60,
        "Premier entretien : le projet est clair, le marché reste à tester. Prochaine étape : questionnaire clients.",
        False,
    ),
    ("call", 15, "Appel pour fixer le rendez-vous chez microStart.", True),
    ("workshop", 120, "Atelier collectif « Mon plan financier en 3 étapes ».", False),
]


def _valid_enterprise_number(seed: int) -> str:
    base = 10_000_000 + seed * 7919 % 89_999_999
    check = 97 - base % 97
    digits = f"0{base:07d}{check:02d}"[-10:]
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


@transaction.atomic
def seed(demo: dict) -> dict:
    """The demo programme, its cohorts and consent text, and the people of the pipeline (once).

    Needs core's demo users (demo["users"]); leaves the programme in demo["programme"] for the apps above.
    """
    users = demo["users"]
    programme, _ = Programme.objects.get_or_create(
        name="Entreprendre à Liège 2026",
        defaults={"description": "Programme d'incubation soutenu par la Wallonie et le FSE+."},
    )
    programme.funders.add(users["funder"])
    cohorts = [
        Cohort.objects.get_or_create(name=name, defaults={"programme": programme, "starts_on": start})[0]
        for name, start in (("Printemps 2026", "2026-03-02"), ("Automne 2026", "2026-09-14"))
    ]
    micro_start = Partner.objects.filter(name="microStart").first()
    if micro_start:
        micro_start.users.add(users["partner"])
    consent = core_services.consent_text_ensure(
        key="intake",
        version=1,
        language="fr",
        body=CONSENT_FR,
        purposes=["accompaniment", "mentoring", "statistics"],
    )
    if Entrepreneur.objects.filter(email__endswith="@interlab.demo").exists():
        demo["programme"] = programme
        return {"people": 0, "partner_referrals": _seed_partner_referrals(users)}

    stages = {s.key: s for s in Stage.objects.all()}
    now = timezone.now()
    coaches = [users["coach"], users["coach2"]]
    partners = list(Partner.objects.all())
    created = 0
    for index, (
        first,
        last,
        mail,
        commune,
        languages,
        needs,
        arrival,
        gender,
        title,
        sector,
        nace,
        form,
        path,
    ) in enumerate(PEOPLE):
        coach = coaches[index % 2]
        person = services.entrepreneur_create(
            by=coach,
            first_name=first,
            last_name=last,
            email=f"{mail}@interlab.demo",
            phone=f"+32 470 {index:02d} 12 34",
            commune=commune,
            languages=[{"code": c, "level": lvl} for c, lvl in languages if len(c) == 2],
            needs=needs,
            arrival_year=arrival,
            gender=gender,
            birth_year=1975 + index * 2 % 25,
        )
        if index == 0:
            Entrepreneur.objects.filter(pk=person.pk).update(user=users["entrepreneur"])
        services.consent_record(entrepreneur=person, text=consent, purposes=consent.purposes, by=coach)
        if arrival:
            services.sensitive_profile_update(
                entrepreneur=person,
                by=coach,
                country_of_origin="",
                residence_situation="limited" if index % 3 else "refugee",
            )
        project = services.project_create(
            entrepreneur=person,
            by=coach,
            title=title,
            sector=sector,
            nace_code=nace,
            legal_form=form,
            coach=coach,
            cohort=cohorts[index % 2],
            programme=programme,
        )
        # Walk the path with back-dated events so that time in stage and stalled flags look like real life.
        start = now - timedelta(days=40 + 25 * len(path) + index * 3)
        StageTransition.objects.filter(project=project).update(at=start)
        for step, key in enumerate(path, start=1):
            if stages[key].requires_enterprise_number and not project.enterprise_number:
                services.project_update(project=project, by=coach, enterprise_number=_valid_enterprise_number(index))
            reason = "Pause demandée : recherche d'emploi salarié en parallèle." if key == "paused" else ""
            event = services.project_move(project=project, to_stage=stages[key], by=coach, reason=reason)
            StageTransition.objects.filter(pk=event.pk).update(at=start + timedelta(days=25 * step))
            project.refresh_from_db()
        last = StageTransition.objects.filter(project=project).order_by("-at", "-id").first()
        type(project).objects.filter(pk=project.pk).update(stage_entered_at=last.at)
        for kind, minutes, note, private in NOTES[: 1 + index % 3]:
            services.interaction_create(
                entrepreneur=person,
                by=coach,
                kind=kind,
                duration_minutes=minutes,
                note=note,
                is_private=private,
                occurred_at=now - timedelta(days=10 + index),
                project=project,
            )
        services.task_create(
            entrepreneur=person,
            by=coach,
            title="Préparer le plan financier sur 3 ans",
            for_entrepreneur=True,
            due_date=(now + timedelta(days=7 - index)).date(),
            project=project,
        )
        services.task_create(
            entrepreneur=person,
            by=coach,
            title="Relancer le partenaire",
            assignee=coach,
            due_date=(now - timedelta(days=index % 4)).date(),
        )
        partner = partners[index % len(partners)]
        services.referral_create(
            entrepreneur=person,
            partner=partner,
            by=coach,
            purpose="Demande de microcrédit" if partner.category == "financing" else "Orientation",
            referred_on=(now - timedelta(days=20)).date(),
        )
        services.document_request_create(
            entrepreneur=person,
            by=coach,
            title="Copie du titre de séjour",
            note="Recto et verso, lisible.",
            residence_document=True,
        )
        created += 1
    created += _seed_earlier_cohorts(programme, stages, coaches, consent, now)
    demo["programme"] = programme
    return {"people": created, "partner_referrals": _seed_partner_referrals(users)}


def _seed_partner_referrals(users: dict) -> int:
    """Referrals to the demo partner's organisation in every state, some with the consent to share the person's
    name (once: nothing is added when they are there)."""
    micro_start = Partner.objects.filter(name="microStart").first()
    partner_user = users["partner"]
    purposes = [purpose for _mail, _consented, purpose, _ago, _answer in PARTNER_REFERRALS]
    # In every language, as a fresh install has it (migration 0015): the form asks in the visitor's language.
    texts = {
        language: core_services.consent_text_ensure(
            key="partners", version=1, language=language, body=body, purposes=[PARTNER_SHARING_PURPOSE]
        )
        for language, body in PARTNER_CONSENT_V1.items()
    }
    if micro_start is None or Referral.objects.filter(partner=micro_start, purpose__in=purposes).exists():
        return 0
    consent = texts["fr"]
    today = timezone.localdate()
    created = 0
    for mail, consented, purpose, ago, answer in PARTNER_REFERRALS:
        person = Entrepreneur.objects.active().filter(email=f"{mail}@interlab.demo").first()
        if person is None:
            continue
        project = person.projects.exclude(coach=None).select_related("coach").first()
        coach = project.coach if project else users["coach"]
        if consented:
            services.consent_record(entrepreneur=person, text=consent, purposes=consent.purposes, by=coach)
        referral = services.referral_create(
            entrepreneur=person,
            partner=micro_start,
            by=coach,
            purpose=purpose,
            referred_on=today - timedelta(days=ago),
        )
        if answer:
            outcome, note, answered_ago = answer
            services.referral_answer(
                referral=referral,
                by=partner_user,
                outcome=outcome,
                note=note,
                on=today - timedelta(days=answered_ago),
            )
        created += 1
    return created


EARLIER_FIRST = [
    "Nadia",
    "Youssef",
    "Olena",
    "Marc",
    "Fatou",
    "Ahmed",
    "Sofia",
    "Jean",
    "Mariam",
    "Luc",
    "Hanna",
    "Karim",
    "Lucía",
    "Pierre",
    "Aïcha",
    "Dmytro",
    "Claire",
    "Omar",
    "Awa",
    "Thomas",
]
EARLIER_LAST = [
    "Benali",
    "Kowalczyk",
    "Mensah",
    "Dubois",
    "Haddad",
    "Shevchenko",
    "García",
    "Lambert",
    "Traoré",
    "Peeters",
    "Nguyen",
    "Renard",
    "Bakari",
    "Martin",
    "Kaya",
    "Janssens",
]
EARLIER_COMMUNES = ["Liège", "Liège", "Liège", "Seraing", "Seraing", "Herstal", "Verviers", "Huy", "Ans", "Flémalle"]
EARLIER_PATHS = [
    ["idea", "project", "financing", "admin-legal", "registration", "launched"],
    ["idea", "project", "financing", "admin-legal", "registration", "launched"],
    ["idea", "project", "financing", "admin-legal", "registration", "launched", "follow-up"],
    ["idea", "project", "financing", "admin-legal", "registration"],
    ["idea", "project", "financing"],
    ["idea", "project"],
    ["idea", "abandoned"],
    ["idea", "project", "paused"],
]
EARLIER_FORMS = ["sole", "srl", "sole", "sc", "asbl", "srl"]
EARLIER_PEOPLE = 96


def earlier_name(index: int) -> tuple[str, str]:
    """First and last name of the earlier cohorts' index-th person: the two lists, combined out of step."""
    return EARLIER_FIRST[index % len(EARLIER_FIRST)], EARLIER_LAST[(index * 7) % len(EARLIER_LAST)]


def _seed_earlier_cohorts(programme, stages, coaches, consent, now) -> int:
    """Two earlier cohorts of 48 people each, back-dated over 2024 and 2025, so that the impact pages have closed
    periods large enough to publish (a funder sees only released periods and groups of at least 20 people)."""
    cohorts = [
        Cohort.objects.get_or_create(name=name, defaults={"programme": programme, "starts_on": start})[0]
        for name, start in (("Printemps 2025", "2025-03-03"), ("Automne 2025", "2025-09-15"))
    ]
    created = 0
    for index in range(EARLIER_PEOPLE):
        coach = coaches[index % 2]
        cohort = cohorts[index % 2]
        newcomer = index % 2 == 0
        first, last = earlier_name(index)
        person = services.entrepreneur_create(
            by=coach,
            first_name=first,
            last_name=last,
            email=f"earlier{index:03d}@interlab.demo",
            commune=EARLIER_COMMUNES[index % len(EARLIER_COMMUNES)],
            languages=[{"code": "fr", "level": "B1" if newcomer else "C2"}],
            needs=[["financing"], ["admin", "financing"], ["language"], ["network"]][index % 4],
            arrival_year=2019 + index % 6 if newcomer else None,
            gender=["femme", "homme", "femme", "homme", "femme", "non-binaire"][index % 6],
            birth_year=1965 + (index * 5) % 38,
        )
        services.consent_record(entrepreneur=person, text=consent, purposes=consent.purposes, by=coach)
        if newcomer:
            services.sensitive_profile_update(
                entrepreneur=person,
                by=coach,
                country_of_origin="",
                residence_situation=["refugee", "limited", "unlimited", "eea"][index % 4],
            )
        project = services.project_create(
            entrepreneur=person,
            by=coach,
            title=f"Projet {index + 1}",
            legal_form=EARLIER_FORMS[index % len(EARLIER_FORMS)],
            coach=coach,
            cohort=cohort,
            programme=programme,
        )
        # Intake spread over a year from the cohort's start; a step every 20 to 40 days.
        opens = date.fromisoformat(str(cohort.starts_on))
        start = timezone.make_aware(datetime.combine(opens, time(10))) - timedelta(days=180 - (index * 11) % 150)
        Entrepreneur.objects.filter(pk=person.pk).update(created_at=start)
        type(project).objects.filter(pk=project.pk).update(created_at=start)
        StageTransition.objects.filter(project=project).update(at=start)
        at = start
        for step, key in enumerate(EARLIER_PATHS[index % len(EARLIER_PATHS)], start=1):
            at = at + timedelta(days=20 + (index * 3 + step * 7) % 21)
            if at >= now:
                break
            if stages[key].requires_enterprise_number and not project.enterprise_number:
                services.project_update(
                    project=project, by=coach, enterprise_number=_valid_enterprise_number(100 + index)
                )
            reason = "Pause demandée." if key == "paused" else ("Autre voie choisie." if key == "abandoned" else "")
            event = services.project_move(project=project, to_stage=stages[key], by=coach, reason=reason)
            StageTransition.objects.filter(pk=event.pk).update(at=at)
            project.refresh_from_db()
        last = StageTransition.objects.filter(project=project).order_by("-at", "-id").first()
        type(project).objects.filter(pk=project.pk).update(stage_entered_at=last.at)
        created += 1
    return created
