"""The HTTP API of the pipeline, against ../shared/API.md: statuses, error shape, scoping."""

import pytest
from django.test import Client

from interlab.core.models import SensitiveRead
from interlab.crm.models import Entrepreneur, StageTransition
from tests.factories import EntrepreneurFactory, make_project

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_a_token_is_issued_for_the_right_password_and_works_as_bearer(client, coach, password):
    response = client.post("/api/v1/auth/token", {"username": "coach", "password": password}, content_type=JSON)
    assert response.status_code == 200
    token = response.json()["token"]
    me = Client().get("/api/v1/me", headers={"authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json()["role"] == "coach"
    assert Client().get("/api/v1/me", headers={"authorization": "Bearer nope"}).status_code == 401


def test_a_wrong_password_is_401_and_repeated_failures_lock_out(client, coach, password, settings):
    settings.LOGIN_LOCKOUT_FAILURES = 3
    for _ in range(3):
        response = client.post("/api/v1/auth/token", {"username": "coach", "password": "x"}, content_type=JSON)
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_credentials"
    locked = client.post("/api/v1/auth/token", {"username": "coach", "password": password}, content_type=JSON)
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"


def test_it_creates_an_entrepreneur_with_languages_levels_and_a_first_project(api):
    body = {
        "first_name": "Olena",
        "last_name": "Kovalenko",
        "email": "olena@example.org",
        "languages": ["uk", {"code": "fr", "level": "A2"}],
        "needs": ["language", "mentoring"],
        "project_title": "Traductions",
    }
    response = api.post("/api/v1/entrepreneurs", body, content_type=JSON)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["languages"] == ["uk", "fr"]
    assert data["language_levels"] == {"fr": "A2"}
    assert len(data["projects"]) == 1
    project = api.get(f"/api/v1/projects/{data['projects'][0]}").json()
    assert project["stage"] == "intake" and project["title"] == "Traductions"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_name": ""}, "first_name"),
        ({"first_name": "   "}, "first_name"),
        ({"last_name": "Sans prénom"}, "first_name"),
        ({"first_name": "Zoé", "email": "pas-un-email"}, "email"),
        ({"first_name": "Zoé", "needs": ["teleportation"]}, "needs"),
        ({"first_name": "Zoé", "languages": ["français"]}, "code"),
        ({"first_name": "Zoé", "arrival_year": 1200}, "arrival_year"),
        ({"first_name": "x" * 101}, "first_name"),
    ],
)
def test_invalid_input_is_422_with_field_errors_and_nothing_written(api, body, field):
    before = Entrepreneur.objects.count()
    response = api.post("/api/v1/entrepreneurs", body, content_type=JSON)
    assert response.status_code == 422, response.content
    payload = response.json()
    assert payload["code"] == "invalid"
    assert any(field in e["field"] for e in payload["errors"]), payload
    assert payload["detail"]
    assert Entrepreneur.objects.count() == before


def test_a_body_that_is_not_json_is_422_not_500(api):
    response = api.post("/api/v1/entrepreneurs", "{not json", content_type=JSON)
    assert response.status_code == 422
    assert response.json()["code"] == "malformed_body"


def test_search_ignores_case_and_accents(api):
    EntrepreneurFactory(first_name="Emre", last_name="Tokgözlü")
    EntrepreneurFactory(first_name="Zoé", last_name="Lambert")
    for query in ("tokgozlu", "TOKGÖZLÜ", "emre tokgo"):
        items = api.get("/api/v1/entrepreneurs", {"q": query}).json()["items"]
        assert [p["last_name"] for p in items] == ["Tokgözlü"], query
    assert api.get("/api/v1/entrepreneurs", {"q": "zoe"}).json()["count"] == 1


def test_lists_filter_by_stage_and_coach_and_paginate(api, coach, other_coach):
    for i in range(3):
        make_project(coach=coach, path=["idea"], title=f"p{i}")
    make_project(coach=other_coach)
    assert api.get("/api/v1/entrepreneurs", {"stage": "idea"}).json()["count"] == 3
    assert api.get("/api/v1/entrepreneurs", {"coach": other_coach.pk}).json()["count"] == 1
    page = api.get("/api/v1/entrepreneurs", {"page": 2, "page_size": 3}).json()
    assert page["count"] == 4 and len(page["items"]) == 1
    assert api.get("/api/v1/entrepreneurs", {"page_size": 201}).status_code == 422
    assert api.get("/api/v1/entrepreneurs", {"page": 0}).status_code == 422


