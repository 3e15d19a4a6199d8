"""Reference data a fresh InterLab starts with: the pipeline of DOMAIN.md and the partner network.

Admins edit all of it afterwards; these are only starting values, applied by a data migration.
"""

STAGES = [
    # key, order, French name, other names, stalled after days, flags
    (
        "intake",
        0,
        "Accueil et éligibilité",
        {
            "en": "Intake & eligibility",
            "nl": "Onthaal en toelating",
            "ar": "الاستقبال والأهلية",
            "uk": "Прийом і відповідність",
            "es": "Acogida y elegibilidad",
        },
        14,
        {},
    ),
    ("idea", 1, "Idée", {"en": "Idea", "nl": "Idee", "ar": "الفكرة", "uk": "Ідея", "es": "Idea"}, 60, {}),
    (
        "project",
        2,
        "Construction du projet",
        {
            "en": "Project building",
            "nl": "Projectopbouw",
            "ar": "بناء المشروع",
            "uk": "Побудова проєкту",
            "es": "Construcción del proyecto",
        },
        90,
        {},
    ),
    (
        "financing",
        3,
        "Plan financier et financement",
        {
            "en": "Financial plan & financing",
            "nl": "Financieel plan en financiering",
            "ar": "الخطة المالية والتمويل",
            "uk": "Фінансовий план і фінансування",
            "es": "Plan financiero y financiación",
        },
        90,
        {},
    ),
    (
        "admin-legal",
        4,
        "Administratif et juridique",
        {
            "en": "Admin & legal",
            "nl": "Administratie en juridisch",
            "ar": "الإجراءات الإدارية والقانونية",
            "uk": "Адміністративні та правові питання",
            "es": "Administración y aspectos legales",
        },
        60,
        {},
    ),
    (
        "registration",
        5,
        "Immatriculation",
        {"en": "Registration", "nl": "Inschrijving", "ar": "التسجيل", "uk": "Реєстрація", "es": "Registro"},
        30,
        {},
    ),
    (
        "launched",
        6,
        "Lancé",
        {"en": "Launched", "nl": "Opgestart", "ar": "تم الإطلاق", "uk": "Запущено", "es": "Lanzado"},
        None,
        {"is_launch": True, "requires_enterprise_number": True},
    ),
    (
        "follow-up",
        7,
        "Suivi après lancement",
        {
            "en": "Post-launch follow-up",
            "nl": "Opvolging na de start",
            "ar": "المتابعة بعد الإطلاق",
            "uk": "Супровід після запуску",
            "es": "Seguimiento tras el lanzamiento",
        },
        None,
        {"is_launch": True, "requires_enterprise_number": True},
    ),
    (
        "paused",
        20,
        "En pause",
        {"en": "Paused", "nl": "Gepauzeerd", "ar": "متوقف مؤقتًا", "uk": "Призупинено", "es": "En pausa"},
        90,
        {"is_exit": True, "requires_reason": True},
    ),
    (
        "redirected",
        21,
        "Réorienté vers un partenaire",
        {
            "en": "Redirected to a partner",
            "nl": "Doorverwezen naar een partner",
            "ar": "أُحيل إلى شريك",
            "uk": "Перенаправлено до партнера",
            "es": "Derivado a un socio",
        },
        None,
        {"is_exit": True, "requires_reason": True},
    ),
    (
        "abandoned",
        22,
        "Abandonné",
        {"en": "Abandoned", "nl": "Stopgezet", "ar": "متخلى عنه", "uk": "Припинено", "es": "Abandonado"},
        None,
        {"is_exit": True, "requires_reason": True},
    ),
]

ORDINARY = [s[0] for s in STAGES if not s[5].get("is_exit")]

# Forward to the next stage, back to the previous one; intake may skip ahead for advanced projects;
# a paused project resumes anywhere; a redirected or abandoned one may come back to intake.
TRANSITIONS = {key: set() for key, *_rest in STAGES}
for i, key in enumerate(ORDINARY):
    if i + 1 < len(ORDINARY):
        TRANSITIONS[key].add(ORDINARY[i + 1])
    if i > 0:
        TRANSITIONS[key].add(ORDINARY[i - 1])
TRANSITIONS["intake"] |= {"project", "financing"}
TRANSITIONS["paused"] = set(ORDINARY)
TRANSITIONS["redirected"] = {"intake"}
TRANSITIONS["abandoned"] = {"intake"}

PARTNERS = [
    {
        "name": "microStart",
        "category": "financing",
        "description": "Microcrédit professionnel et accompagnement pour les personnes exclues du crédit bancaire.",
        "website": "https://www.microstart.be",
        "languages": ["fr", "nl", "en"],
        "needs": ["financing"],
    },
    {
        "name": "Crédal",
        "category": "financing",
        "description": "Coopérative de finance solidaire : microcrédit, crédit aux associations et accompagnement.",
        "website": "https://www.credal.be",
        "languages": ["fr"],
        "needs": ["financing"],
    },
    {
        "name": "SPI — Agence de développement économique de la province de Liège",
        "category": "support",
        "description": "Accompagnement des entreprises, parcs d'activités et immobilier d'entreprise en province de Liège.",
        "website": "https://www.spi.be",
        "languages": ["fr", "en"],
        "needs": ["network", "coworking"],
    },
    {
        "name": "SINGA Belgique",
        "category": "network",
        "description": "Communauté et incubation de projets portés par des personnes nouvellement arrivées.",
        "website": "https://www.singa.be",
        "languages": ["fr", "en", "ar"],
        "needs": ["network", "mentoring"],
    },
    {
        "name": "Guichet d'entreprises (Liège)",
        "category": "admin",
        "description": "Inscription à la BCE, activation TVA et dépôt des demandes de carte professionnelle.",
        "languages": ["fr"],
        "needs": ["admin"],
    },
    {
        "name": "Le Forem",
        "category": "training",
        "description": "Service public wallon de l'emploi et de la formation ; aides à la création d'activité.",
        "website": "https://www.leforem.be",
        "languages": ["fr"],
        "needs": ["language"],
    },
    {
        "name": "CRIPEL — Centre régional d'intégration de Liège",
        "category": "integration",
        "description": "Centre régional d'intégration : parcours d'intégration, cours de français, orientation.",
        "website": "https://www.cripel.be",
        "languages": ["fr", "ar", "en", "uk", "es"],
        "needs": ["language", "admin"],
    },
    {
        "name": "NARIC — Fédération Wallonie-Bruxelles",
        "category": "admin",
        "description": "Équivalence des diplômes obtenus à l'étranger.",
        "website": "https://www.equivalences.cfwb.be",
        "languages": ["fr"],
        "needs": ["diploma"],
    },
]

