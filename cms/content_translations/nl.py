"""The demo site in Dutch as written in Belgium (je), translated from the French."""

from ..content_blocks import GUICHET, SPW_PERMITS, UCM_FUND, h, p, step

PAGES = {
    "home": {
        "title": "InterLab",
        "intro": "Een inclusieve incubator in Liège: van een ruw idee tot een opgestarte onderneming, vzw of coöperatie. We begeleiden nieuwkomers en mensen uit Liège, in hun eigen taal.",
    },
    "candidater": {
        "title": "Aanvraag doen",
        "intro": "<p>Heb je een idee voor een activiteit? Vertel ons wie je bent en wat je wilt doen. Een coach neemt binnen de week contact met je op.</p>",
    },
    "parcours-incubation": {
        "title": "Het incubatietraject",
        "intro": "Een traject dat we samen met jou opbouwen, van het idee tot de start, op jouw tempo.",
        "body": [
            h("Hoe gaat het in zijn werk?"),
            p(
                "Na een eerste gesprek maakt je coach samen met jou een plan: het idee testen, het financieel plan opstellen, financiering vinden, de administratieve stappen zetten, de activiteit starten. Ook na de start blijven we nog drie jaar aan je zijde."
            ),
            p("De begeleiding is gratis, dankzij de steun van Wallonië en het Europees Sociaal Fonds."),
        ],
    },
    "mentorat": {
        "title": "Mentoring in duo",
        "intro": "Een ervaren ondernemer begeleidt je zes maanden lang.",
        "body": [
            p(
                "We vormen duo's van iemand die pas aangekomen is en iemand die al in Liège woont, met dezelfde sector of dezelfde doelen. Jullie zien elkaar een tot twee keer per maand."
            )
        ],
    },
    "tiers-lieu": {
        "title": "De tiers-lieu",
        "intro": "Gedeelde werkplekken, vergaderzalen en een werkplaats, in het hart van Outremeuse.",
        "opening_hours": "Van maandag tot vrijdag, van 8.30 tot 18 uur",
        "body": [
            p(
                "Wie we begeleiden, reserveert een werkplek of een zaal vanuit de eigen InterLab-ruimte. In de werkplaats kun je je productie uittesten (naaien, koken, herstellen)."
            )
        ],
    },
    "guides": {
        "title": "De stappen uitgelegd",
        "intro": "De Belgische procedures, stap voor stap, in eenvoudige woorden.",
    },
    "carte-professionnelle": {
        "title": "De beroepskaart aanvragen",
        "summary": "Ben je geen Europese burger en wil je als zelfstandige werken in Wallonië? Dan heb je vaak een beroepskaart nodig. Sommige mensen zijn vrijgesteld: kijk dat eerst na.",
        "steps": [
            step(
                "Kijk na of je ze nodig hebt",
                "<p>Je hebt geen kaart nodig als je een onbeperkte verblijfsvergunning hebt, als je een erkende vluchteling bent, getrouwd bent met een Belg of burger bent van de Europese Economische Ruimte. Je coach kijkt het samen met je na.</p>",
                duration="één gesprek",
            ),
            step(
                "Verzamel de documenten",
                "<p>Maak leesbare kopieën. Documenten in een andere taal moeten in het Frans vertaald zijn.</p>",
                [
                    "Kopie van je paspoort",
                    "Verblijfsdocument (attestation d'immatriculation of A-kaart)",
                    "Recent uittreksel uit het strafregister",
                    "Ondernemingsplan en financieel plan",
                    "Cv en diploma's",
                    "Het belang van je project voor het Gewest (de “plus-value”): nieuwe banen, investeringen, nieuwe markten, een innoverende of zeldzame activiteit, een onvervulde lokale behoefte",
                ],
                duration="2 tot 4 weken",
            ),
            step(
                "Dien de aanvraag in bij het ondernemingsloket",
                "<p>Het loket controleert het dossier en stuurt het binnen 5 dagen naar SPW Économie.</p>",
                ["Bewijs dat de retributie betaald is, als ze gevraagd wordt"],
                [GUICHET],
                duration="één afspraak",
                cost="retributie in Wallonië te bevestigen (Brussel en Vlaanderen: 140 EUR)",
            ),
            step(
                "Wacht op de beslissing van SPW Économie",
                "<p>De kaart wordt toegekend voor hoogstens 5 jaar, de eerste keer vaak voor 2 jaar. Vraag de verlenging minstens 3 maanden voor het einde aan.</p>",
                partners=[SPW_PERMITS],
                duration="enkele maanden",
            ),
        ],
    },
    "inscription-bce-tva": {
        "title": "Je inschrijven bij de KBO en de btw activeren",
        "summary": "Om je activiteit te starten, moet je onderneming ingeschreven zijn in de Kruispuntbank van Ondernemingen (KBO). Je krijgt dan een ondernemingsnummer. Het ondernemingsloket regelt ook de btw.",
        "steps": [
            step(
                "Open een professionele bankrekening",
                "<p>Een rekening die los staat van je privérekening. Weigert de bank? Praat erover met je coach: er zijn oplossingen.</p>",
                ["Identiteitskaart of verblijfsdocument"],
                duration="1 tot 2 weken",
            ),
            step(
                "Maak een afspraak bij het ondernemingsloket",
                "<p>Het loket schrijft je activiteit in bij de KBO en controleert voor gereglementeerde beroepen (voeding, bouw, kapper…) of je toegang hebt tot het beroep.</p>",
                [
                    "Identiteitskaart of verblijfsdocument",
                    "Nummer van de professionele bankrekening",
                    "Bewijs van beroepsbekwaamheid voor een gereglementeerd beroep",
                ],
                [GUICHET],
                duration="één afspraak",
                cost="ongeveer 100 euro",
            ),
            step(
                "Activeer de btw",
                "<p>Het loket kan tegelijk je btw-nummer activeren. Vraag of de vrijstellingsregeling (kleine omzet) iets voor jou is.</p>",
                partners=[GUICHET],
                duration="dezelfde dag",
            ),
        ],
    },
    "caisse-assurances-sociales": {
        "title": "Je aansluiten bij een sociaal verzekeringsfonds",
        "summary": "Elke zelfstandige moet zich aansluiten bij een sociaal verzekeringsfonds, ten laatste op de dag dat de activiteit begint. Het fonds beheert je bijdragen. Die geven je recht op pensioen, gezondheidszorg en het overbruggingsrecht.",
        "steps": [
            step(
                "Kies een fonds",
                "<p>Alle fondsen volgen dezelfde regels; vergelijk het onthaal en de diensten. Je coach kan je raad geven.</p>",
                partners=[UCM_FUND],
                duration="één week",
            ),
            step(
                "Sluit je aan vóór de eerste dag",
                "<p>Aansluiten kan online of aan het loket. Zonder aansluiting riskeer je een boete.</p>",
                ["Ondernemingsnummer (KBO)", "Identiteitskaart of verblijfsdocument"],
                duration="één uur",
            ),
            step(
                "Betaal je bijdragen elk kwartaal",
                "<p>In het begin zijn de bijdragen voorlopig. Zijn je inkomsten laag? Dan kun je een vermindering vragen.</p>",
                cost="in het begin ongeveer 900 euro per kwartaal",
            ),
            step(
                "Schrijf je in bij een ziekenfonds",
                "<p>Om je kosten voor gezondheidszorg terugbetaald te krijgen, geef je het attest van het fonds aan je ziekenfonds.</p>",
                ["Aansluitingsattest van het fonds"],
            ),
        ],
    },
    "microcredit": {
        "title": "Een microkrediet krijgen",
        "summary": "Banken weigeren vaak om geld te lenen aan een nieuwe onderneming. microStart en Crédal lenen kleine bedragen aan mensen die geen bankkrediet krijgen, met begeleiding erbij.",
        "steps": [
            step(
                "Maak je financieel plan",
                "<p>Hoeveel heb je nodig, om wat te kopen, en hoe betaal je het terug? Je coach helpt je om het op te stellen.</p>",
                ["Financieel plan over 3 jaar", "Offertes voor het materiaal"],
                duration="2 tot 3 weken",
            ),
            step(
                "Spreek af met een adviseur",
                "<p>Het eerste gesprek is gratis. Je hoort of je project gefinancierd kan worden en wat er nog ontbreekt.</p>",
                ["Identiteitskaart of verblijfsdocument", "Rekeninguittreksels van de laatste 3 maanden"],
                ["microStart", "Crédal"],
                duration="één afspraak",
            ),
            step(
                "Stel je project voor aan het kredietcomité",
                "<p>Je stelt je project voor. Is het antwoord ja, dan krijg je het geld binnen enkele dagen.</p>",
                duration="ongeveer een maand",
                cost="intrest volgens de lening",
            ),
        ],
    },
    "agenda": {
        "title": "Evenementen",
        "intro": "Gratis infosessies en workshops, open voor iedereen.",
    },
    "seance-information-lancer-son-activite": {
        "title": "Infosessie: je activiteit starten in België",
        "summary": "Twee uur om de stappen te begrijpen, je vragen te stellen en het team te leren kennen.",
        "place": "Tiers-lieu InterLab",
        "body": [p("Tolken in het Arabisch, Engels en Oekraïens is mogelijk: zeg het bij je inschrijving.")],
    },
    "atelier-microcredit": {
        "title": "Workshop microkrediet met microStart",
        "summary": "Een aanvraag voor een microkrediet voorbereiden: waar het comité naar kijkt, welke fouten je beter vermijdt.",
        "place": "Tiers-lieu InterLab",
        "body": [p("Breng je financieel plan mee, ook als het nog niet af is.")],
    },
    "partenaires": {
        "title": "Partners",
        "intro": "De organisaties die helpen in Liège: financiering, administratie, taal, netwerk.",
    },
    "histoires": {
        "title": "Zij deden het",
        "intro": "Trajecten van ondernemers die InterLab begeleid heeft.",
    },
    "atelier-couture-seraing": {
        "title": "Een retoucheatelier in Seraing",
        "person": "Mehmet",
        "business": "Naai- en retoucheatelier",
        "quote": "In het begin begreep ik niets van de papieren. Nu heb ik elke dag twee vaste klanten.",
        "body": [
            p(
                "Mehmet kwam in 2016 aan en naaide voor de buren. Met zijn coach maakte hij zijn financieel plan, kreeg hij een microkrediet van microStart voor twee industriële machines en opende hij in 2025 zijn atelier."
            )
        ],
    },
    "vie-privee": {
        "title": "Privacy en persoonsgegevens",
        "intro": "Wat we over je bijhouden, waarom, hoelang, en hoe je het kunt bekijken of laten wissen.",
        "body": (
            "<p>InterLab ASBL verwerkt je gegevens om je te begeleiden bij je project: je aanvraag, de opvolging door "
            "je coach, de reservaties van ruimtes en de dossiers die je ons vraagt voor te bereiden.</p>"
            "<p>Je verblijfsstatus en je nationaliteit worden alleen gelezen door je coach, als een dossier ze nodig "
            "heeft; elke keer dat iemand ze leest, wordt dat geregistreerd.</p>"
            "<p>Een dossier waarin drie jaar niets gebeurt, wordt gewist. In je ruimte toont \u201cMijn gegevens\u201d "
            "alles wat we bijhouden, en kun je het downloaden. Heb je een vraag? Schrijf ons.</p>"
        ),
    },
}
