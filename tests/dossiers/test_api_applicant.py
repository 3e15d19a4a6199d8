"""The applicant's identity block through the API: read (the nationality logged, on the dossier's own address only),
changed in part, refused with a clear error, nothing half-written."""

import json

import pytest

from interlab.core.models import SensitiveRead

BASE = "/api/v1/dossiers"

pytestmark = pytest.mark.django_db


def patch(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def test_the_owner_fills_the_identity_block_in_parts_and_reads_it_back(client, dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    url = f"{BASE}/{dossier.pk}"
    response = patch(client, url, {"applicant": {"nationality": "ua", "birth_date": "1990-04-02"}})
    assert response.status_code == 200, response.content
    response = patch(client, url, {"applicant": {"address": "Rue Saint-Gilles 12, 4000 Liège"}})
    applicant = response.json()["applicant"]
    assert applicant == {
        "nationality": "UA",
        "nationality_name": "Ukraine",
        "birth_date": "1990-04-02",
        "address": "Rue Saint-Gilles 12, 4000 Liège",
    }
    reads = [r for r in SensitiveRead.objects.filter(user=entrepreneur_user) if "applicant_nationality" in r.fields]
    assert len(reads) == 2  # each answer that showed it


def test_the_list_never_carries_the_identity_block(api, dossier):
    item = api.get(BASE).json()["items"][0]
    assert "applicant" not in item


def test_a_wrong_country_is_refused_and_nothing_of_the_change_is_written(client, dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    url = f"{BASE}/{dossier.pk}"
    response = patch(client, url, {"market": "Quartier Outremeuse", "applicant": {"nationality": "XX"}})
    assert response.status_code == 422
    assert "nationality" in json.dumps(response.json())
    dossier.refresh_from_db()
    assert dossier.applicant_nationality == "" and dossier.market == ""


def test_an_impossible_birth_date_is_refused(client, dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    response = patch(client, f"{BASE}/{dossier.pk}", {"applicant": {"birth_date": "2024-01-01"}})
    assert response.status_code == 422
    dossier.refresh_from_db()
    assert dossier.applicant_birth_date is None
