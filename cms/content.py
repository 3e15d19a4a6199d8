"""Words of the demo public site (cms.demo builds the pages from them). Facts as of 2026; staff edit them live."""

import re

from .content_blocks import GUICHET, SPW_PERMITS, STEP_SOURCES, UCM_FUND, h, p, step
from .content_translations import TRANSLATIONS
from .models import (
    EventIndexPage,
    EventPage,
    GuideIndexPage,
    GuidePage,
    IntakeFormPage,
    PartnerDirectoryPage,
    PrivacyPage,
    ProgrammePage,
    StoryIndexPage,
    StoryPage,
    TiersLieuPage,
)

EXTRA_PARTNERS = [
    {
        "name": "CPAS de Liège",
        "category": "integration",
        "description": "Revenu d'intégration, aide sociale et accompagnement vers l'emploi ou l'indépendance (article 60, projet individualisé).",
        "description_translations": {
            "en": "Integration income, social assistance and support towards a job or self-employment (article 60, individual project).",
            "nl": "Leefloon, sociale hulp en begeleiding naar werk of een zelfstandige activiteit (artikel 60, geïndividualiseerd project).",
            "ar": "دخل الإدماج، والمساعدة الاجتماعية، والمرافقة نحو العمل أو العمل المستقل (المادة 60، مشروع فردي).",
            "uk": "Дохід інтеграції, соціальна допомога та супровід до роботи чи самозайнятості (стаття 60, індивідуальний проєкт).",
            "es": "Renta de integración, ayuda social y acompañamiento hacia el empleo o el trabajo por cuenta propia (artículo 60, proyecto individualizado).",
        },
        "website": "https://www.cpasdeliege.be",
        "address": "Place Saint-Jacques 13, 4000 Liège",
        "phone": "04 220 58 11",
        "languages": ["fr", "en"],
        "needs": ["financing", "admin"],
    },
    {
        "name": SPW_PERMITS,
        "category": "admin",
        "description": "Service public de Wallonie qui décide des cartes professionnelles des indépendants non européens.",
        "description_translations": {
            "en": "The Walloon public service that decides on professional cards for self-employed people from outside the EU.",
            "nl": "Waalse overheidsdienst die beslist over de beroepskaarten van zelfstandigen van buiten de EU.",
            "ar": "الإدارة العامة في والونيا التي تقرّر منح البطاقات المهنية للعاملين المستقلين من خارج الاتحاد الأوروبي.",
            "uk": "Державна служба Валлонії, яка ухвалює рішення щодо професійних карток для самозайнятих осіб з-поза ЄС.",
            "es": "Servicio público de Valonia que decide sobre las tarjetas profesionales de los trabajadores autónomos de fuera de la UE.",
        },
        "website": "https://emploi.wallonie.be",
        "address": "Place de la Wallonie 1, 5100 Jambes",
        "languages": ["fr", "nl", "en"],
        "needs": ["admin"],
    },
    {
        "name": UCM_FUND,
        "category": "admin",
        "description": "Affiliation au statut social des indépendants\u00a0: cotisations, mutuelle, pension, droit passerelle.",
        "description_translations": {
            "en": "Joining the social security scheme for the self-employed: contributions, health insurance, pension, bridging right (droit passerelle).",
            "nl": "Aansluiting bij het sociaal statuut van zelfstandigen: bijdragen, ziekenfonds, pensioen, overbruggingsrecht.",
            "ar": "الانتساب إلى نظام الضمان الاجتماعي للعاملين المستقلين: الاشتراكات، والتأمين الصحي (mutuelle)، والتقاعد، وحق الانتقال (droit passerelle).",
            "uk": "Реєстрація в системі соціального забезпечення самозайнятих: внески, медичне страхування (mutuelle), пенсія, перехідне право (droit passerelle).",
            "es": "Afiliación al régimen social de los autónomos: cotizaciones, mutua de salud, pensión, derecho puente (droit passerelle).",
        },
        "website": "https://www.ucm.be",
        "address": "Boulevard d'Avroy 42, 4000 Liège",
        "languages": ["fr", "en"],
        "needs": ["admin"],
    },
]


