"""The blocks the demo site's words are written with (cms.content and its translations share them)."""


def step(title, text, documents=(), partners=(), duration="", cost=""):
    return (
        "step",
        {
            "title": title,
            "text": text,
            "documents": list(documents),
            "partners": list(partners),
            "duration": duration,
            "cost": cost,
            "source_title": "",
            "source_url": "",
            "verified_on": None,
        },
    )


def p(text):
    return ("paragraph", f"<p>{text}</p>")


def h(text):
    return ("heading", text)


# Partners named in the guides' steps: cms.demo looks them up by name, so every language uses these very strings.
GUICHET = "Guichet d'entreprises (Liège)"
SPW_PERMITS = "SPW Économie — Permis de travail"
UCM_FUND = "Caisse d'assurances sociales (UCM Liège)"


def source(title: str, url: str = "") -> dict:
    return {"source_title": title, "source_url": url}


# Where a guide's steps get their facts (DOMAIN.md, "Professional card"), by guide slug and step position. The names
# of laws and pages are not translated, so cms.content gives them to the six versions alike; cms.demo dates them the
# day it seeds. A step left out has no source and shows "to be confirmed": the document list, for one, mixes items
# required in Brussels and Flanders with items still uncertain in Wallonia.
STEP_SOURCES: dict[str, dict[int, dict]] = {
    "carte-professionnelle": {
        0: source("Arrêté royal du 3 février 2003"),
        2: source("Arrêté du Gouvernement wallon du 15 septembre 2016"),
        3: source(
            "SPW Économie, Emploi, Recherche — Direction de l'Emploi et des Permis de travail",
            "https://emploi.wallonie.be",
        ),
    },
}
