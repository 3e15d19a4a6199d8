"""Default checklist, exemptions and regulated activities (DOMAIN.md, "Professional card"); admins edit them after.

Each rule: key, order, French label, English label, requirement, counts for readiness, regulated only,
max age in days, evidence kept, explanation.
"""

RULES = [
    (
        "application_form",
        10,
        "Formulaire de demande daté et signé",
        "Application form, dated and signed",
        "uncertain",
        True,
        False,
        None,
        "upload",
        "Exigé à Bruxelles et en Flandre ; incertain en Wallonie.",
    ),
    (
        "identity",
        20,
        "Copie du passeport ou du document d'identité",
        "Copy of the passport or identity document",
        "required",
        True,
        False,
        None,
        "upload",
        "",
    ),
    (
        "residence",
        30,
        "Titre de séjour (attestation d'immatriculation modèle A ou certificat d'inscription au registre des étrangers)",
        "Residence document (attestation d'immatriculation model A or certificate of registration)",
        "required",
        True,
        False,
        None,
        "upload",
        "",
    ),
    (
        "criminal_record",
        40,
        "Extrait de casier judiciaire (6 mois au plus)",
        "Criminal record extract (at most 6 months old)",
        "required",
        True,
        False,
        183,
        "fact_only",
        "Article 10 du RGPD : seule la vérification et sa date sont conservées, sauf si l'équipe joint le document.",
    ),
    (
        "photos",
        50,
        "Deux photos d'identité",
        "Two ID photos",
        "uncertain",
        True,
        False,
        None,
        "upload",
        "Exigées à Bruxelles ; incertain en Wallonie.",
    ),
    (
        "business_plan",
        60,
        "Plan d'affaires et plan financier",
        "Business plan and financial plan",
        "required",
        True,
        False,
        None,
        "upload",
        "Le dossier imprimé contient le résumé du plan d'affaires et le plan financier.",
    ),
    (
        "competence",
        70,
        "Preuve de la compétence professionnelle ou licence du secteur",
        "Proof of professional competence or sector licence",
        "required",
        True,
        True,
        None,
        "upload",
        "Pour les activités réglementées (alimentation, construction, coiffure…).",
    ),
    (
        "cv",
        80,
        "CV, diplômes et expérience",
        "CV, diplomas and experience",
        "required",
        True,
        False,
        None,
        "upload",
        "",
    ),
    ("funds", 90, "Preuve des moyens financiers", "Proof of funds", "required", True, False, None, "upload", ""),
    (
        "interest",
        100,
        "Intérêt économique, social ou culturel pour la Région",
        "Economic, social or cultural interest for the Region",
        "required",
        True,
        False,
        None,
        "upload",
        "Emplois créés, investissements, nouveaux marchés, activité innovante ou rare, besoin local non couvert.",
    ),
    (
        "fee",
        110,
        "Preuve du paiement de la redevance",
        "Proof of fee payment",
        "uncertain",
        True,
        False,
        None,
        "upload",
        "Bruxelles et Flandre : 140 EUR à la demande ; incertain en Wallonie.",
    ),
    (
        "translations",
        120,
        "Traductions en français des documents en langue étrangère",
        "French translations of documents in other languages",
        "optional",
        True,
        False,
        None,
        "upload",
        "",
    ),
]

EXEMPTIONS = [
    (
        "unlimited",
        10,
        "Carte d'identité d'étranger ou séjour illimité",
        "Unlimited foreigner ID card or residence",
        "exempt",
    ),
    (
        "eea",
        20,
        "Ressortissant·e de l'EEE (ou de Suisse) ou membre de sa famille",
        "EEA (or Swiss) national or family member",
        "exempt",
    ),
    (
        "belgian_spouse",
        30,
        "Conjoint·e d'un·e Belge ou membre de sa famille",
        "Spouse or family member of a Belgian",
        "exempt",
    ),
    ("refugee", 40, "Réfugié·e reconnu·e", "Recognised refugee", "exempt"),
    ("helping_spouse", 50, "Conjoint·e aidant·e", "Helping spouse", "exempt"),
    ("business_trip", 60, "Voyage d'affaires de 3 mois au plus", "Business trip of 3 months or less", "exempt"),
    ("subsidiary", 70, "Protection subsidiaire", "Subsidiary protection", "unsure"),
    ("temporary", 80, "Protection temporaire (Ukraine…)", "Temporary protection (Ukraine…)", "unsure"),
]