def test_a_transition_returns_the_event_and_history_lists_it(api, project):
    response = api.post(
        f"/api/v1/projects/{project.pk}/transitions",
        {"to_stage": "project", "reason": "modèle validé"},
        content_type=JSON,
    )
    assert response.status_code == 201
    event = response.json()
    assert (event["from_stage"], event["to_stage"], event["reason"]) == ("idea", "project", "modèle validé")
    history = api.get(f"/api/v1/projects/{project.pk}/history").json()
    assert [(e["from_stage"], e["to_stage"]) for e in history["items"]] == [
        (None, "intake"),
        ("intake", "idea"),
        ("idea", "project"),
    ]
    assert history["items"][-1]["at"].endswith("Z") or "+" in history["items"][-1]["at"]


def test_a_forbidden_transition_is_409_and_an_unknown_stage_422(api, project):
    refused = api.post(f"/api/v1/projects/{project.pk}/transitions", {"to_stage": "launched"}, content_type=JSON)
    assert refused.status_code == 409
    assert refused.json()["code"] == "transition_not_allowed"
    unknown = api.post(f"/api/v1/projects/{project.pk}/transitions", {"to_stage": "mars"}, content_type=JSON)
    assert unknown.status_code == 422
    assert StageTransition.objects.filter(project=project).count() == 2


def test_patching_a_project_with_an_unknown_coach_is_422(api, project):
    response = api.patch(f"/api/v1/projects/{project.pk}", {"coach": 999999}, content_type=JSON)
    assert response.status_code == 422
    bad_bce = api.patch(f"/api/v1/projects/{project.pk}", {"enterprise_number": "0123.456.789"}, content_type=JSON)
    assert bad_bce.status_code == 422


def test_the_owner_cannot_set_staff_fields_or_sensitive_data(client, person, project, coach):
    client.force_login(person.user)
    assert client.patch(f"/api/v1/projects/{project.pk}", {"coach": coach.pk}, content_type=JSON).status_code == 403
    response = client.patch(f"/api/v1/entrepreneurs/{person.pk}", {"residence_situation": "refugee"}, content_type=JSON)
    assert response.status_code == 403


def test_reading_a_file_as_coach_logs_the_sensitive_read_and_the_person_does_not_see_it(api, client, person, coach):
    api.patch(
        f"/api/v1/entrepreneurs/{person.pk}",
        {"residence_situation": "refugee", "country_of_origin": "Syrie"},
        content_type=JSON,
    )
    SensitiveRead.objects.all().delete()
    data = api.get(f"/api/v1/entrepreneurs/{person.pk}").json()
    assert data["sensitive"]["residence_situation"] == "refugee"
    read = SensitiveRead.objects.get()
    assert read.user == coach and read.entrepreneur_id == person.pk and "residence_situation" in read.fields
    client.logout()
    client.force_login(person.user)
    assert client.get(f"/api/v1/entrepreneurs/{person.pk}").json()["sensitive"] is None


def test_sensitive_fields_never_appear_in_lists(api, person):
    api.patch(f"/api/v1/entrepreneurs/{person.pk}", {"country_of_origin": "Guinée"}, content_type=JSON)
    body = api.get("/api/v1/entrepreneurs").content.decode()
    assert "Guinée" not in body


def test_me_export_holds_the_callers_data_and_nobody_elses(client, person, project):
    EntrepreneurFactory(first_name="Quelqu'un", last_name="D'autre", email="autre@example.org")
    client.force_login(person.user)
    data = client.get("/api/v1/me/export").json()
    assert data["user"]["entrepreneur_id"] == person.pk
    assert data["entrepreneur"]["first_name"] == "Amina"
    assert {lang["code"] for lang in data["entrepreneur"]["languages"]} == {"fr", "ar"}
    assert [p["title"] for p in data["projects"]] == ["Traiteur"]
    assert "autre@example.org" not in str(data)


def test_erasure_removes_the_person_and_keeps_the_events(client, admin_user, person, project):
    events_before = StageTransition.objects.filter(project=project).count()
    client.force_login(admin_user)
    response = client.post(f"/api/v1/entrepreneurs/{person.pk}/erase")
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.erased_at and person.first_name == "" and person.email == "" and person.user is None
    assert StageTransition.objects.filter(project=project).count() == events_before
    assert client.get(f"/api/v1/entrepreneurs/{person.pk}").status_code == 404
    assert "Amina" not in client.get("/api/v1/entrepreneurs").content.decode()


def test_session_writes_need_the_csrf_token(coach):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coach)
    response = client.post("/api/v1/entrepreneurs", {"first_name": "Zoé"}, content_type=JSON)
    assert response.status_code == 403
    assert not Entrepreneur.objects.filter(first_name="Zoé").exists()


def test_the_openapi_document_is_served(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/entrepreneurs", "/api/v1/projects/{project_id}/transitions", "/api/v1/stages"):
        assert path in spec["paths"]
