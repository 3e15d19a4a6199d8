"""When the CRM erases a person, their dossiers are emptied and every PDF built is deleted; the daily run
catches any dossier an older erasure left behind."""

import pytest

from interlab.crm import services as crm_services
from interlab.dossiers import services, tasks
from interlab.dossiers.models import Dossier, DossierBuild
from tests.dossiers.factories import make_dossier


@pytest.fixture
def dossier_of_stranger(stranger_project, coach):
    dossier = make_dossier(project=stranger_project, by=coach)
    services.dossier_update(dossier=dossier, by=coach, market="Marché du vélo")
    return dossier


def test_an_erased_persons_dossier_and_pdfs_are_emptied(
    full_dossier, coach, admin_user, django_capture_on_commit_callbacks
):
    services.pdf_request(dossier=full_dossier, by=coach)
    build = DossierBuild.objects.get()
    storage, name = build.file.storage, build.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.entrepreneur_erase(entrepreneur=full_dossier.project.entrepreneur, by=admin_user)
    dossier = Dossier.objects.get(pk=full_dossier.pk)
    assert dossier.project_summary == dossier.market == dossier.business_plan == ""
    assert dossier.finance == {"uses": [], "sources": [], "forecast": []} and dossier.interest == {}
    assert not DossierBuild.objects.exists() and not storage.exists(name)
    assert services.dossiers_purge_erased() == 0, "an emptied dossier is not emptied again"
    assert tasks.send_reminders()["purged"] == 0


def test_the_daily_run_empties_a_dossier_an_older_erasure_left(full_dossier, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from interlab.crm.models import Entrepreneur

    Entrepreneur.objects.filter(pk=full_dossier.project.entrepreneur_id).update(erased_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders()["purged"] == 1
    full_dossier.refresh_from_db()
    assert full_dossier.market == ""


def test_person_erase_empties_only_that_persons_dossiers(
    full_dossier, dossier_of_stranger, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.person_erase(entrepreneur=full_dossier.project.entrepreneur) == 1
    full_dossier.refresh_from_db()
    dossier_of_stranger.refresh_from_db()
    assert full_dossier.market == "" and dossier_of_stranger.market == "Marché du vélo"


def test_the_daily_run_does_nothing_when_nobody_was_erased(full_dossier):
    assert services.dossiers_purge_erased() == 0


def test_erasure_and_the_residence_clear_drop_the_dossiers_copy_of_the_residence_end_date(
    full_dossier, admin_user, django_capture_on_commit_callbacks
):
    from datetime import date

    Dossier.objects.filter(pk=full_dossier.pk).update(residence_reminded_for=date(2027, 3, 1))
    person = full_dossier.project.entrepreneur
    crm_services.sensitive_profile_clear(entrepreneur=person)
    assert Dossier.objects.get(pk=full_dossier.pk).residence_reminded_for is None
    Dossier.objects.filter(pk=full_dossier.pk).update(residence_reminded_for=date(2027, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.entrepreneur_erase(entrepreneur=person, by=admin_user)
    assert Dossier.objects.get(pk=full_dossier.pk).residence_reminded_for is None


def test_an_erasure_commits_even_when_the_storage_cannot_delete_a_pdf(
    full_dossier, coach, admin_user, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    services.pdf_request(dossier=full_dossier, by=coach)
    storage = DossierBuild.objects.get().file.storage

    def refuse(name):
        raise OSError("bucket unreachable")

    monkeypatch.setattr(storage, "delete", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        erased = crm_services.entrepreneur_erase(entrepreneur=full_dossier.project.entrepreneur, by=admin_user)
    assert erased.erased_at is not None and not DossierBuild.objects.exists()
    assert any("could not delete" in record.getMessage() for record in caplog.records)
