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
