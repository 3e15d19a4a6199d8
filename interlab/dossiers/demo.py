"""Demo data of the dossiers app, seeded after the people and projects exist (core.demo).

The demo entrepreneur gets a professional-card dossier in progress: eligibility answered, part of the
content and financial plan filled in, some items provided or verified, one annex. Safe to run twice.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from interlab.crm.models import Project

from . import services
from .models import Dossier

DEMO_FINANCE = {
    "uses": [
        {"label": "Matériel de cuisine professionnel", "amount": "6500"},
        {"label": "Stock de départ", "amount": "1200"},
        {"label": "Site web et communication", "amount": "800"},
    ],
    "sources": [
        {"kind": "own_funds", "label": "Épargne personnelle", "amount": "1500"},
        {"kind": "microcredit", "label": "microStart", "amount": "6000"},
    ],
    "forecast": [
        {"revenue": "38000", "costs": "21000", "founder_income": "14400"},
        {"revenue": "49000", "costs": "25500", "founder_income": "18000"},
        {"revenue": "58000", "costs": "29000", "founder_income": "21600"},
    ],
}


def _cv_pdf(name: str) -> bytes:
    import weasyprint

    html = (
        f"<html lang='fr'><body style='font-family: sans-serif'><h1>Curriculum vitae — {name}</h1>"
        "<h2>Expérience</h2><p>2019–2025 : cuisinière, restaurant « Le Baobab », Liège.</p>"
        "<p>2014–2018 : gérante d'un maquis, Conakry.</p><h2>Formation</h2>"
        "<p>Formation en hygiène alimentaire (AFSCA), 2021.</p></body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


@transaction.atomic
def seed(demo: dict) -> dict:
    users = demo["users"]
    owner = users.get("entrepreneur")
    coach = users.get("coach")
    project = Project.objects.filter(entrepreneur__user=owner).order_by("created_at", "id").first() if owner else None
    if project is None or coach is None:
        return {"dossiers": 0}
    if Dossier.objects.filter(project=project).exists():
        return {"dossiers": 0}
    dossier = services.dossier_create(project=project, by=owner, exemption=None, assess=True)
    services.dossier_update(
        dossier=dossier,
        by=owner,
        project_summary=(
            "Un service traiteur de cuisine guinéenne et ouest-africaine pour les entreprises, associations et fêtes "
            "familiales de Liège, préparé en cuisine partagée puis dans un local propre."
        ),
        market=(
            "Entreprises du centre de Liège (lunchs), associations interculturelles, fêtes familiales. "
            "Aucun traiteur africain dans le quartier Saint-Léonard."
        ),
        interest={
            "jobs": "Un emploi de commis de cuisine en année 2, un second en année 3.",
            "local_need": "Une offre de cuisine africaine de qualité, absente du quartier.",
        },
        jobs_planned=2,
        finance=DEMO_FINANCE,
    )
    today = timezone.localdate()
    services.item_set(dossier=dossier, by=coach, key="identity", state="verified")
    services.item_set(dossier=dossier, by=coach, key="residence", state="verified")
    services.item_set(
        dossier=dossier, by=coach, key="criminal_record", state="verified", document_date=today - timedelta(days=40)
    )
    name = project.entrepreneur.full_name
    services.annex_add(
        dossier=dossier,
        by=owner,
        uploaded=SimpleUploadedFile("cv.pdf", _cv_pdf(name), content_type="application/pdf"),
        title="CV",
        rule_key="cv",
    )
    return {"dossiers": 1}