# What the default partners do, in the other languages of the interface (the French is in PARTNERS); keyed by the
# partner's name. A data migration fills them in on partners whose French description is still the default.
PARTNER_DESCRIPTIONS = {
    "microStart": {
        "en": "Professional microcredit and support for people who cannot get a bank loan.",
        "nl": "Professioneel microkrediet en begeleiding voor mensen die geen bankkrediet krijgen.",
        "ar": "قروض صغيرة مهنية ومرافقة للأشخاص الذين لا يحصلون على قرض من البنك.",
        "uk": "Професійні мікрокредити та супровід для людей, які не можуть отримати банківський кредит.",
        "es": "Microcrédito profesional y acompañamiento para las personas que no tienen acceso al crédito bancario.",
    },
    "Crédal": {
        "en": "Cooperative for solidarity finance: microcredit, loans to non-profits and support.",
        "nl": "Coöperatie voor solidaire financiering: microkrediet, krediet voor verenigingen en begeleiding.",
        "ar": "تعاونية للتمويل التضامني: قروض صغيرة، وقروض للجمعيات، ومرافقة.",
        "uk": "Кооператив солідарного фінансування: мікрокредити, кредити для асоціацій і супровід.",
        "es": "Cooperativa de finanzas solidarias: microcrédito, crédito a asociaciones y acompañamiento.",
    },
    "SPI — Agence de développement économique de la province de Liège": {
        "en": "Support for businesses, business parks and business premises in the province of Liège.",
        "nl": "Begeleiding van ondernemingen, bedrijventerreinen en bedrijfsruimte in de provincie Luik.",
        "ar": "مرافقة المؤسسات، والمناطق الاقتصادية، والعقارات المهنية في مقاطعة لييج.",
        "uk": "Супровід підприємств, промислові зони та приміщення для бізнесу в провінції Льєж.",
        "es": "Acompañamiento de empresas, parques empresariales y locales para empresas en la provincia de Liège.",
    },
    "SINGA Belgique": {
        "en": "A community and an incubator for projects led by people who have recently arrived.",
        "nl": "Gemeenschap en incubator voor projecten van mensen die pas in België zijn aangekomen.",
        "ar": "مجتمع وحاضنة لمشاريع يقودها أشخاص وصلوا حديثًا.",
        "uk": "Спільнота та інкубація проєктів, які ведуть новоприбулі люди.",
        "es": "Comunidad e incubación de proyectos de personas recién llegadas.",
    },
    "Guichet d'entreprises (Liège)": {
        "en": "Registration with the BCE, VAT activation and applications for the professional card.",
        "nl": "Inschrijving in de KBO, activering van de btw en aanvragen voor de beroepskaart.",
        "ar": "التسجيل في BCE، وتفعيل رقم الضريبة على القيمة المضافة، وتقديم طلبات البطاقة المهنية.",
        "uk": "Реєстрація в BCE, активація ПДВ і подання заяв на професійну картку.",
        "es": "Inscripción en la BCE, activación del IVA y solicitudes de tarjeta profesional.",
    },
    "Le Forem": {
        "en": "The Walloon public employment and training service; help to start an activity.",
        "nl": "Waalse openbare dienst voor arbeidsbemiddeling en opleiding; steun bij het opstarten van een "
        "activiteit.",
        "ar": "الخدمة العامة للتشغيل والتكوين في والونيا؛ مساعدات لإطلاق نشاط.",
        "uk": "Валлонська державна служба зайнятості та навчання; допомога в започаткуванні діяльності.",
        "es": "Servicio público valón de empleo y formación; ayudas para crear una actividad.",
    },
    "CRIPEL — Centre régional d'intégration de Liège": {
        "en": "Regional integration centre: integration programme, French classes, guidance.",
        "nl": "Regionaal integratiecentrum: integratietraject, lessen Frans, doorverwijzing.",
        "ar": "المركز الإقليمي للاندماج: مسار الاندماج، ودروس اللغة الفرنسية، والتوجيه.",
        "uk": "Регіональний центр інтеграції: програма інтеграції, курси французької мови, консультації.",
        "es": "Centro regional de integración: itinerario de integración, clases de francés, orientación.",
    },
    "NARIC — Fédération Wallonie-Bruxelles": {
        "en": "Recognition of diplomas obtained abroad.",
        "nl": "Gelijkwaardigheid van diploma's die in het buitenland behaald zijn.",
        "ar": "معادلة الشهادات التي حُصل عليها في الخارج.",
        "uk": "Визнання дипломів, отриманих за кордоном.",
        "es": "Homologación de los títulos obtenidos en el extranjero.",
    },
}
