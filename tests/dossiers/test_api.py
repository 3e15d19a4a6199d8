"""The dossier API: coach and owner only (404 for everyone else), computed checklist and status, PDF build and download."""

import json

import pytest

from interlab.core.models import SensitiveRead
from interlab.crm.models import SensitiveProfile
from interlab.dossiers.models import Dossier
from tests.dossiers.factories import BALANCED_FINANCE

BASE = "/api/v1/dossiers"


def patch(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_the_owner_opens_a_dossier_with_the_eligibility_answer(client, project, entrepreneur_user):
    client.force_login(entrepreneur_user)
    response = post(client, BASE, {"project": project.pk, "eligibility_answer": "none"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["project"] == project.pk and body["status"] == "draft" and body["eligibility"] == "needed"
    assert {"key", "label", "state", "required"} <= set(body["checklist"][0])
    assert body["ready"] is False and body["pdf"] is None


def test_a_coach_lists_and_reads_every_dossier(api, dossier):
    listing = api.get(BASE).json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == dossier.pk
    assert api.get(f"{BASE}/{dossier.pk}").json()["status"] == "draft"


def test_the_owner_lists_only_their_own(client, dossier, stranger_project, coach, other_entrepreneur_user):
    from tests.dossiers.factories import make_dossier

    make_dossier(project=stranger_project, by=coach)
    client.force_login(dossier.project.entrepreneur.user)
    assert [d["id"] for d in client.get(BASE).json()["items"]] == [dossier.pk]


@pytest.mark.parametrize("who", ["other_entrepreneur_user", "funder", "mentor", "partner_user"])
def test_anyone_else_gets_404_on_the_dossier_and_its_pdf(request, client, dossier, who):
    client.force_login(request.getfixturevalue(who))
    url = f"{BASE}/{dossier.pk}"
    assert client.get(url).status_code == 404
    assert patch(client, url, {"market": "x"}).status_code == 404
    assert post(client, f"{url}/pdf").status_code == 404
    assert client.get(f"{url}/pdf").status_code == 404


@pytest.mark.parametrize("who", ["funder", "mentor", "partner_user"])
def test_other_roles_cannot_list_or_create(request, client, project, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(BASE).status_code == 403
    assert post(client, BASE, {"project": project.pk}).status_code == 403


def test_someone_elses_project_is_404_on_create(client, project, other_entrepreneur_user):
    client.force_login(other_entrepreneur_user)
    assert post(client, BASE, {"project": project.pk}).status_code == 404
    assert not Dossier.objects.exists()


def test_anonymous_callers_get_401(client, dossier):
    assert client.get(BASE).status_code == 401
    assert client.get(f"{BASE}/{dossier.pk}").status_code == 401


def test_a_second_dossier_for_the_project_is_a_conflict(api, dossier, project):
    response = post(api, BASE, {"project": project.pk})
    assert response.status_code == 409 and response.json()["code"] == "dossier_exists"


def test_patch_fills_content_and_items_and_computes_totals(api, dossier):
    body = patch(
        api,
        f"{BASE}/{dossier.pk}",
        {
            "market": "Entreprises liégeoises",
            "interest": {"jobs": "2 emplois"},
            "finance": BALANCED_FINANCE,
            "items": [
                {"key": "identity", "state": "verified"},
                {"key": "criminal_record", "state": "verified", "document_date": "2026-11-01"},
            ],
        },
    ).json()
    assert body["market"] == "Entreprises liégeoises"
    assert body["finance_totals"]["uses_total"] == "7500.50" and body["finance_totals"]["balanced"] is True
    states = {item["key"]: item["state"] for item in body["checklist"]}
    assert states["identity"] == "verified" and states["criminal_record"] == "verified"


def test_patch_is_all_or_nothing(api, dossier):
    response = patch(api, f"{BASE}/{dossier.pk}", {"market": "kept?", "items": [{"key": "nope", "state": "provided"}]})
    assert response.status_code == 422
    dossier.refresh_from_db()
    assert dossier.market == ""


def test_status_moves_through_patch(api, full_dossier):
    url = f"{BASE}/{full_dossier.pk}"
    assert patch(api, url, {"status": "ready"}).json()["status"] == "ready"
    response = patch(api, url, {"status": "submitted", "guichet": "UCM Liège", "submitted_on": "2026-11-20"})
    assert response.json()["status"] == "submitted" and response.json()["guichet"] == "UCM Liège"
    response = patch(api, url, {"status": "granted"})
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"


def test_not_ready_is_a_conflict_with_the_reasons(api, dossier):
    response = patch(api, f"{BASE}/{dossier.pk}", {"status": "ready"})
    assert response.status_code == 409
    assert response.json()["problems"]


def test_the_owner_cannot_record_the_procedure_403(client, full_dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    url = f"{BASE}/{full_dossier.pk}"
    assert patch(client, url, {"status": "ready"}).status_code == 200
    assert patch(client, url, {"status": "submitted", "guichet": "UCM"}).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {"status": "flying"},
        {"items": [{"key": "identity", "state": "lost"}]},
        {"items": "identity"},
        {"finance": {"uses": [{"label": "x", "amount": "1e40"}]}},
        {"finance": {"uses": "lots"}},
        {"jobs_planned": -1},
        {"jobs_planned": 10**30},
        {"interest": {"weather": "sunny"}},
        {"interest": "lots"},
        {"eligibility_answer": "martian"},
        {"market": "x" * 20_001},
        {"market": "nul\x00byte"},
        {"card_number": "X"},
        {"submitted_on": "yesterday"},
        {"items": [{"key": "criminal_record", "state": "verified"}]},
        {"finance": {"uses": [{"label": "x", "amount": "1e999999999"}]}},
        {"finance": {"sources": [{"kind": "loan", "label": "x", "amount": "-1E+100000000000"}]}},
        {"finance": {"uses": [{"label": "x", "amount": "10.125"}]}},
        {"finance": {"forecast": [{"revenue": "NaN"}]}},
        {"finance": {"uses": [{"label": "x", "amount": 1e308}]}},
    ],
)
def test_bad_input_is_a_422_never_a_500(api, dossier, body):
    response = patch(api, f"{BASE}/{dossier.pk}", body)
    assert response.status_code in (409, 422), response.content
    assert "detail" in response.json()


def test_an_ambiguous_amount_is_a_422_that_says_how_to_write_it(api, dossier):
    url = f"{BASE}/{dossier.pk}"
    response = patch(api, url, {"finance": {"uses": [{"label": "Four", "amount": "1.250"}]}})
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"] == "finance.uses.0.amount"
    assert "1250" in error["message"] and "1,25" in error["message"]
    assert api.get(url).json()["finance_totals"]["uses_total"] == "0"


def test_the_api_reads_amounts_as_a_belgian_user_types_them(api, dossier):
    body = {
        "finance": {
            "uses": [{"label": "Four", "amount": "1.250,50"}, {"label": "Stock", "amount": "1 250,50 €"}],
            "sources": [{"kind": "loan", "label": "Banque", "amount": 2501}],
        }
    }
    response = patch(api, f"{BASE}/{dossier.pk}", body)
    assert response.status_code == 200, response.content
    assert response.json()["finance_totals"]["uses_total"] == "2501.00"
    assert response.json()["finance_totals"]["balanced"] is True


@pytest.mark.parametrize("raw", ["[1, 2]", "[]", "null", '"market"', "42"])
def test_a_patch_body_that_is_not_an_object_is_a_422_not_a_silent_200(api, dossier, raw):
    response = api.patch(f"{BASE}/{dossier.pk}", raw, content_type="application/json")
    assert response.status_code == 422, response.content


def test_a_nan_amount_leaves_the_saved_plan_untouched(api, dossier):
    url = f"{BASE}/{dossier.pk}"
    assert patch(api, url, {"finance": BALANCED_FINANCE}).status_code == 200
    bad = {**BALANCED_FINANCE, "uses": [{"label": "Four", "amount": "NaN"}]}
    assert patch(api, url, {"finance": bad}).status_code == 422
    assert api.get(url).json()["finance_totals"]["uses_total"] == "7500.50"


@pytest.mark.parametrize(
    "raw", ["{not json", "[]", '{"project": "abc"}', '{"project": 99999999999999999999999}', "null"]
)
def test_malformed_create_bodies_are_refused(api, raw):
    response = api.post(BASE, raw, content_type="application/json")
    assert response.status_code == 422


@pytest.mark.parametrize("pk", ["0", "-1", "abc", "99999999999999999999999"])
def test_odd_ids_are_404_or_422(api, pk):
    assert api.get(f"{BASE}/{pk}").status_code in (404, 422)


def test_the_pdf_is_404_until_built_then_downloads_as_pdf(api, full_dossier):
    url = f"{BASE}/{full_dossier.pk}/pdf"
    assert api.get(url).status_code == 404
    queued = api.post(url)
    assert queued.status_code == 202 and queued.json()["task"]
    response = api.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF") and response["Cache-Control"] == "private, no-store"
    assert api.get(f"{BASE}/{full_dossier.pk}").json()["pdf"]["pages"] > 5


def test_the_owner_downloads_the_pdf_too(client, full_dossier, entrepreneur_user):
    client.force_login(entrepreneur_user)
    assert post(client, f"{BASE}/{full_dossier.pk}/pdf").status_code == 202
    assert client.get(f"{BASE}/{full_dossier.pk}/pdf").status_code == 200


def test_the_residence_end_date_is_shown_to_coach_and_owner_and_each_read_is_logged(client, api, dossier, coach):
    SensitiveProfile.objects.create(entrepreneur=dossier.project.entrepreneur, residence_valid_until="2027-03-01")
    assert api.get(f"{BASE}/{dossier.pk}").json()["residence_valid_until"] == "2027-03-01"
    read = SensitiveRead.objects.get()
    assert (
        read.user == coach
        and read.fields == ["residence_valid_until"]
        and read.entrepreneur_id == dossier.project.entrepreneur_id
    )
    client.force_login(dossier.project.entrepreneur.user)
    assert client.get(f"{BASE}/{dossier.pk}").json()["residence_valid_until"] == "2027-03-01"
    assert SensitiveRead.objects.count() == 2


def test_the_list_never_reads_sensitive_data(api, dossier):
    SensitiveProfile.objects.create(entrepreneur=dossier.project.entrepreneur, residence_valid_until="2027-03-01")
    body = api.get(BASE).json()
    assert "residence_valid_until" not in body["items"][0]
    assert not SensitiveRead.objects.exists()


def test_the_api_is_in_the_openapi_schema(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/dossiers"])
    assert {"get", "patch"} <= set(paths["/api/v1/dossiers/{dossier_id}"])
    assert {"get", "post"} <= set(paths["/api/v1/dossiers/{dossier_id}/pdf"])


def test_without_a_sensitive_profile_nothing_is_read_nor_logged(api, dossier):
    assert api.get(f"{BASE}/{dossier.pk}").json()["residence_valid_until"] is None
    assert not SensitiveRead.objects.exists()


@pytest.mark.parametrize("to", ["granted", "submitted", "forwarded", "closed", "refused"])
def test_an_invalid_move_is_a_409_naming_the_allowed_ones(api, dossier, to):
    response = patch(api, f"{BASE}/{dossier.pk}", {"status": to})
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "invalid_transition" and response.json()["allowed"] == ["ready"]
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"


def test_a_granted_card_is_final(api, dossier):
    Dossier.objects.filter(pk=dossier.pk).update(status="granted")
    for to in ("draft", "ready", "refused", "closed"):
        response = patch(api, f"{BASE}/{dossier.pk}", {"status": to})
        assert response.status_code == 409 and response.json()["allowed"] == []
