"""Demo data of the mentoring app, seeded after the people and projects exist (core.demo). Safe twice."""

from django.db import transaction

from interlab.core.demo import demo_login
from interlab.core.models import Role, User
from interlab.crm.models import Entrepreneur

from . import services
from .models import Match, MatchStatus, MentorProfile, MentorWish

# username, first, last, local, languages, expertise tags, text, sectors, capacity, hours, commune, mode
MENTORS = [
    (
        "isabelle.hennen",
        "Isabelle",
        "Hennen",
        True,
        [("fr", "native"), ("nl", "B2"), ("en", "C1")],
        ["financing", "plan financier", "microcrédit", "comptabilité"],
        "Ancienne conseillère crédit dans une banque liégeoise; j'aide à monter un plan financier et un dossier "
        "microStart ou Crédal.",
        ["Services", "Commerce de détail"],
        2,
        6,
        "Liège",
        "both",
    ),
    (
        "jeanluc.dewandre",
        "Jean-Luc",
        "Dewandre",
        True,
        [("fr", "native"), ("en", "B1")],
        ["admin", "accès à la profession", "HACCP", "restauration"],
        "Restaurateur à Outremeuse pendant vingt ans: normes AFSCA, HACCP, accès à la profession, bail commercial.",
        ["Restauration"],
        1,
        4,
        "Liège",
        "in_person",
    ),
    (
        "karim.bouzid",
        "Karim",
        "Bouzid",
        False,
        [("ar", "native"), ("fr", "C2"), ("en", "B2")],
        ["network", "admin", "commerce", "import-export"],
        "Arrivé de Tunisie en 2009, j'ai créé une société d'import-export à Herstal; je connais les démarches et "
        "le réseau des commerçants.",
        ["Commerce de détail", "Import-export"],
        3,
        8,
        "Herstal",
        "both",
    ),
    (
        "veronique.lambotte",
        "Véronique",
        "Lambotte",
        True,
        [("fr", "native"), ("es", "B2")],
        ["network", "marketing digital", "vente en ligne", "site web"],
        "Consultante en marketing digital: site web, réseaux sociaux, premiers clients, vente en ligne.",
        ["Informatique", "Services"],
        2,
        5,
        "Ans",
        "online",
    ),
    (
        "oksana.melnyk",
        "Oksana",
        "Melnyk",
        False,
        [("uk", "native"), ("ru", "native"), ("fr", "B2"), ("en", "C1")],
        ["diploma", "language", "traduction", "équivalence"],
        "Traductrice jurée installée à Liège depuis 2015; équivalence de diplômes, démarches en français.",
        ["Services", "Traduction"],
        2,
        4,
        "Liège",
        "both",
    ),
    (
        "philippe.grosjean",
        "Philippe",
        "Grosjean",
        True,
        [("fr", "native"), ("de", "B2")],
        ["financing", "coopérative", "statuts", "économie sociale"],
        "Trente ans dans l'économie sociale: coopératives, ASBL, subsides de la Wallonie.",
        ["Coiffure", "Services", "Confection"],
        2,
        4,
        "Seraing",
        "in_person",
    ),
]

# Self-declared genders of the demo mentors (invented people), so that a wish for a woman mentor can be met.
GENDERS = {
    "isabelle.hennen": "woman",
    "jeanluc.dewandre": "man",
    "karim.bouzid": "man",
    "veronique.lambotte": "woman",
    "oksana.melnyk": "woman",
    "philippe.grosjean": "man",
}

PIERRE = {
    "is_local": True,
    "gender": "man",
    "languages": [{"code": "fr", "level": "native"}, {"code": "en", "level": "B2"}, {"code": "nl", "level": "B1"}],
    "expertise": ["financing", "mentoring", "plan financier", "HACCP", "restauration"],
    "expertise_text": "Ancien gérant d'une brasserie place du Marché; j'accompagne les projets de restauration, "
    "traiteur et commerce alimentaire: plan financier, HACCP, premiers fournisseurs.",
    "sectors": ["Restauration", "Commerce de détail"],
    "capacity": 2,
    "hours_per_month": 6,
    "commune": "Liège",
    "mode": "both",
}


def _mentor_user(username, first, last) -> User:
    # Demo mentors without a login; only `mentor` can log in.
    return demo_login(username, Role.MENTOR, first, last, can_log_in=False)


def _offer(mentee: Entrepreneur, mentor: MentorProfile, coach: User, programme) -> Match | None:
    if Match.objects.filter(mentee=mentee, status__in=[MatchStatus.OFFERED, MatchStatus.ACTIVE]).exists():
        return None
    match = Match(mentee=mentee, mentor=mentor, programme=programme)
    services._rescore(match)
    match.save()
    return services.match_publish(match=match, by=coach)


@transaction.atomic
def seed(demo: dict) -> dict:
    users, programme = demo["users"], demo["programme"]
    coach = users["coach"]
    pierre = MentorProfile.objects.filter(user=users["mentor"]).first()
    created = 0
    if pierre is None:
        pierre = services.mentor_create(by=coach, user=users["mentor"], **PIERRE)
        created += 1
    others = {}
    for username, first, last, local, languages, tags, text, sectors, capacity, hours, commune, mode in MENTORS:
        user = _mentor_user(username, first, last)
        profile = MentorProfile.objects.filter(user=user).first()
        if profile is None:
            profile = services.mentor_create(
                by=coach,
                user=user,
                is_local=local,
                languages=[{"code": c, "level": lvl} for c, lvl in languages],
                expertise=tags,
                expertise_text=text,
                sectors=sectors,
                capacity=capacity,
                hours_per_month=hours,
                commune=commune,
                mode=mode,
                gender=GENDERS.get(username, ""),
            )
            created += 1
        others[username] = profile
    people = {p.email.split("@")[0]: p for p in Entrepreneur.objects.filter(email__endswith="@interlab.demo")}
    offers = 0
    # The demo mentor has an offer waiting: Amina's catering project fits a former brasserie manager.
    if not pierre.matches.exists():
        mentee = people.get("amina.diallo") or next(iter(people.values()), None)
        if mentee is not None and _offer(mentee, pierre, coach, programme):
            offers += 1
    # One pair already running, so the mentee side and the impact figures have something to show: a local
    # mentor with a newcomer, as the programme requires.
    jeanluc = others["jeanluc.dewandre"]
    yusuf = people.get("yusuf.haidari")
    if yusuf is not None and not jeanluc.matches.exists():
        match = _offer(yusuf, jeanluc, coach, programme)
        if match is not None:
            services.match_accept(match=match, by=jeanluc.user)
            services.session_log(
                match=match, by=jeanluc.user, minutes=90, note="Premier rendez-vous: registre de commerce."
            )
    # Fatou asked for a woman mentor: the next run only proposes her mentors who said they are women.
    fatou = people.get("fatou.ndiaye")
    if fatou is not None and not MentorWish.objects.filter(mentee=fatou).exists():
        services.mentor_wish_set(mentee=fatou, by=coach, gender="woman")
    return {"mentors": created, "mentor_offers": offers}