# The residence situations of the person's file (crm.choices.ResidenceSituation) that imply an exemption: the coach
# opening the eligibility step is offered it. Belgians need no card at all (not an exemption); a limited residence,
# an applicant for protection or "other" imply none.
EXEMPTION_SITUATIONS = {
    "unlimited": "unlimited",
    "eea": "eea",
    "refugee": "refugee",
    "subsidiary": "subsidiary",
    "temporary": "temporary",
}

REGULATED = [
    ("Restauration et alimentation", "Food and catering", ["10", "47.2", "56"]),
    ("Construction", "Construction", ["41", "42", "43"]),
    ("Coiffure et soins de beauté", "Hairdressing and beauty care", ["96.02"]),
]

# The words of the defaults in the other languages of the interface, for the entrepreneur's and the coach's pages
# (the printed dossier stays in French). Keyed by rule key, exemption key and the regulated activity's French label;
# a data migration fills them in on rows whose French text is still the default.
RULE_TRANSLATIONS = {
    "application_form": {
        "label": {
            "en": "Application form, dated and signed",
            "nl": "Aanvraagformulier, gedateerd en ondertekend",
            "ar": "استمارة الطلب مؤرَّخة وموقَّعة",
            "uk": "Формуляр заяви з датою та підписом",
            "es": "Formulario de solicitud fechado y firmado",
        },
        "help": {
            "en": "Required in Brussels and Flanders; uncertain in Wallonia.",
            "nl": "Gevraagd in Brussel en Vlaanderen; onzeker in Wallonië.",
            "ar": "مطلوبة في بروكسل والفلاندر؛ غير مؤكَّد في والونيا.",
            "uk": "Вимагається в Брюсселі та Фландрії; у Валлонії — під питанням.",
            "es": "Exigido en Bruselas y Flandes; no está claro en Valonia.",
        },
    },
    "identity": {
        "label": {
            "en": "Copy of the passport or identity document",
            "nl": "Kopie van het paspoort of het identiteitsdocument",
            "ar": "نسخة من جواز السفر أو وثيقة الهوية",
            "uk": "Копія паспорта або документа, що посвідчує особу",
            "es": "Copia del pasaporte o del documento de identidad",
        },
    },
    "residence": {
        "label": {
            "en": "Residence document (attestation d'immatriculation model A or certificate of registration)",
            "nl": "Verblijfsdocument (attestation d'immatriculation model A of bewijs van inschrijving in het "
            "vreemdelingenregister)",
            "ar": "وثيقة الإقامة (attestation d'immatriculation نموذج A أو شهادة التسجيل في سجل الأجانب)",
            "uk": "Документ на перебування (attestation d'immatriculation модель A або посвідчення про внесення до "
            "реєстру іноземців)",
            "es": "Permiso de residencia (attestation d'immatriculation modelo A o certificado de inscripción en el "
            "registro de extranjeros)",
        },
    },
    "criminal_record": {
        "label": {
            "en": "Criminal record extract (at most 6 months old)",
            "nl": "Uittreksel uit het strafregister (hoogstens 6 maanden oud)",
            "ar": "مستخرج السجل العدلي (لا يزيد عمره عن 6 أشهر)",
            "uk": "Витяг з кримінального реєстру (не старший за 6 місяців)",
            "es": "Certificado de antecedentes penales (de 6 meses como máximo)",
        },
        "help": {
            "en": "Article 10 of the GDPR: only the check and its date are kept, unless the team attaches the document.",
            "nl": "Artikel 10 van de AVG: alleen de controle en de datum ervan worden bewaard, tenzij het team het "
            "document toevoegt.",
            "ar": "المادة 10 من اللائحة العامة لحماية البيانات: لا يُحتفَظ إلا بالتحقق وتاريخه، ما لم يُرفق الفريق "
            "الوثيقة نفسها.",
            "uk": "Стаття 10 GDPR: зберігаються лише факт перевірки та її дата, якщо команда не додасть сам документ.",
            "es": "Artículo 10 del RGPD: solo se conservan la verificación y su fecha, salvo si el equipo adjunta el "
            "documento.",
        },
    },
    "photos": {
        "label": {
            "en": "Two ID photos",
            "nl": "Twee pasfoto's",
            "ar": "صورتان شمسيتان",
            "uk": "Дві фотографії на документи",
            "es": "Dos fotos de carné",
        },
        "help": {
            "en": "Required in Brussels; uncertain in Wallonia.",
            "nl": "Gevraagd in Brussel; onzeker in Wallonië.",
            "ar": "مطلوبتان في بروكسل؛ غير مؤكَّد في والونيا.",
            "uk": "Вимагаються в Брюсселі; у Валлонії — під питанням.",
            "es": "Exigidas en Bruselas; no está claro en Valonia.",
        },
    },
    "business_plan": {
        "label": {
            "en": "Business plan and financial plan",
            "nl": "Ondernemingsplan en financieel plan",
            "ar": "خطة العمل والخطة المالية",
            "uk": "Бізнес-план і фінансовий план",
            "es": "Plan de negocio y plan financiero",
        },
        "help": {
            "en": "The printed dossier holds the business plan summary and the financial plan.",
            "nl": "Het afgedrukte dossier bevat de samenvatting van het ondernemingsplan en het financieel plan.",
            "ar": "يتضمّن الملف المطبوع ملخّص خطة العمل والخطة المالية.",
            "uk": "Надрукований пакет документів містить стислий виклад бізнес-плану та фінансовий план.",
            "es": "El expediente impreso contiene el resumen del plan de negocio y el plan financiero.",
        },
    },
    "competence": {
        "label": {
            "en": "Proof of professional competence or sector licence",
            "nl": "Bewijs van beroepsbekwaamheid of sectorvergunning",
            "ar": "إثبات الكفاءة المهنية أو ترخيص القطاع",
            "uk": "Підтвердження професійної кваліфікації або галузева ліцензія",
            "es": "Prueba de la competencia profesional o licencia del sector",
        },
        "help": {
            "en": "For regulated activities (food, construction, hairdressing…).",
            "nl": "Voor gereglementeerde activiteiten (voeding, bouw, kapsalon…).",
            "ar": "للأنشطة الخاضعة للتنظيم (الأغذية، البناء، تصفيف الشعر…).",
            "uk": "Для регульованих видів діяльності (харчування, будівництво, перукарська справа…).",
            "es": "Para las actividades reguladas (alimentación, construcción, peluquería…).",
        },
    },
    "cv": {
        "label": {
            "en": "CV, diplomas and experience",
            "nl": "Cv, diploma's en ervaring",
            "ar": "السيرة الذاتية والشهادات والخبرة",
            "uk": "Резюме, дипломи та досвід",
            "es": "CV, títulos y experiencia",
        },
    },
    "funds": {
        "label": {
            "en": "Proof of funds",
            "nl": "Bewijs van financiële middelen",
            "ar": "إثبات الموارد المالية",
            "uk": "Підтвердження фінансових коштів",
            "es": "Prueba de los medios financieros",
        },
    },
    "interest": {
        "label": {
            "en": "Economic, social or cultural interest for the Region",
            "nl": "Economisch, sociaal of cultureel belang voor het Gewest",
            "ar": "الفائدة الاقتصادية أو الاجتماعية أو الثقافية للمنطقة",
            "uk": "Економічна, соціальна чи культурна користь для Регіону",
            "es": "Interés económico, social o cultural para la Región",
        },
        "help": {
            "en": "Jobs created, investment, new markets, an innovative or rare activity, a local need not met.",
            "nl": "Nieuwe banen, investeringen, nieuwe markten, een innovatieve of zeldzame activiteit, een lokale "
            "behoefte waaraan nog niet voldaan is.",
            "ar": "وظائف جديدة، استثمارات، أسواق جديدة، نشاط مبتكر أو نادر، حاجة محلية غير مُلبّاة.",
            "uk": "Створені робочі місця, інвестиції, нові ринки, інноваційна чи рідкісна діяльність, "
            "незадоволена місцева потреба.",
            "es": "Empleos creados, inversiones, nuevos mercados, una actividad innovadora o poco común, una "
            "necesidad local no cubierta.",
        },
    },
    "fee": {
        "label": {
            "en": "Proof of fee payment",
            "nl": "Bewijs van betaling van de retributie",
            "ar": "إثبات دفع الرسوم",
            "uk": "Підтвердження сплати збору",
            "es": "Comprobante del pago de la tasa",
        },
        "help": {
            "en": "Brussels and Flanders: 140 EUR when applying; uncertain in Wallonia.",
            "nl": "Brussel en Vlaanderen: 140 EUR bij de aanvraag; onzeker in Wallonië.",
            "ar": "بروكسل والفلاندر: 140 يورو عند تقديم الطلب؛ غير مؤكَّد في والونيا.",
            "uk": "Брюссель і Фландрія: 140 EUR під час подання заяви; у Валлонії — під питанням.",
            "es": "Bruselas y Flandes: 140 EUR al presentar la solicitud; no está claro en Valonia.",
        },
    },
    "translations": {
        "label": {
            "en": "French translations of documents in other languages",
            "nl": "Franse vertalingen van documenten in een andere taal",
            "ar": "ترجمات إلى الفرنسية للوثائق المحرّرة بلغة أجنبية",
            "uk": "Переклади французькою мовою документів іншими мовами",
            "es": "Traducciones al francés de los documentos en otros idiomas",
        },
    },
}

