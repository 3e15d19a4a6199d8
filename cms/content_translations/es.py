"""The demo site in neutral Spanish (usted), translated from the French."""

from ..content_blocks import GUICHET, SPW_PERMITS, UCM_FUND, h, p, step

PAGES = {
    "home": {
        "title": "InterLab",
        "intro": "Una incubadora inclusiva en Liège: de la idea inicial a la empresa, la asociación o la cooperativa en marcha. Acompañamos a personas recién llegadas y a personas de Liège, en su idioma.",
    },
    "candidater": {
        "title": "Presentar una solicitud",
        "intro": "<p>¿Tiene una idea de actividad? Cuéntenos quién es y qué quiere hacer. Nuestro equipo de coaches se pondrá en contacto con usted en el plazo de una semana.</p>",
    },
    "parcours-incubation": {
        "title": "El itinerario de incubación",
        "intro": "Un itinerario construido con usted, de la idea al lanzamiento, a su ritmo.",
        "body": [
            h("Cómo funciona"),
            p(
                "Después de una primera entrevista, su coach construye con usted un plan: probar la idea, hacer el plan financiero, encontrar financiación, hacer los trámites administrativos, lanzar la actividad. Seguimos a su lado durante los tres años posteriores al lanzamiento."
            ),
            p("El acompañamiento es gratuito, gracias al apoyo de Valonia y del Fondo Social Europeo."),
        ],
    },
    "mentorat": {
        "title": "La mentoría en pareja",
        "intro": "Una persona emprendedora con experiencia le acompaña durante seis meses.",
        "body": [
            p(
                "Formamos parejas entre una persona recién llegada y una persona establecida en Liège que comparten un sector u objetivos. Se reúnen una o dos veces al mes."
            )
        ],
    },
    "tiers-lieu": {
        "title": "El tiers-lieu",
        "intro": "Puestos de trabajo compartidos, salas de reuniones y un taller, en el corazón de Outremeuse.",
        "opening_hours": "De lunes a viernes, de 8:30 a 18:00",
        "body": [
            p(
                "Las personas acompañadas reservan un puesto o una sala desde su espacio InterLab. El taller acoge pruebas de producción (costura, cocina, reparaciones)."
            )
        ],
    },
    "guides": {
        "title": "Los trámites explicados",
        "intro": "Los procedimientos belgas, paso a paso, con palabras sencillas.",
    },
    "carte-professionnelle": {
        "title": "Solicitar la tarjeta profesional",
        "summary": "¿No tiene la ciudadanía europea y quiere trabajar por cuenta propia en Valonia? A menudo necesita una tarjeta profesional. Algunas personas tienen una exención: compruébelo primero.",
        "steps": [
            step(
                "Compruebe si la necesita",
                "<p>No necesita la tarjeta si tiene un permiso de residencia ilimitado, si tiene el estatuto de refugiado reconocido, si su cónyuge es belga o si tiene la ciudadanía de un país del Espacio Económico Europeo. Su coach lo comprueba con usted.</p>",
                duration="una entrevista",
            ),
            step(
                "Reúna los documentos",
                "<p>Prepare copias legibles. Los documentos en otro idioma deben estar traducidos al francés.</p>",
                [
                    "Copia del pasaporte",
                    "Permiso de residencia (attestation d'immatriculation o tarjeta A)",
                    "Certificado de antecedentes penales reciente",
                    "Plan de negocio y plan financiero",
                    "Currículum y títulos",
                    "El interés de su proyecto para la Región (la «plus-value»): empleos creados, inversiones, nuevos mercados, una actividad innovadora o poco común, una necesidad local sin cubrir",
                ],
                duration="de 2 a 4 semanas",
            ),
            step(
                "Presente la solicitud en el guichet d'entreprises",
                "<p>El guichet revisa el expediente y lo envía al SPW Économie en un plazo de 5 días.</p>",
                ["Comprobante de pago de la tasa, si se pide"],
                [GUICHET],
                duration="una cita",
                cost="tasa en Valonia por confirmar (Bruselas y Flandes: 140 EUR)",
            ),
            step(
                "Espere la decisión del SPW Économie",
                "<p>La tarjeta se concede por 5 años como máximo, a menudo por 2 años la primera vez. Pida la renovación al menos 3 meses antes de que termine.</p>",
                partners=[SPW_PERMITS],
                duration="varios meses",
            ),
        ],
    },
    "inscription-bce-tva": {
        "title": "Inscribirse en la BCE y activar el IVA",
        "summary": "Para empezar su actividad, su empresa debe estar inscrita en la Banque-Carrefour des Entreprises (BCE). Así recibe un número de empresa. El guichet d'entreprises también se encarga del IVA (TVA).",
        "steps": [
            step(
                "Abra una cuenta bancaria profesional",
                "<p>Una cuenta separada de su cuenta personal. Si el banco se niega, hable con su coach: hay soluciones.</p>",
                ["Documento de identidad o permiso de residencia"],
                duration="de 1 a 2 semanas",
            ),
            step(
                "Pida cita en el guichet d'entreprises",
                "<p>El guichet inscribe su actividad en la BCE y comprueba el acceso a la profesión en los oficios regulados (alimentación, construcción, peluquería…).</p>",
                [
                    "Documento de identidad o permiso de residencia",
                    "Número de la cuenta bancaria profesional",
                    "Prueba de competencias para un oficio regulado",
                ],
                [GUICHET],
                duration="una cita",
                cost="unos 100 euros",
            ),
            step(
                "Active el IVA",
                "<p>El guichet puede activar su número de IVA al mismo tiempo. Pregunte si le conviene el régimen de franquicia (para un volumen de negocio pequeño).</p>",
                partners=[GUICHET],
                duration="el mismo día",
            ),
        ],
    },
    "caisse-assurances-sociales": {
        "title": "Afiliarse a una caja de seguros sociales",
        "summary": "Toda persona que trabaja por cuenta propia debe afiliarse a una caja de seguros sociales, a más tardar el día en que empieza la actividad. La caja gestiona sus cotizaciones, que le dan derecho a la pensión, a la atención sanitaria y al derecho puente (droit passerelle).",
        "steps": [
            step(
                "Elija una caja",
                "<p>Todas las cajas siguen las mismas reglas; compare la atención y los servicios. Su coach puede aconsejarle.</p>",
                partners=[UCM_FUND],
                duration="una semana",
            ),
            step(
                "Afíliese antes del primer día",
                "<p>La afiliación se hace en línea o en la ventanilla. Sin afiliación, se arriesga a una multa.</p>",
                ["Número de empresa (BCE)", "Documento de identidad o permiso de residencia"],
                duration="una hora",
            ),
            step(
                "Pague las cotizaciones cada trimestre",
                "<p>Al principio, las cotizaciones son provisionales. Si sus ingresos son bajos, puede pedir una reducción.</p>",
                cost="unos 900 euros por trimestre al principio",
            ),
            step(
                "Inscríbase en una mutualidad",
                "<p>Para que le reembolsen sus gastos de salud, entregue a su mutualidad (mutualité) el certificado de la caja.</p>",
                ["Certificado de afiliación de la caja"],
            ),
        ],
    },
    "microcredit": {
        "title": "Obtener un microcrédito",
        "summary": "Los bancos a menudo se niegan a prestar dinero a una empresa nueva. microStart y Crédal prestan pequeñas cantidades a las personas excluidas del crédito bancario, con acompañamiento.",
        "steps": [
            step(
                "Prepare su plan financiero",
                "<p>¿Cuánto necesita, para comprar qué y cómo lo devolverá? Su coach le ayuda a elaborarlo.</p>",
                ["Plan financiero a 3 años", "Presupuestos del material"],
                duration="de 2 a 3 semanas",
            ),
            step(
                "Pida una primera entrevista",
                "<p>La primera entrevista es gratuita. En ella sabrá si su proyecto puede financiarse y qué le falta.</p>",
                ["Documento de identidad o permiso de residencia", "Extractos bancarios de los últimos 3 meses"],
                ["microStart", "Crédal"],
                duration="una cita",
            ),
            step(
                "Preséntese ante el comité de crédito",
                "<p>Usted presenta su proyecto. Si la respuesta es sí, el dinero llega en pocos días.</p>",
                duration="alrededor de un mes",
                cost="intereses según el préstamo",
            ),
        ],
    },
    "agenda": {
        "title": "Eventos",
        "intro": "Sesiones informativas y talleres gratuitos, abiertos a todo el mundo.",
    },
    "seance-information-lancer-son-activite": {
        "title": "Sesión informativa: iniciar su actividad en Bélgica",
        "summary": "Dos horas para entender los pasos, hacer sus preguntas y conocer al equipo.",
        "place": "Tiers-lieu InterLab",
        "body": [p("Es posible tener interpretación al árabe, al inglés y al ucraniano: indíquelo al inscribirse.")],
    },
    "atelier-microcredit": {
        "title": "Taller de microcrédito con microStart",
        "summary": "Preparar una solicitud de microcrédito: qué mira el comité, qué errores evitar.",
        "place": "Tiers-lieu InterLab",
        "body": [p("Traiga su plan financiero, aunque no esté terminado.")],
    },
    "partenaires": {
        "title": "Organizaciones asociadas",
        "intro": "Las organizaciones que ayudan en Liège: financiación, trámites, idioma, red de contactos.",
    },
    "histoires": {
        "title": "Lo consiguieron",
        "intro": "Itinerarios de personas emprendedoras acompañadas por InterLab.",
    },
    "atelier-couture-seraing": {
        "title": "Un taller de arreglos de ropa en Seraing",
        "person": "Mehmet",
        "business": "Taller de costura y arreglos",
        "quote": "Al principio no entendía nada de los papeles. Hoy tengo dos clientes fijos al día.",
        "body": [
            p(
                "Mehmet llegó en 2016 y cosía para sus vecinos. Con su coach, hizo su plan financiero, obtuvo un microcrédito de microStart para dos máquinas industriales y abrió su taller en 2025."
            )
        ],
    },
    "vie-privee": {
        "title": "Privacidad y datos personales",
        "intro": "Lo que guardamos sobre usted, por qué, durante cuánto tiempo y cómo verlo o borrarlo.",
        "body": (
            "<p>InterLab ASBL trata sus datos para acompañarle en su proyecto: su solicitud, el seguimiento de su coach, "
            "las reservas de espacios y los expedientes que nos pide preparar.</p>"
            "<p>Su situación de residencia y su nacionalidad solo las lee su coach cuando un expediente las necesita; "
            "cada consulta queda registrada.</p>"
            "<p>Una ficha sin actividad durante tres años se borra. Desde su espacio, \u201cMis datos\u201d le muestra todo "
            "lo que guardamos y le permite descargarlo. Para cualquier pregunta, escríbanos.</p>"
        ),
    },
}
