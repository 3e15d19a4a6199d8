"""The eligibility wizard: needed, exempt (each Walloon exemption), unsure → ask the coach (flagged once)."""

import pytest
from django.urls import reverse

from interlab.core.errors import Conflict, Forbidden
from interlab.crm.models import Task
from interlab.dossiers import services
from interlab.dossiers.models import Dossier, Eligibility, Exemption
from tests.dossiers.factories import make_dossier

EXEMPT = ["unlimited", "eea", "belgian_spouse", "refugee", "helping_spouse", "business_trip"]
UNSURE = ["subsidiary", "temporary"]


def test_no_exemption_means_a_card_is_needed(project, entrepreneur_user):
    dossier = make_dossier(project=project, by=entrepreneur_user, answer="none")
    assert dossier.eligibility == Eligibility.NEEDED
    assert dossier.exemption is None


@pytest.mark.parametrize("key", EXEMPT)
def test_each_walloon_exemption_means_no_card_is_needed(project, entrepreneur_user, key):
    dossier = make_dossier(project=project, by=entrepreneur_user, answer=key)
    assert dossier.eligibility == Eligibility.EXEMPT
    assert dossier.exemption.key == key
    assert not Task.objects.filter(project=project).exists()


@pytest.mark.parametrize("key", UNSURE)
def test_an_uncertain_situation_says_ask_your_coach_and_flags_the_coach(project, entrepreneur_user, coach, key):
    dossier = make_dossier(project=project, by=entrepreneur_user, answer=key)
    assert dossier.eligibility == Eligibility.UNSURE
    assert dossier.eligibility_flagged
    task = Task.objects.get(project=project)
    assert task.assignee == coach
    assert "Amina Diallo" in task.title


def test_the_coach_is_flagged_only_once(project, entrepreneur_user):
    dossier = make_dossier(project=project, by=entrepreneur_user, answer="subsidiary")
    services.eligibility_set(dossier=dossier, by=entrepreneur_user, exemption=Exemption.objects.get(key="temporary"))
    assert Task.objects.filter(project=project).count() == 1


def test_the_exemption_list_is_editable_data(project, entrepreneur_user):
    Exemption.objects.filter(key="subsidiary").update(outcome="exempt")
    dossier = make_dossier(project=project, by=entrepreneur_user, answer="subsidiary")
    assert dossier.eligibility == Eligibility.EXEMPT


def test_a_project_has_one_open_dossier_at_a_time(project, entrepreneur_user):
    make_dossier(project=project, by=entrepreneur_user)
    with pytest.raises(Conflict):
        make_dossier(project=project, by=entrepreneur_user)


def test_someone_else_cannot_open_a_dossier_on_a_project(project, other_entrepreneur_user):
    with pytest.raises(Forbidden):
        make_dossier(project=project, by=other_entrepreneur_user)


def test_the_wizard_page_opens_the_dossier_with_the_answer(client, project, entrepreneur_user):
    client.force_login(entrepreneur_user)
    page = client.get(reverse("dossiers:new"))
    assert page.status_code == 200
    assert b'value="subsidiary"' in page.content and b'value="none"' in page.content
    response = client.post(reverse("dossiers:new"), {"project": project.pk, "answer": "refugee"})
    dossier = Dossier.objects.get(project=project)
    assert response.status_code == 302 and response["Location"] == dossier.get_absolute_url()
    assert dossier.eligibility == Eligibility.EXEMPT


def test_the_wizard_refuses_an_unknown_answer_without_crashing(client, project, entrepreneur_user):
    client.force_login(entrepreneur_user)
    response = client.post(reverse("dossiers:new"), {"project": project.pk, "answer": "<script>"})
    assert response.status_code == 422
    assert not Dossier.objects.exists()


def test_the_wizard_sends_back_to_the_open_dossier(client, project, entrepreneur_user):
    dossier = make_dossier(project=project, by=entrepreneur_user)
    client.force_login(entrepreneur_user)
    response = client.post(reverse("dossiers:new"), {"project": project.pk, "answer": "none"})
    assert response["Location"] == dossier.get_absolute_url()


def test_a_funder_cannot_reach_the_wizard(client, funder):
    client.force_login(funder)
    assert client.get(reverse("dossiers:new")).status_code == 403
