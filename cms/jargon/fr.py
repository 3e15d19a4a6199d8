"""The glossary in French: the words of the Walloon procedures, in plain French (vous), as of 2026."""

import re
from dataclasses import replace

from .term import Term

TERMS = {
    "bce": Term(
        term="BCE",
        expansion="Banque-Carrefour des Entreprises",
        short="le registre officiel des entreprises en Belgique",
        text="Le registre officiel de toutes les entreprises en Belgique. Quand votre activité y est inscrite, vous "
        "recevez un numéro d'entreprise. Ce numéro est sur vos factures et sur beaucoup de papiers officiels.",
        abbreviations=("BCE",),
        phrases=("Banque-Carrefour des Entreprises", "numéro d'entreprise", "numéros d'entreprise"),
    ),
    "tva": Term(
        term="TVA",
        expansion="taxe sur la valeur ajoutée",
        short="une taxe sur ce que vous vendez",
        text="Une taxe ajoutée au prix de ce que vous vendez. Vous la demandez à vos clients et vous la versez à "
        "l'État. Si votre chiffre d'affaires est petit, vous pouvez choisir de ne pas la demander : c'est le régime "
        "de franchise.",
        abbreviations=("TVA",),
        phrases=("numéro de TVA", "taxe sur la valeur ajoutée"),
    ),
    "caisse-assurances-sociales": Term(
        term="caisse d'assurances sociales",
        short="l'organisme qui reçoit vos cotisations sociales d'indépendant·e",
        text="L'organisme où chaque indépendant·e doit s'affilier, au plus tard le jour où l'activité commence. "
        "Vous lui payez vos cotisations sociales chaque trimestre. Elles vous donnent droit à la pension, aux soins "
        "de santé (avec votre mutualité) et au droit passerelle.",
        phrases=("caisse d'assurances sociales", "caisses d'assurances sociales"),
    ),
    "independant": Term(
        term="indépendant·e",
        short="une personne qui travaille pour elle-même, sans patron",
        text="Une personne qui travaille pour elle-même, sans patron : elle trouve ses clients et fixe ses prix. "
        "Elle s'inscrit à la BCE, s'affilie à une caisse d'assurances sociales et paie elle-même ses cotisations. "
        "On peut être indépendant·e comme métier principal ou à côté d'un emploi (à titre complémentaire).",
        phrases=(
            "statut d'indépendant",
            "travailleur indépendant",
            "travailleuse indépendante",
            "travailleurs indépendants",
            "indépendant·e",
            "indépendant·es",
            "indépendant*",
        ),
    ),
    "titre-de-sejour": Term(
        term="titre de séjour",
        short="le document qui montre votre droit de rester en Belgique",
        text="Le document qui montre que vous avez le droit de rester en Belgique, et jusqu'à quand. C'est votre "
        "commune qui le donne. Il en existe plusieurs sortes (carte A, carte B, attestation d'immatriculation…) : "
        "la sorte de document dit, par exemple, si vous avez besoin d'une carte professionnelle.",
        phrases=("titre de séjour", "titres de séjour", "carte de séjour"),
    ),
    "carte-professionnelle": Term(
        term="carte professionnelle",
        short="l'autorisation de travailler comme indépendant·e pour une personne non européenne",
        text="L'autorisation dont une personne qui n'est pas citoyenne européenne a souvent besoin pour travailler "
        "comme indépendant·e en Belgique. En Wallonie, c'est le SPW Économie qui la donne ; la demande passe par un "
        "guichet d'entreprises. Certaines personnes n'en ont pas besoin, par exemple les réfugiés reconnus ou les "
        "personnes qui ont un séjour illimité.",
        phrases=("carte professionnelle", "cartes professionnelles"),
    ),
    "guichet-entreprises": Term(
        term="guichet d'entreprises",
        short="le bureau qui inscrit votre entreprise à la BCE",
        text="Un bureau agréé par l'État qui fait vos premières démarches : il inscrit votre entreprise à la BCE, "
        "vérifie l'accès à la profession et peut activer votre numéro de TVA. Il reçoit aussi les demandes de "
        "carte professionnelle. Ses services sont payants.",
        phrases=("guichet d'entreprises", "guichets d'entreprises", "guichet d'entreprise"),
    ),
    "nace": Term(
        term="NACE",
        expansion="nomenclature européenne des activités économiques",
        short="le code qui décrit votre activité",
        text="Une liste de codes qui décrit chaque activité économique (par exemple la coiffure ou la vente de "
        "vêtements). Quand vous vous inscrivez à la BCE, vous choisissez les codes NACE de vos activités. "
        "Choisissez-les bien : certains codes demandent de prouver l'accès à la profession.",
        abbreviations=("NACE",),
        phrases=("code NACE", "codes NACE", "NACE-BEL"),
    ),
    "spw-economie": Term(
        term="SPW Économie",
        short="le service public wallon qui décide des cartes professionnelles",
        text="Une administration de la Région wallonne (Service public de Wallonie Économie, Emploi, Recherche). "
        "Pour les indépendant·es, c'est elle qui accorde ou refuse la carte professionnelle. En général, votre "
        "demande lui arrive par un guichet d'entreprises.",
        abbreviations=("SPW",),
        phrases=("SPW Économie", "Service public de Wallonie"),
    ),
    "acces-profession": Term(
        term="accès à la profession",
        short="les preuves de compétence demandées pour certains métiers",
        text="Pour certains métiers réglementés (alimentation, construction, coiffure…), vous devez prouver vos "
        "compétences professionnelles avant de commencer : avec un diplôme ou avec votre expérience. Le guichet "
        "d'entreprises le vérifie. En Wallonie, les connaissances de gestion de base ne sont plus demandées depuis "
        "octobre 2025.",
        phrases=("accès à la profession", "accès aux professions", "connaissances de gestion de base"),
    ),
    "plan-financier": Term(
        term="plan financier",
        short="vos calculs d'argent pour le projet",
        text="Un document qui montre, en chiffres, combien d'argent il faut pour lancer votre projet, d'où il vient, "
        "et ce que vous pensez gagner et dépenser les premières années. La banque, le microcrédit et la carte "
        "professionnelle le demandent. Pour créer une SRL, il est obligatoire.",
        phrases=("plan financier", "plans financiers"),
    ),
    "asbl": Term(
        term="ASBL",
        expansion="association sans but lucratif",
        short="une association qui ne partage pas ses bénéfices",
        text="Une association créée par plusieurs personnes pour un but qui n'est pas de s'enrichir. Elle peut "
        "vendre des produits ou des services, mais l'argent gagné sert son but : il n'est jamais partagé entre les "
        "membres. Comme une entreprise, elle est inscrite à la BCE.",
        abbreviations=("ASBL",),
        phrases=("association sans but lucratif", "associations sans but lucratif"),
    ),
    "srl": Term(
        term="SRL",
        expansion="société à responsabilité limitée",
        short="une forme de société qui protège vos biens privés",
        text="La forme de société la plus courante pour une petite entreprise. Elle se crée chez un notaire, avec "
        "un plan financier ; une seule personne peut la créer. La société a son propre argent : en règle générale, "
        "si elle a des dettes, vos biens personnels sont protégés.",
        abbreviations=("SRL",),
        phrases=("société à responsabilité limitée", "sociétés à responsabilité limitée"),
    ),
    "sc": Term(
        term="SC",
        expansion="société coopérative",
        short="une société de plusieurs associé·es qui ont un but commun",
        text="Une société créée par au moins trois personnes, qui travaillent ensemble pour répondre à leurs "
        "besoins ou à ceux d'un groupe. Chaque associé·e apporte de l'argent et participe aux décisions. Elle peut "
        "être agréée comme entreprise sociale.",
        abbreviations=("SC",),
        phrases=("société coopérative", "sociétés coopératives"),
    ),
    "cpas": Term(
        term="CPAS",
        expansion="centre public d'action sociale",
        short="le service social de votre commune",
        text="Le service social public de votre commune. Il aide les personnes qui n'ont pas assez pour vivre, par "
        "exemple avec le revenu d'intégration. Il peut aussi vous accompagner vers un emploi ou vers une activité "
        "d'indépendant·e.",
        abbreviations=("CPAS",),
        phrases=("centre public d'action sociale",),
    ),
    "forem": Term(
        term="Forem",
        short="le service public wallon de l'emploi et de la formation",
        text="Le Forem est le service public de l'emploi et de la formation en Wallonie. Les personnes qui cherchent "
        "un emploi s'y inscrivent ; il propose des formations et des conseils, aussi pour créer sa propre activité. "
        "Il ne reconnaît pas les diplômes : c'est la Fédération Wallonie-Bruxelles qui le fait.",
        phrases=("Le Forem", "Forem"),
    ),
}


def _typography(value: str) -> str:
    """French typography, as the rest of the site's French: a no-break space before : ; ? !"""
    return re.sub(r" ([:;?!])", "\u00a0\\1", value)


TERMS = {
    slug: replace(term, text=_typography(term.text), short=_typography(term.short)) for slug, term in TERMS.items()
}
