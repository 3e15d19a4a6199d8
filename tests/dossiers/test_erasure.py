"""When the CRM erases a person, the daily run empties their dossiers and deletes every PDF built."""

from interlab.crm import services as crm_services
from interlab.dossiers import services, tasks
from interlab.dossiers.models import Dossier, DossierBuild


def test_an_erased_persons_dossier_and_pdfs_are_emptied(
    full_dossier, coach, admin_user, django_capture_on_commit_callbacks
):
    services.pdf_request(dossier=full_dossier, by=coach)
    build = DossierBuild.objects.get()
    storage, name = build.file.storage, build.file.name
    assert storage.exists(name)
    crm_services.entrepreneur_erase(entrepreneur=full_dossier.project.entrepreneur, by=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.send_reminders()
    assert result["purged"] == 1
    dossier = Dossier.objects.get(pk=full_dossier.pk)
    assert dossier.project_summary == dossier.market == dossier.business_plan == ""
    assert dossier.finance == {"uses": [], "sources": [], "forecast": []} and dossier.interest == {}
    assert not DossierBuild.objects.exists() and not storage.exists(name)
