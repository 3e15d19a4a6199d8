"""The glossary in Dutch as written in Belgium (je): the words of the Walloon procedures, as of 2026.

A Dutch-speaking reader in Wallonia meets the French names on forms (BCE, TVA): the headwords keep them and give
the Dutch name (KBO, btw) beside them.
"""

from .term import Term

TERMS = {
    "bce": Term(
        term="BCE",
        expansion="Kruispuntbank van Ondernemingen (KBO)",
        french="Banque-Carrefour des Entreprises",
        short="het officiële register van de ondernemingen in België",
        text="Het officiële register van alle ondernemingen in België; in het Nederlands heet het de KBO. Als je "
        "activiteit erin ingeschreven is, krijg je een ondernemingsnummer. Dat nummer staat op je facturen en op "
        "veel officiële papieren.",
        abbreviations=("BCE", "KBO"),
        phrases=("Kruispuntbank van Ondernemingen", "ondernemingsnummer", "ondernemingsnummers"),
    ),
    "tva": Term(
        term="btw",
        expansion="belasting over de toegevoegde waarde",
        french="TVA",
        short="een belasting op wat je verkoopt",
        text="Een belasting bovenop de prijs van wat je verkoopt. Je rekent ze aan je klanten aan en je betaalt ze "
        "aan de overheid. Is je omzet klein? Dan kun je kiezen om geen btw aan te rekenen: dat is de "
        "vrijstellingsregeling.",
        abbreviations=("btw", "BTW"),
        phrases=("btw-nummer",),
    ),
    "caisse-assurances-sociales": Term(
        term="sociaal verzekeringsfonds",
        french="caisse d'assurances sociales",
        short="de organisatie die je sociale bijdragen als zelfstandige ontvangt",
        text="De organisatie waarbij elke zelfstandige zich moet aansluiten, ten laatste op de dag dat de activiteit "
        "begint. Je betaalt er elk kwartaal je sociale bijdragen. Die geven je recht op pensioen, gezondheidszorg "
        "(samen met je ziekenfonds) en het overbruggingsrecht (droit passerelle).",
        phrases=("sociaal verzekeringsfonds", "sociale verzekeringsfondsen"),
    ),
    "independant": Term(
        term="zelfstandige",
        french="indépendant·e",
        short="iemand die voor zichzelf werkt, zonder baas",
        text="Iemand die voor zichzelf werkt, zonder baas: je zoekt zelf je klanten en bepaalt zelf je prijzen. Je "
        "schrijft je in bij de KBO (BCE), sluit je aan bij een sociaal verzekeringsfonds en betaalt zelf je "
        "bijdragen. Je kunt zelfstandige zijn in hoofdberoep of naast een job (in bijberoep).",
        phrases=("zelfstandig ondernemer", "zelfstandige", "zelfstandigen"),
    ),
    "titre-de-sejour": Term(
        term="verblijfsdocument",
        french="titre de séjour",
        short="het document dat toont dat je in België mag verblijven",
        text="Het document dat toont dat je het recht hebt om in België te verblijven, en tot wanneer. Je gemeente "
        "geeft het je. Er zijn verschillende soorten (A-kaart, B-kaart, attestation d'immatriculation…): de soort "
        "toont bijvoorbeeld of je een beroepskaart nodig hebt.",
        phrases=(
            "verblijfsdocument",
            "verblijfsdocumenten",
            "verblijfsvergunning",
            "verblijfsvergunningen",
            "verblijfskaart",
            "verblijfstitel",
        ),
    ),
    "carte-professionnelle": Term(
        term="beroepskaart",
        french="carte professionnelle",
        short="de toelating voor wie geen Europeaan is om als zelfstandige te werken",
        text="De toelating die iemand zonder Europese nationaliteit vaak nodig heeft om als zelfstandige in België "
        "te werken. In Wallonië beslist SPW Économie erover; de aanvraag gaat via een ondernemingsloket (guichet "
        "d'entreprises). Sommige mensen hebben ze niet nodig, bijvoorbeeld erkende vluchtelingen of mensen met een "
        "onbeperkt verblijf.",
        phrases=("beroepskaart", "beroepskaarten"),
    ),
    "guichet-entreprises": Term(
        term="ondernemingsloket",
        french="guichet d'entreprises",
        short="het kantoor dat je onderneming inschrijft in de KBO",
        text="Een kantoor dat erkend is door de overheid en je eerste formaliteiten regelt: het schrijft je "
        "onderneming in bij de KBO (BCE), controleert de toegang tot het beroep en kan je btw-nummer activeren. Het "
        "ontvangt ook de aanvragen voor een beroepskaart. Je betaalt voor die diensten.",
        phrases=("ondernemingsloket", "ondernemingsloketten"),
    ),
    "nace": Term(
        term="NACE",
        expansion="de Europese lijst van economische activiteiten",
        short="de code die je activiteit beschrijft",
        text="Een lijst met codes die elke economische activiteit beschrijven (bijvoorbeeld kapper of verkoop van "
        "kleding). Als je je inschrijft bij de KBO, kies je de NACE-codes van je activiteiten. Kies ze goed: voor "
        "sommige codes moet je je toegang tot het beroep bewijzen.",
        abbreviations=("NACE",),
        phrases=("NACE-code", "NACE-codes"),
    ),
    "spw-economie": Term(
        term="SPW Économie",
        french="SPW Économie",
        short="de Waalse overheidsdienst die over beroepskaarten beslist",
        text="Een dienst van de Waalse overheid (Service public de Wallonie Économie, Emploi, Recherche). Voor "
        "zelfstandigen beslist hij of je een beroepskaart krijgt. Je aanvraag komt er meestal via een "
        "ondernemingsloket terecht.",
        phrases=("Waalse Overheidsdienst",),
    ),
    "acces-profession": Term(
        term="toegang tot het beroep",
        french="accès à la profession",
        short="het bewijs van vakkennis voor sommige beroepen",
        text="Voor sommige gereglementeerde beroepen (voeding, bouw, kapper…) moet je je beroepsbekwaamheid bewijzen "
        "voor je begint: met een diploma of met je ervaring. Het ondernemingsloket controleert dat. In Wallonië "
        "hoef je sinds oktober 2025 je basiskennis bedrijfsbeheer niet meer te bewijzen.",
        phrases=("toegang tot het beroep", "beroepsbekwaamheid", "basiskennis bedrijfsbeheer"),
    ),
    "plan-financier": Term(
        term="financieel plan",
        french="plan financier",
        short="je berekeningen over geld voor je project",
        text="Een document dat in cijfers toont hoeveel geld je nodig hebt om je project te starten, waar dat geld "
        "vandaan komt, en wat je de eerste jaren denkt te verdienen en uit te geven. De bank, een microkrediet en de "
        "beroepskaart vragen erom. Voor een bv (SRL) is het verplicht.",
        phrases=("financieel plan", "financiële plan", "financiële plannen"),
    ),
    "asbl": Term(
        term="ASBL",
        expansion="vereniging zonder winstoogmerk (vzw)",
        french="association sans but lucratif",
        short="een vereniging die haar winst niet verdeelt",
        text="Een vereniging die enkele mensen oprichten met een ander doel dan rijk worden. Ze mag producten of "
        "diensten verkopen, maar het geld dient haar doel: het wordt nooit onder de leden verdeeld. Net als een "
        "onderneming is ze ingeschreven in de KBO.",
        abbreviations=("ASBL", "vzw", "VZW"),
        phrases=("vereniging zonder winstoogmerk",),
    ),
    "srl": Term(
        term="SRL",
        expansion="besloten vennootschap (bv)",
        french="société à responsabilité limitée",
        short="een vennootschapsvorm die je privébezit beschermt",
        text="De meest gebruikte vennootschapsvorm voor een kleine onderneming. Ze wordt opgericht bij een notaris, "
        "met een financieel plan; één persoon kan ze alleen oprichten. De vennootschap heeft haar eigen geld: als "
        "ze schulden heeft, is je privébezit in de regel beschermd.",
        abbreviations=("SRL", "BV"),
        phrases=("besloten vennootschap",),
    ),
    "sc": Term(
        term="SC",
        expansion="coöperatieve vennootschap (cv)",
        french="société coopérative",
        short="een vennootschap van enkele vennoten met een gemeenschappelijk doel",
        text="Een vennootschap die minstens drie mensen oprichten om samen in hun eigen behoeften te voorzien of in "
        "die van een groep. Elke vennoot brengt geld in en beslist mee. Ze kan erkend worden als sociale "
        "onderneming.",
        abbreviations=("SC",),
        phrases=("coöperatieve vennootschap",),
    ),
    "cpas": Term(
        term="CPAS",
        expansion="openbaar centrum voor maatschappelijk welzijn (OCMW)",
        french="centre public d'action sociale",
        short="de sociale dienst van je gemeente",
        text="De openbare sociale dienst van je gemeente, het OCMW. Hij helpt mensen die niet genoeg hebben om van "
        "te leven, bijvoorbeeld met het leefloon (revenu d'intégration). Hij kan je ook begeleiden naar een job of "
        "naar een activiteit als zelfstandige.",
        abbreviations=("CPAS", "OCMW"),
        phrases=("openbaar centrum voor maatschappelijk welzijn",),
    ),
    "forem": Term(
        term="Forem",
        short="de Waalse openbare dienst voor werk en opleiding",
        text="Le Forem is de Waalse openbare dienst voor werk en opleiding, zoals de VDAB in Vlaanderen. "
        "Werkzoekenden schrijven zich er in; hij biedt opleidingen en advies, ook om je eigen activiteit te starten. "
        "Hij erkent geen diploma's: dat doet de Fédération Wallonie-Bruxelles.",
        phrases=("Forem",),
    ),
}
