"""Dossiers built through the real services, and files to upload (PDFs made with pypdf, images with Pillow)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from interlab.dossiers import services
from interlab.dossiers.checklist import rules_for
from interlab.dossiers.models import Evidence, Exemption
from tests.factories import pdf_bytes, png_bytes  # noqa: F401 - the dossiers tests import them from here

BALANCED_FINANCE = {
    "uses": [{"label": "Matériel de cuisine", "amount": "6000"}, {"label": "Stock de départ", "amount": "1500.50"}],
    "sources": [
        {"kind": "own_funds", "label": "Épargne", "amount": "2000"},
        {"kind": "microcredit", "label": "microStart", "amount": "5000.50"},
        {"kind": "grant", "label": "Prime", "amount": "500"},
    ],
    "forecast": [
        {"revenue": "40000", "costs": "22000", "founder_income": "15000"},
        {"revenue": "52000", "costs": "26000", "founder_income": "18000"},
        {"revenue": "60000", "costs": "29000", "founder_income": "21000"},
    ],
}


def text_pdf_bytes(text: str, pages: int = 1) -> bytes:
    """A PDF whose pages carry `text` (made by WeasyPrint), so its text can be found once appended."""
    import weasyprint

    body = "".join(f'<p style="page-break-after: always">{text} — {n}</p>' for n in range(1, pages + 1))
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def upload(data: bytes, name: str = "piece.pdf", content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_dossier(*, project, by, answer: str | None = "none"):
    """A dossier opened through the wizard's service; answer "none" means a card is needed."""
    exemption = None if answer in (None, "none") else Exemption.objects.get(key=answer)
    return services.dossier_create(project=project, by=by, exemption=exemption, assess=answer is not None)


def filled_dossier(*, project, coach, annexes: int = 0):
    """A dossier with every needed item provided and a balanced plan: ready to be marked ready."""
    dossier = make_dossier(project=project, by=coach)
    services.dossier_update(
        dossier=dossier,
        by=coach,
        project_summary="Un service traiteur de cuisine guinéenne pour les entreprises liégeoises.",
        market="Entreprises du centre de Liège, associations, fêtes familiales.",
        business_plan="Démarrage en cuisine partagée, puis local propre en année 2.",
        interest={"jobs": "Deux emplois en année 3.", "local_need": "Aucun traiteur africain dans le quartier."},
        jobs_planned=2,
        finance=BALANCED_FINANCE,
    )
    for rule in rules_for(dossier):
        date = (
            timezone.localdate() - timedelta(days=10)
            if rule.max_age_days or rule.evidence == Evidence.FACT_ONLY
            else None
        )
        services.item_set(dossier=dossier, by=coach, key=rule.key, state="provided", document_date=date)
    for n in range(annexes):
        services.annex_add(
            dossier=dossier, by=coach, uploaded=upload(text_pdf_bytes(f"Annexe test {n}")), title=f"Pièce {n}"
        )
    dossier.refresh_from_db()
    return dossier
