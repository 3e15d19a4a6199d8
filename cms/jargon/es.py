"""The glossary in Spanish (usted): the words of the Walloon procedures, in plain words, as of 2026.

Belgian names and acronyms stay as printed on the forms (BCE, SRL, ASBL, guichet d'entreprises), as the catalogue's
GLOSSARY.md asks.
"""

from .term import Term

TERMS = {
    "bce": Term(
        term="BCE",
        expansion="registro oficial de las empresas de Bélgica",
        french="Banque-Carrefour des Entreprises",
        short="el registro oficial de las empresas de Bélgica",
        text="El registro oficial de todas las empresas de Bélgica. Cuando su actividad está inscrita en él, usted "
        "recibe un número de empresa. Ese número aparece en sus facturas y en muchos papeles oficiales.",
        abbreviations=("BCE",),
        phrases=("número de empresa", "números de empresa"),
    ),
    "tva": Term(
        term="IVA",
        expansion="impuesto sobre el valor añadido",
        french="TVA",
        short="un impuesto sobre lo que usted vende",
        text="Un impuesto que se suma al precio de lo que usted vende. Usted lo cobra a sus clientes y lo paga al "
        "Estado. Si su volumen de negocio es pequeño, puede elegir no cobrarlo: es el régimen de franquicia.",
        abbreviations=("IVA",),
        phrases=("número de IVA", "impuesto sobre el valor añadido"),
    ),
    "caisse-assurances-sociales": Term(
        term="caja de seguros sociales",
        french="caisse d'assurances sociales",
        short="el organismo que recibe las cotizaciones sociales de quien trabaja por cuenta propia",
        text="El organismo al que toda persona que trabaja por cuenta propia debe afiliarse, a más tardar el día en "
        "que empieza la actividad. Usted le paga sus cotizaciones sociales cada trimestre. Estas le dan derecho a la "
        "pensión, a la atención sanitaria (con su mutualidad) y al derecho puente (droit passerelle).",
        phrases=("caja de seguros sociales", "cajas de seguros sociales"),
    ),
    "independant": Term(
        term="trabajo por cuenta propia",
        french="indépendant·e",
        short="trabajar de forma independiente, sin jefe",
        text="Trabajar de forma independiente, sin jefe: usted busca sus clientes y fija sus precios. Inscribe su actividad en "
        "la BCE, se afilia a una caja de seguros sociales y paga sus propias cotizaciones. Se puede trabajar por "
        "cuenta propia como actividad principal o además de un empleo.",
        phrases=("por cuenta propia", "trabajo autónomo"),
    ),
    "titre-de-sejour": Term(
        term="permiso de residencia",
        french="titre de séjour",
        short="el documento que muestra su derecho a quedarse en Bélgica",
        text="El documento que muestra que usted tiene derecho a quedarse en Bélgica, y hasta cuándo. Se lo da el "
        "ayuntamiento (commune) donde vive. Hay varios tipos (tarjeta A, tarjeta B, attestation d'immatriculation…): "
        "el tipo de documento dice, por ejemplo, si necesita una tarjeta profesional.",
        phrases=(
            "permiso de residencia",
            "permisos de residencia",
            "documento de residencia",
            "tarjeta de residencia",
        ),
    ),
    "carte-professionnelle": Term(
        term="tarjeta profesional",
        french="carte professionnelle",
        short="el permiso que una persona no europea suele necesitar para trabajar por cuenta propia",
        text="El permiso que a menudo necesita una persona sin ciudadanía europea para trabajar por cuenta propia en "
        "Bélgica. En Valonia, la tarjeta la concede el SPW Économie; la solicitud se presenta en un guichet "
        "d'entreprises. Algunas personas no la necesitan, por ejemplo las personas refugiadas reconocidas o con "
        "residencia ilimitada.",
        phrases=("tarjeta profesional", "tarjetas profesionales"),
    ),
    "guichet-entreprises": Term(
        term="guichet d'entreprises",
        french="guichet d'entreprises",
        short="la oficina que inscribe su empresa en la BCE",
        text="Una oficina autorizada por el Estado que hace sus primeros trámites: inscribe su empresa en la BCE, "
        "comprueba el acceso a la profesión y puede activar su número de IVA. También recibe las solicitudes de "
        "tarjeta profesional. Sus servicios se pagan.",
    ),
    "nace": Term(
        term="NACE",
        expansion="lista europea de actividades económicas",
        short="el código que describe su actividad",
        text="Una lista de códigos que describe cada actividad económica (por ejemplo, la peluquería o la venta de "
        "ropa). Cuando se inscribe en la BCE, usted elige los códigos NACE de sus actividades. Elíjalos bien: "
        "algunos códigos exigen demostrar el acceso a la profesión.",
        abbreviations=("NACE",),
        phrases=("código NACE", "códigos NACE"),
    ),
    "spw-economie": Term(
        term="SPW Économie",
        french="SPW Économie",
        short="el servicio público valón que decide sobre las tarjetas profesionales",
        text="Un servicio de la administración de la Región Valona (Service public de Wallonie Économie, Emploi, "
        "Recherche). Decide si concede o no la tarjeta profesional a quien trabaja por cuenta propia. Su solicitud "
        "suele llegarle a través de un guichet d'entreprises.",
    ),
    "acces-profession": Term(
        term="acceso a la profesión",
        french="accès à la profession",
        short="las pruebas de competencia que se piden para algunos oficios",
        text="En algunos oficios regulados (alimentación, construcción, peluquería…), usted debe demostrar sus "
        "competencias profesionales antes de empezar: con un diploma o con su experiencia. El guichet d'entreprises "
        "lo comprueba. En Valonia, desde octubre de 2025 ya no se piden los conocimientos básicos de gestión "
        "(connaissances de gestion de base).",
        phrases=("acceso a la profesión", "conocimientos básicos de gestión"),
    ),
    "plan-financier": Term(
        term="plan financiero",
        french="plan financier",
        short="sus cálculos de dinero para el proyecto",
        text="Un documento que muestra, con cifras, cuánto dinero necesita para empezar su proyecto, de dónde viene "
        "y lo que piensa ganar y gastar los primeros años. Lo piden el banco, el microcrédito y la tarjeta "
        "profesional. Es obligatorio para crear una SRL.",
        phrases=("plan financiero", "planes financieros"),
    ),
    "asbl": Term(
        term="ASBL",
        expansion="asociación sin ánimo de lucro",
        french="association sans but lucratif",
        short="una asociación que no reparte sus beneficios",
        text="Una asociación creada por varias personas con un fin que no es enriquecerse. Puede vender productos o "
        "servicios, pero el dinero que gana sirve a su fin: nunca se reparte entre los miembros. Como una empresa, "
        "está inscrita en la BCE.",
        abbreviations=("ASBL",),
        phrases=("asociación sin ánimo de lucro", "asociación sin fines de lucro"),
    ),
    "srl": Term(
        term="SRL",
        expansion="sociedad de responsabilidad limitada",
        french="société à responsabilité limitée",
        short="una forma de sociedad que protege sus bienes personales",
        text="La forma de sociedad más común para una pequeña empresa. Se crea ante notario, con un plan financiero; "
        "una sola persona puede crearla. La sociedad tiene su propio dinero: por regla general, si tiene deudas, sus "
        "bienes personales están protegidos.",
        abbreviations=("SRL",),
        phrases=("sociedad de responsabilidad limitada",),
    ),
    "sc": Term(
        term="SC",
        expansion="sociedad cooperativa",
        french="société coopérative",
        short="una sociedad de varias personas socias con un fin común",
        text="Una sociedad creada por al menos tres personas, que trabajan juntas para responder a sus propias "
        "necesidades o a las de un grupo. Cada persona socia aporta dinero y participa en las decisiones. Puede "
        "obtener el reconocimiento de empresa social.",
        abbreviations=("SC",),
        phrases=("sociedad cooperativa", "sociedades cooperativas"),
    ),
    "cpas": Term(
        term="CPAS",
        expansion="centro público de acción social",
        french="centre public d'action sociale",
        short="el servicio social de su municipio",
        text="El servicio social público de su municipio. Ayuda a las personas que no tienen lo suficiente para "
        "vivir, por ejemplo con la renta de integración (revenu d'intégration). También puede acompañarle hacia un "
        "empleo o hacia una actividad por cuenta propia.",
        abbreviations=("CPAS",),
        phrases=("centro público de acción social",),
    ),
    "forem": Term(
        term="Forem",
        short="el servicio público valón de empleo y formación",
        text="Le Forem es el servicio público de empleo y formación de Valonia. Las personas que buscan trabajo se "
        "inscriben allí; ofrece formaciones y consejos, también para crear su propia actividad. No reconoce los "
        "títulos: eso lo hace la Fédération Wallonie-Bruxelles.",
        phrases=("Forem",),
    ),
}