def _nbsp(value):
    """French typography: a no-break space before : ; ? ! and inside « »."""
    if isinstance(value, str):
        value = re.sub(r" ([:;?!»])", "\u00a0\\1", value)
        return value.replace("« ", "«\u00a0")
    if isinstance(value, list):
        return [_nbsp(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_nbsp(v) for v in value)
    if isinstance(value, dict):
        return {k: _nbsp(v) for k, v in value.items()}
    return value


GUIDES = [
    {
        "model": GuidePage,
        "slug": "carte-professionnelle",
        "versions": {
            "fr": {
                "title": "Demander la carte professionnelle",
                "summary": "Vous n'êtes pas citoyen·ne européen·ne et vous voulez travailler comme indépendant·e en Wallonie ? Il vous faut souvent une carte professionnelle. Certaines personnes en sont dispensées : vérifiez d'abord.",
                "steps": [
                    step(
                        "Vérifiez si vous en avez besoin",
                        "<p>Pas besoin de carte si vous avez un titre de séjour illimité, si vous êtes réfugié·e reconnu·e, conjoint·e d'un·e Belge ou citoyen·ne de l'Espace économique européen. Votre coach vérifie avec vous.</p>",
                        duration="un entretien",
                    ),
                    step(
                        "Rassemblez les documents",
                        "<p>Préparez des copies lisibles. Les documents dans une autre langue doivent être traduits en français.</p>",
                        [
                            "Copie du passeport",
                            "Titre de séjour (attestation d'immatriculation ou carte A)",
                            "Extrait de casier judiciaire récent",
                            "Plan d'affaires et plan financier",
                            "CV et diplômes",
                            "L'intérêt de votre projet pour la Région (la « plus-value ») : emplois créés, investissements, nouveaux marchés, activité innovante ou rare, besoin local non couvert",
                        ],
                        duration="2 à 4 semaines",
                    ),
                    step(
                        "Déposez la demande au guichet d'entreprises",
                        "<p>Le guichet vérifie le dossier et l'envoie au SPW Économie dans les 5 jours.</p>",
                        ["Preuve du paiement de la redevance, si elle est demandée"],
                        [GUICHET],
                        duration="un rendez-vous",
                        cost="redevance à confirmer en Wallonie (Bruxelles et Flandre : 140 EUR)",
                    ),
                    step(
                        "Attendez la décision du SPW Économie",
                        "<p>La carte est accordée pour 5 ans au plus, souvent 2 ans la première fois. Demandez le renouvellement au moins 3 mois avant la fin.</p>",
                        partners=[SPW_PERMITS],
                        duration="plusieurs mois",
                    ),
                ],
            },
            "en": {
                "title": "Applying for the professional card",
                "summary": "You are not a European citizen and want to work as a self-employed person in Wallonia? You often need a professional card. Some people are exempt: check this first.",
                "steps": [
                    step(
                        "Check whether you need it",
                        "<p>You do not need a card if you have an unlimited residence permit, are a recognised refugee, the spouse of a Belgian or a citizen of the European Economic Area. Your coach checks this with you.</p>",
                        duration="one meeting",
                    ),
                    step(
                        "Gather the documents",
                        "<p>Prepare clear copies. Documents in another language must be translated into French.</p>",
                        [
                            "Copy of your passport",
                            "Residence document (attestation d'immatriculation or A card)",
                            "Recent criminal record extract",
                            "Business plan and financial plan",
                            "CV and diplomas",
                            "Your project's interest for the Region (the “plus-value”): jobs created, investment, new markets, an innovative or rare activity, an unmet local need",
                        ],
                        duration="2 to 4 weeks",
                    ),
                    step(
                        "Submit the application at a business counter",
                        "<p>The guichet d'entreprises checks your file and sends it to SPW Économie within 5 days.</p>",
                        ["Proof that the fee is paid, if one is asked"],
                        [GUICHET],
                        duration="one appointment",
                        cost="fee in Wallonia to be confirmed (Brussels and Flanders: 140 EUR)",
                    ),
                    step(
                        "Wait for SPW Économie's decision",
                        "<p>The card is granted for up to 5 years, often 2 years the first time. Ask for renewal at least 3 months before it ends.</p>",
                        partners=[SPW_PERMITS],
                        duration="several months",
                    ),
                ],
            },
        },
    },
    {
        "model": GuidePage,
        "slug": "inscription-bce-tva",
        "versions": {
            "fr": {
                "title": "S'inscrire à la BCE et activer la TVA",
                "summary": "Pour lancer votre activité, votre entreprise doit être inscrite à la Banque-Carrefour des Entreprises (BCE). Vous recevez alors un numéro d'entreprise. Le guichet d'entreprises s'occupe aussi de la TVA.",
                "steps": [
                    step(
                        "Ouvrez un compte bancaire professionnel",
                        "<p>Un compte séparé de votre compte privé. Si la banque refuse, parlez-en à votre coach : des solutions existent.</p>",
                        ["Carte d'identité ou titre de séjour"],
                        duration="1 à 2 semaines",
                    ),
                    step(
                        "Prenez rendez-vous au guichet d'entreprises",
                        "<p>Le guichet inscrit votre activité à la BCE et vérifie les accès à la profession pour les métiers réglementés (alimentation, construction, coiffure…).</p>",
                        [
                            "Carte d'identité ou titre de séjour",
                            "Numéro du compte bancaire professionnel",
                            "Preuve de compétences pour un métier réglementé",
                        ],
                        [GUICHET],
                        duration="un rendez-vous",
                        cost="environ 100 euros",
                    ),
                    step(
                        "Activez la TVA",
                        "<p>Le guichet peut activer votre numéro de TVA en même temps. Demandez-lui si le régime de franchise (petit chiffre d'affaires) vous convient.</p>",
                        partners=[GUICHET],
                        duration="le même jour",
                    ),
                ],
            },
            "en": {
                "title": "Registering with the BCE and activating VAT",
                "summary": "To start your activity, your business must be registered with the Crossroads Bank for Enterprises (BCE). You then get an enterprise number. The business counter also handles VAT.",
                "steps": [
                    step(
                        "Open a business bank account",
                        "<p>An account separate from your private one. If the bank says no, talk to your coach: there are solutions.</p>",
                        ["Identity card or residence document"],
                        duration="1 to 2 weeks",
                    ),
                    step(
                        "Book an appointment at a business counter",
                        "<p>The guichet d'entreprises registers your activity with the BCE and checks access to the profession for regulated trades (food, construction, hairdressing…).</p>",
                        [
                            "Identity card or residence document",
                            "Business bank account number",
                            "Proof of skills for a regulated trade",
                        ],
                        [GUICHET],
                        duration="one appointment",
                        cost="about 100 euros",
                    ),
                    step(
                        "Activate VAT",
                        "<p>The counter can activate your VAT number at the same time. Ask whether the small-business exemption suits you.</p>",
                        partners=[GUICHET],
                        duration="the same day",
                    ),
                ],
            },
        },
    },
    {
        "model": GuidePage,
        "slug": "caisse-assurances-sociales",
        "versions": {
            "fr": {
                "title": "S'affilier à une caisse d'assurances sociales",
                "summary": "Tout·e indépendant·e doit s'affilier à une caisse d'assurances sociales au plus tard le jour où l'activité commence. Elle gère vos cotisations, qui ouvrent vos droits à la pension, aux soins de santé et au droit passerelle.",
                "steps": [
                    step(
                        "Choisissez une caisse",
                        "<p>Les caisses ont les mêmes règles ; comparez l'accueil et les services. Votre coach peut vous conseiller.</p>",
                        partners=[UCM_FUND],
                        duration="une semaine",
                    ),
                    step(
                        "Affiliez-vous avant le premier jour",
                        "<p>L'affiliation se fait en ligne ou au guichet. Sans affiliation, vous risquez une amende.</p>",
                        ["Numéro d'entreprise (BCE)", "Carte d'identité ou titre de séjour"],
                        duration="une heure",
                    ),
                    step(
                        "Payez les cotisations chaque trimestre",
                        "<p>Au début, les cotisations sont provisoires. Si vos revenus sont faibles, vous pouvez demander une réduction.</p>",
                        cost="environ 900 euros par trimestre au début",
                    ),
                    step(
                        "Inscrivez-vous à une mutualité",
                        "<p>Pour être remboursé·e de vos soins de santé, donnez à votre mutualité l'attestation de la caisse.</p>",
                        ["Attestation d'affiliation de la caisse"],
                    ),
                ],
            },
            "en": {
                "title": "Joining a social insurance fund",
                "summary": "Every self-employed person must join a social insurance fund at the latest on the day the activity starts. It collects your contributions, which give you rights to a pension, health care and the bridging right.",
                "steps": [
                    step(
                        "Choose a fund",
                        "<p>All funds follow the same rules; compare how they welcome you and their services. Your coach can advise you.</p>",
                        partners=[UCM_FUND],
                        duration="one week",
                    ),
                    step(
                        "Join before your first day",
                        "<p>You can join online or at the counter. Without it, you risk a fine.</p>",
                        ["Enterprise number (BCE)", "Identity card or residence document"],
                        duration="one hour",
                    ),
                    step(
                        "Pay contributions every quarter",
                        "<p>At first the contributions are provisional. If your income is low, you can ask for a reduction.</p>",
                        cost="about 900 euros a quarter at first",
                    ),
                    step(
                        "Register with a health insurance fund",
                        "<p>To get your health care refunded, give your mutualité the certificate from the fund.</p>",
                        ["Certificate of membership from the fund"],
                    ),
                ],
            },
        },
    },
    {
        "model": GuidePage,
        "slug": "microcredit",
        "versions": {
            "fr": {
                "title": "Obtenir un microcrédit",
                "summary": "Les banques refusent souvent de prêter à une nouvelle entreprise. microStart et Crédal prêtent de petites sommes aux personnes exclues du crédit bancaire, avec un accompagnement.",
                "steps": [
                    step(
                        "Préparez votre plan financier",
                        "<p>Combien vous faut-il, pour acheter quoi, et comment rembourserez-vous ? Votre coach vous aide à le construire.</p>",
                        ["Plan financier sur 3 ans", "Devis du matériel"],
                        duration="2 à 3 semaines",
                    ),
                    step(
                        "Rencontrez un conseiller",
                        "<p>Le premier entretien est gratuit. Il dit si votre projet peut être financé et ce qu'il manque.</p>",
                        ["Carte d'identité ou titre de séjour", "Extraits de compte des 3 derniers mois"],
                        ["microStart", "Crédal"],
                        duration="un rendez-vous",
                    ),
                    step(
                        "Passez devant le comité de crédit",
                        "<p>Vous présentez votre projet. Si c'est oui, l'argent arrive en quelques jours.</p>",
                        duration="environ un mois",
                        cost="intérêts selon le prêt",
                    ),
                ],
            },
            "en": {
                "title": "Getting a microcredit",
                "summary": "Banks often refuse to lend to a new business. microStart and Crédal lend small amounts to people excluded from bank credit, with support.",
                "steps": [
                    step(
                        "Prepare your financial plan",
                        "<p>How much do you need, to buy what, and how will you pay it back? Your coach helps you build it.</p>",
                        ["3-year financial plan", "Quotes for equipment"],
                        duration="2 to 3 weeks",
                    ),
                    step(
                        "Meet an adviser",
                        "<p>The first meeting is free. It tells you whether your project can be financed and what is missing.</p>",
                        ["Identity card or residence document", "Bank statements for the last 3 months"],
                        ["microStart", "Crédal"],
                        duration="one appointment",
                    ),
                    step(
                        "Present to the credit committee",
                        "<p>You present your project. If the answer is yes, the money arrives within days.</p>",
                        duration="about a month",
                        cost="interest depending on the loan",
                    ),
                ],
            },
        },
    },
]


def site_tree(event_time) -> dict:
    """The whole site, French first; `event_time(days, hour)` places the events in the coming weeks."""
    tree = {
        "versions": {
            "fr": {
                "intro": "Incubateur inclusif à Liège : de l'idée brute à l'entreprise, l'ASBL ou la coopérative lancée. Nous accompagnons les personnes nouvellement arrivées et les Liégeois·es, dans leur langue."
            },
            "en": {
                "title": "InterLab",
                "intro": "An inclusive business incubator in Liège: from a raw idea to a launched company, non-profit or cooperative. We support newcomers and people from Liège, in their language.",
            },
        },
        "children": [
            {
                "model": IntakeFormPage,
                "slug": "candidater",
                "versions": {
                    "fr": {
                        "title": "Candidater",
                        "intro": "<p>Vous avez une idée d'activité ? Dites-nous qui vous êtes et ce que vous voulez faire. Un·e coach vous recontacte dans la semaine.</p>",
                    },
                    "en": {
                        "title": "Apply",
                        "intro": "<p>Do you have a business idea? Tell us who you are and what you want to do. A coach will contact you within a week.</p>",
                    },
                },
            },
            {
                "model": ProgrammePage,
                "slug": "parcours-incubation",
                "versions": {
                    "fr": {
                        "title": "Le parcours d'incubation",
                        "intro": "Un parcours construit avec vous, de l'idée au lancement, à votre rythme.",
                        "body": [
                            h("Comment ça se passe"),
                            p(
                                "Après un premier entretien, votre coach construit avec vous un plan : tester l'idée, faire le plan financier, trouver le financement, faire les démarches administratives, lancer l'activité. Nous restons à vos côtés trois ans après le lancement."
                            ),
                            p(
                                "L'accompagnement est gratuit, grâce au soutien de la Wallonie et du Fonds social européen."
                            ),
                        ],
                    },
                    "en": {
                        "title": "The incubation path",
                        "intro": "A path built with you, from the idea to the launch, at your own pace.",
                        "body": [
                            h("How it works"),
                            p(
                                "After a first meeting, your coach builds a plan with you: test the idea, build the financial plan, find funding, complete the paperwork, launch the activity. We stay by your side for three years after the launch."
                            ),
                            p("Support is free, thanks to Wallonia and the European Social Fund."),
                        ],
                    },
                },
            },
            {
                "model": ProgrammePage,
                "slug": "mentorat",
                "versions": {
                    "fr": {
                        "title": "Le mentorat en binôme",
                        "intro": "Un·e entrepreneur·e expérimenté·e vous accompagne pendant six mois.",
                        "body": [
                            p(
                                "Nous formons des binômes entre une personne nouvellement arrivée et une personne installée à Liège, qui partagent un secteur ou des objectifs. Vous vous voyez une à deux fois par mois."
                            )
                        ],
                    },
                    "en": {
                        "title": "Mentoring in pairs",
                        "intro": "An experienced entrepreneur supports you for six months.",
                        "body": [
                            p(
                                "We pair a newcomer with someone settled in Liège who shares a sector or goals. You meet once or twice a month."
                            )
                        ],
                    },
                },
            },
            {
                "model": TiersLieuPage,
                "slug": "tiers-lieu",
                "versions": {
                    "fr": {
                        "title": "Le tiers-lieu",
                        "intro": "Des bureaux partagés, des salles de réunion et un atelier, au cœur d'Outremeuse.",
                        "address": "Rue Puits-en-Sock 62, 4020 Liège",
                        "opening_hours": "Du lundi au vendredi, de 8 h 30 à 18 h",
                        "body": [
                            p(
                                "Les personnes accompagnées réservent un poste ou une salle depuis leur espace InterLab. L'atelier accueille les essais de production (couture, cuisine, réparation)."
                            )
                        ],
                    },
                    "en": {
                        "title": "The tiers-lieu",
                        "intro": "Shared desks, meeting rooms and a workshop in the heart of Outremeuse.",
                        "address": "Rue Puits-en-Sock 62, 4020 Liège",
                        "opening_hours": "Monday to Friday, 8.30 am to 6 pm",
                        "body": [
                            p(
                                "People we support book a desk or a room from their InterLab space. The workshop hosts production trials (sewing, cooking, repairs)."
                            )
                        ],
                    },
                },
            },
            {
                "model": GuideIndexPage,
                "slug": "guides",
                "versions": {
                    "fr": {
                        "title": "Les démarches expliquées",
                        "intro": "Les procédures belges, étape par étape, en mots simples.",
                    },
                    "en": {
                        "title": "Procedures explained",
                        "intro": "Belgian procedures, step by step, in plain words.",
                    },
                },
                "children": GUIDES,
            },
            {
                "model": EventIndexPage,
                "slug": "agenda",
                "versions": {
                    "fr": {"title": "Agenda", "intro": "Séances d'information et ateliers gratuits, ouverts à tous."},
                    "en": {"title": "Events", "intro": "Free information sessions and workshops, open to everyone."},
                },
                "children": [
                    {
                        "model": EventPage,
                        "slug": "seance-information-lancer-son-activite",
                        "versions": {
                            "fr": {
                                "title": "Séance d'information : lancer son activité en Belgique",
                                "summary": "Deux heures pour comprendre les étapes, poser vos questions et rencontrer l'équipe.",
                                "starts_at": event_time(10, 14),
                                "ends_at": event_time(10, 16),
                                "place": "Tiers-lieu InterLab",
                                "address": "Rue Puits-en-Sock 62, 4020 Liège",
                                "capacity": 30,
                                "body": [
                                    p(
                                        "Interprétation possible en arabe, anglais et ukrainien : dites-le à l'inscription."
                                    )
                                ],
                            },
                            "en": {
                                "title": "Information session: starting a business in Belgium",
                                "summary": "Two hours to understand the steps, ask your questions and meet the team.",
                                "place": "InterLab tiers-lieu",
                                "body": [
                                    p(
                                        "Interpreting into Arabic, English and Ukrainian is possible: tell us when you register."
                                    )
                                ],
                            },
                        },
                    },
                    {
                        "model": EventPage,
                        "slug": "atelier-microcredit",
                        "versions": {
                            "fr": {
                                "title": "Atelier microcrédit avec microStart",
                                "summary": "Préparer une demande de microcrédit : ce que le comité regarde, les erreurs à éviter.",
                                "starts_at": event_time(24, 9, 30),
                                "ends_at": event_time(24, 12),
                                "place": "Tiers-lieu InterLab",
                                "address": "Rue Puits-en-Sock 62, 4020 Liège",
                                "capacity": 15,
                                "body": [p("Apportez votre plan financier, même inachevé.")],
                            },
                            "en": {
                                "title": "Microcredit workshop with microStart",
                                "summary": "Preparing a microcredit application: what the committee looks at, mistakes to avoid.",
                                "place": "InterLab tiers-lieu",
                                "body": [p("Bring your financial plan, even if it is unfinished.")],
                            },
                        },
                    },
                ],
            },
            {
                "model": PartnerDirectoryPage,
                "slug": "partenaires",
                "versions": {
                    "fr": {
                        "title": "Les partenaires",
                        "intro": "Les organisations qui aident à Liège : financement, démarches, langue, réseau.",
                    },
                    "en": {
                        "title": "Partners",
                        "intro": "Organisations that help in Liège: funding, paperwork, language, network.",
                    },
                },
            },
            {
                "model": StoryIndexPage,
                "slug": "histoires",
                "versions": {
                    "fr": {
                        "title": "Ils et elles l'ont fait",
                        "intro": "Des parcours d'entrepreneur·es accompagné·es par InterLab.",
                    },
                    "en": {"title": "They did it", "intro": "Entrepreneurs InterLab has supported."},
                },
                "children": [
                    {
                        "model": StoryPage,
                        "slug": "atelier-couture-seraing",
                        "versions": {
                            "fr": {
                                "title": "Un atelier de retouches à Seraing",
                                "person": "Mehmet",
                                "business": "Atelier de couture et retouches",
                                "quote": "Au début, je ne comprenais rien aux papiers. Aujourd'hui, j'ai deux clients fidèles par jour.",
                                "body": [
                                    p(
                                        "Arrivé en 2016, Mehmet cousait pour des voisins. Avec sa coach, il a fait son plan financier, obtenu un microcrédit de microStart pour deux machines industrielles et ouvert son atelier en 2025."
                                    )
                                ],
                            },
                            "en": {
                                "title": "An alterations workshop in Seraing",
                                "person": "Mehmet",
                                "business": "Sewing and alterations workshop",
                                "quote": "At first I understood nothing about the paperwork. Today I have two regular customers a day.",
                                "body": [
                                    p(
                                        "Mehmet arrived in 2016 and sewed for neighbours. With his coach he built his financial plan, got a microcredit from microStart for two industrial machines and opened his workshop in 2025."
                                    )
                                ],
                            },
                        },
                    }
                ],
            },
            {
                "model": PrivacyPage,
                "slug": "vie-privee",
                "versions": {
                    "fr": {
                        "title": "Vie privée et données personnelles",
                        "intro": "Ce que nous gardons à votre sujet, pourquoi, combien de temps, et comment le voir ou l'effacer.",
                        "body": (
                            "<p>InterLab ASBL traite vos données pour vous accompagner dans votre projet : votre candidature, "
                            "le suivi par votre coach, les réservations d'espaces et les dossiers que vous nous demandez de préparer.</p>"
                            "<p>Votre situation de séjour et votre nationalité ne sont lues que par votre coach quand un dossier "
                            "les demande ; chaque lecture est enregistrée.</p>"
                            "<p>Un dossier sans activité pendant trois ans est effacé. Depuis votre espace, « Mes données » vous "
                            "montre tout ce que nous gardons et vous permet de le télécharger. Pour toute question, écrivez-nous.</p>"
                        ),
                    },
                    "en": {
                        "title": "Privacy and personal data",
                        "intro": "What we keep about you, why, for how long, and how to see it or erase it.",
                        "body": (
                            "<p>InterLab ASBL handles your data to support your project: your application, your coach's "
                            "follow-up, space bookings and the dossiers you ask us to prepare.</p>"
                            "<p>Your residence situation and nationality are read only by your coach when a dossier needs "
                            "them; every read is recorded.</p>"
                            "<p>A file without any activity for three years is erased. From your space, \u201cMy data\u201d shows "
                            "everything we keep and lets you download it. For any question, write to us.</p>"
                        ),
                    },
                },
            },
        ],
    }
    tree["versions"]["fr"] = _nbsp(tree["versions"]["fr"])
    _french(tree["children"])
    _translations(tree, "home")
    _sources(tree)
    return tree


def _sources(node: dict) -> None:
    """Each guide step's source, the same in every language (cms.content_blocks.STEP_SOURCES)."""
    sources = STEP_SOURCES.get(node.get("slug"), {})
    if sources:
        for fields in node["versions"].values():
            fields["steps"] = [
                (block_type, {**value, **sources[i]} if i in sources else value)
                for i, (block_type, value) in enumerate(fields["steps"])
            ]
    for child in node.get("children", []):
        _sources(child)


def _french(nodes: list[dict]) -> None:
    for node in nodes:
        fields = node["versions"]["fr"]
        node["versions"]["fr"] = {
            k: (v if k in ("starts_at", "ends_at", "capacity") else _nbsp(v)) for k, v in fields.items()
        }
        _french(node.get("children", []))


# The same in every language, so written once, in the French version.
SHARED_FIELDS = ("starts_at", "ends_at", "capacity", "address")


def _translations(node: dict, slug: str) -> None:
    """Every page in every language: the translations by slug, then the shared facts copied from the French."""
    versions = node["versions"]
    for code, pages in TRANSLATIONS.items():
        versions[code] = pages[slug]
    for code, fields in versions.items():
        versions[code] = {**{k: v for k, v in versions["fr"].items() if k in SHARED_FIELDS}, **fields}
    for child in node.get("children", []):
        _translations(child, child["slug"])
