"""The glossary in English: the words of the Walloon procedures, in plain English, as of 2026."""

from .term import Term

TERMS = {
    "bce": Term(
        term="BCE",
        expansion="Crossroads Bank for Enterprises, Belgium's register of businesses",
        french="Banque-Carrefour des Entreprises",
        short="Belgium's official register of businesses",
        text="The official register of every business in Belgium. When your activity is registered there, you get "
        "an enterprise number. This number goes on your invoices and on many official papers.",
        abbreviations=("BCE",),
        phrases=("Crossroads Bank for Enterprises", "enterprise number", "enterprise numbers"),
    ),
    "tva": Term(
        term="VAT",
        expansion="value added tax",
        french="TVA",
        short="a tax on what you sell",
        text="A tax added to the price of what you sell. You charge it to your customers and pay it to the State. "
        "If your turnover is small, you can choose not to charge it: this is the small-business exemption.",
        abbreviations=("VAT",),
        phrases=("VAT number", "value added tax"),
    ),
    "caisse-assurances-sociales": Term(
        term="social insurance fund",
        french="caisse d'assurances sociales",
        short="the body that collects a self-employed person's social contributions",
        text="The body every self-employed person must join, at the latest on the day the activity starts. You pay "
        "it your social contributions every quarter. They give you rights to a pension, health care (with your "
        "mutualité) and the droit passerelle (the bridging right).",
        phrases=("social insurance fund", "social insurance funds"),
    ),
    "independant": Term(
        term="self-employed person",
        french="indépendant·e",
        short="someone who works for themselves, without a boss",
        text="Someone who works for themselves, without a boss: they find their customers and set their prices. "
        "They register with the BCE, join a social insurance fund and pay their own contributions. You can be "
        "self-employed as your main job or alongside a salaried job.",
        phrases=("self-employed person", "self-employed people", "self-employed", "self-employment"),
    ),
    "titre-de-sejour": Term(
        term="residence document",
        french="titre de séjour",
        short="the document that shows your right to stay in Belgium",
        text="The document that shows you have the right to stay in Belgium, and until when. Your commune (town "
        "hall) gives it to you. There are several kinds (A card, B card, attestation d'immatriculation…): the kind "
        "you have tells, for example, whether you need a professional card.",
        phrases=(
            "residence document",
            "residence documents",
            "residence permit",
            "residence permits",
            "residence card",
        ),
    ),
    "carte-professionnelle": Term(
        term="professional card",
        french="carte professionnelle",
        short="the permit a non-European often needs to be self-employed",
        text="The permit that a person who is not a European citizen often needs to work as a self-employed person "
        "in Belgium. In Wallonia, SPW Économie grants it; the application goes through a guichet d'entreprises. Some "
        "people do not need one, for example recognised refugees or people with unlimited residence.",
        phrases=("professional card", "professional cards"),
    ),
    "guichet-entreprises": Term(
        term="business counter",
        french="guichet d'entreprises",
        short="the office that registers your business with the BCE",
        text="An office approved by the State that handles your first formalities: it registers your business with "
        "the BCE, checks access to the profession and can activate your VAT number. It also receives applications "
        "for the professional card. You pay for its services.",
        phrases=("business counter", "business counters"),
    ),
    "nace": Term(
        term="NACE",
        expansion="the European list of economic activities",
        short="the code that describes your activity",
        text="A list of codes that describes each economic activity (for example hairdressing or selling clothes). "
        "When you register with the BCE, you choose the NACE codes of your activities. Choose them carefully: some "
        "codes require proof of access to the profession.",
        abbreviations=("NACE",),
        phrases=("NACE code", "NACE codes"),
    ),
    "spw-economie": Term(
        term="SPW Économie",
        french="SPW Économie",
        short="the Walloon public service that decides on professional cards",
        text="A department of the Walloon Region's administration (Service public de Wallonie Économie, Emploi, "
        "Recherche). For self-employed people, it grants or refuses the professional card. Your application "
        "usually reaches it through a guichet d'entreprises.",
        phrases=("Public Service of Wallonia",),
    ),
    "acces-profession": Term(
        term="access to the profession",
        french="accès à la profession",
        short="proof of skills needed for some trades",
        text="For some regulated trades (food, construction, hairdressing…), you must prove your professional skills "
        "before you start: with a diploma or with your experience. The guichet d'entreprises checks this. Since "
        "October 2025, Wallonia no longer asks for proof of basic management knowledge (connaissances de gestion "
        "de base).",
        phrases=("access to the profession", "basic management knowledge"),
    ),
    "plan-financier": Term(
        term="financial plan",
        french="plan financier",
        short="your money calculations for the project",
        text="A document that shows, in figures, how much money you need to start your project, where it comes from, "
        "and what you expect to earn and spend in the first years. Banks, microcredit and the professional card "
        "ask for it. It is compulsory to set up an SRL.",
        phrases=("financial plan", "financial plans"),
    ),
    "asbl": Term(
        term="ASBL",
        expansion="non-profit association",
        french="association sans but lucratif",
        short="an association that does not share out its profits",
        text="An association set up by several people for a purpose other than getting rich. It may sell products "
        "or services, but the money it earns serves its purpose: it is never shared among the members. Like a "
        "business, it is registered with the BCE.",
        abbreviations=("ASBL",),
        phrases=("non-profit association", "non-profit associations"),
    ),
    "srl": Term(
        term="SRL",
        expansion="private limited company",
        french="société à responsabilité limitée",
        short="a company form that protects your private belongings",
        text="The most common company form for a small business. It is set up at a notary's, with a financial plan; "
        "one person can set it up alone. The company has its own money: as a rule, if it has debts, your personal "
        "belongings are protected.",
        abbreviations=("SRL",),
        phrases=("private limited company",),
    ),
    "sc": Term(
        term="SC",
        expansion="cooperative company",
        french="société coopérative",
        short="a company of several partners who share a goal",
        text="A company set up by at least three people who work together to meet their own needs or those of a "
        "group. Each member puts in money and takes part in decisions. It can be approved as a social enterprise.",
        abbreviations=("SC",),
        phrases=("cooperative company", "cooperative companies"),
    ),
    "cpas": Term(
        term="CPAS",
        expansion="public social welfare centre",
        french="centre public d'action sociale",
        short="your commune's social service",
        text="The public social service of your commune. It helps people who do not have enough to live on, for "
        "example with the integration income (revenu d'intégration). It can also support you towards a job or "
        "self-employment.",
        abbreviations=("CPAS",),
        phrases=("public social welfare centre",),
    ),
    "forem": Term(
        term="Forem",
        short="Wallonia's public employment and training service",
        text="Le Forem is Wallonia's public service for employment and training. Job seekers register there; it "
        "offers training and advice, also on starting your own activity. It does not recognise diplomas: the "
        "Fédération Wallonie-Bruxelles does.",
        phrases=("Forem",),
    ),
}