EXEMPTION_TRANSLATIONS = {
    "unlimited": {
        "en": "Unlimited foreigner ID card or residence",
        "nl": "Identiteitskaart voor vreemdelingen of onbeperkt verblijf",
        "ar": "بطاقة هوية الأجانب أو إقامة غير محدودة المدة",
        "uk": "Посвідка іноземця або безстрокове перебування",
        "es": "Documento de identidad de extranjero o residencia indefinida",
    },
    "eea": {
        "en": "EEA (or Swiss) national or family member",
        "nl": "Onderdaan van de EER (of Zwitserland) of familielid",
        "ar": "من مواطني المنطقة الاقتصادية الأوروبية (أو سويسرا) أو من أفراد أسرته",
        "uk": "Громадянство ЄЕЗ (або Швейцарії) чи член родини такої особи",
        "es": "Nacional del EEE (o de Suiza) o familiar",
    },
    "belgian_spouse": {
        "en": "Spouse or family member of a Belgian",
        "nl": "Partner of familielid van een Belg",
        "ar": "زوج أو زوجة شخص بلجيكي أو من أفراد أسرته",
        "uk": "Чоловік чи дружина громадянина Бельгії або член родини",
        "es": "Cónyuge o familiar de una persona belga",
    },
    "refugee": {
        "en": "Recognised refugee",
        "nl": "Erkend vluchteling",
        "ar": "لاجئ معترف به",
        "uk": "Визнаний статус біженця",
        "es": "Persona refugiada reconocida",
    },
    "helping_spouse": {
        "en": "Helping spouse",
        "nl": "Meewerkende partner",
        "ar": "الزوج المساعد أو الزوجة المساعدة",
        "uk": "Чоловік чи дружина, що допомагає у справі",
        "es": "Cónyuge que colabora en la actividad",
    },
    "business_trip": {
        "en": "Business trip of 3 months or less",
        "nl": "Zakenreis van hoogstens 3 maanden",
        "ar": "رحلة عمل لا تتجاوز 3 أشهر",
        "uk": "Ділова поїздка тривалістю до 3 місяців",
        "es": "Viaje de negocios de 3 meses como máximo",
    },
    "subsidiary": {
        "en": "Subsidiary protection",
        "nl": "Subsidiaire bescherming",
        "ar": "الحماية الفرعية",
        "uk": "Додатковий захист",
        "es": "Protección subsidiaria",
    },
    "temporary": {
        "en": "Temporary protection (Ukraine…)",
        "nl": "Tijdelijke bescherming (Oekraïne…)",
        "ar": "الحماية المؤقتة (أوكرانيا…)",
        "uk": "Тимчасовий захист (Україна…)",
        "es": "Protección temporal (Ucrania…)",
    },
}

REGULATED_TRANSLATIONS = {
    "Restauration et alimentation": {
        "en": "Food and catering",
        "nl": "Horeca en voeding",
        "ar": "المطاعم والأغذية",
        "uk": "Ресторанна справа та харчування",
        "es": "Restauración y alimentación",
    },
    "Construction": {
        "en": "Construction",
        "nl": "Bouw",
        "ar": "البناء",
        "uk": "Будівництво",
        "es": "Construcción",
    },
    "Coiffure et soins de beauté": {
        "en": "Hairdressing and beauty care",
        "nl": "Kapsalon en schoonheidszorg",
        "ar": "تصفيف الشعر والعناية بالتجميل",
        "uk": "Перукарські та косметичні послуги",
        "es": "Peluquería y cuidados de belleza",
    },
}
