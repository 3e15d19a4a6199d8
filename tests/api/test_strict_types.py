"""The API takes values of the declared type only: no 0 read as 1970, no 0 read as false, no 2.0 read as 2.

JSON bodies: dates and times as ISO 8601 strings, booleans true/false, integers as JSON integers. Query
strings: dates YYYY-MM-DD, integers in digits, booleans true/false/1/0.
"""

import types
import typing
from datetime import date, datetime

import pytest
from pydantic import BaseModel, Strict
from pydantic.functional_validators import BeforeValidator

from interlab.api import api
from interlab.core.api_tools import STRICT_VALIDATORS
from interlab.crm.models import SensitiveProfile
from tests.mentoring.factories import make_mentor

pytestmark = pytest.mark.django_db

LOOSE = (int, float, bool, date, datetime)
# Someone else is rewriting the impact API; its types move to interlab.core.api_tools with that rewrite.
NOT_CHECKED_HERE: set[str] = set()


def _is_strict(metadata) -> bool:
    return any(
        isinstance(m, Strict) or (isinstance(m, BeforeValidator) and m.func in STRICT_VALIDATORS) for m in metadata
    )


def _loose_leaves(annotation, where: str, seen: set) -> list[str]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return [] if _is_strict(metadata) else _loose_leaves(base, where, seen)
    if origin in (typing.Union, types.UnionType, list, dict, tuple, set):
        return [leaf for arg in typing.get_args(annotation) for leaf in _loose_leaves(arg, where, seen)]
    if origin is typing.Literal:
        return []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _loose_fields(annotation, seen)
    if annotation in LOOSE:
        return [f"{where}: {annotation.__name__}"]
    return []


def _loose_fields(model: type[BaseModel], seen: set) -> list[str]:
    if model in seen:
        return []
    seen.add(model)
    loose = []
    for name, field in model.model_fields.items():
        if _is_strict(field.metadata):
            continue
        loose += _loose_leaves(field.annotation, f"{model.__name__}.{name}", seen)
    return loose


def test_every_input_of_the_api_uses_a_strict_type():
    loose, seen = [], set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if operation.view_func.__module__ in NOT_CHECKED_HERE:
                    continue
                for model in operation.models:
                    loose += _loose_fields(model, seen)
    assert loose == []


def errors_of(response) -> list[dict]:
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid"
    return response.json()["errors"]


def test_a_number_is_not_a_date_in_a_query_string(api):
    assert errors_of(api.get("/api/v1/bookings", {"to": "0"}, HTTP_ACCEPT_LANGUAGE="en")) == [
        {"field": "to", "message": "Enter a date as a YYYY-MM-DD string, e.g. 2026-03-01."}
    ]


def test_a_number_is_not_a_date_in_a_body(api, person):
    response = api.patch(
        f"/api/v1/entrepreneurs/{person.pk}",
        {"residence_valid_until": 0},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert errors_of(response) == [
        {"field": "residence_valid_until", "message": "Enter a date as a YYYY-MM-DD string, e.g. 2026-03-01."}
    ]
    person.refresh_from_db()
    assert not SensitiveProfile.objects.filter(entrepreneur=person).exclude(residence_valid_until=None).exists()


def test_an_iso_date_string_is_still_a_date(api, person):
    response = api.patch(
        f"/api/v1/entrepreneurs/{person.pk}",
        {"residence_valid_until": "2027-05-31"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert SensitiveProfile.objects.get(entrepreneur=person).residence_valid_until == date(2027, 5, 31)


def test_a_number_is_not_a_boolean(api):
    mentor = make_mentor()
    response = api.patch(
        f"/api/v1/mentors/{mentor.pk}", {"paused": 0}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert errors_of(response) == [
        {"field": "paused", "message": "Enter true or false (a JSON boolean, not a number or text)."}
    ]
    mentor.refresh_from_db()
    assert mentor.paused is False


def test_a_decimal_or_a_boolean_is_not_an_integer(api):
    mentor = make_mentor(capacity=1)
    for value in (2.0, True, "2"):
        response = api.patch(
            f"/api/v1/mentors/{mentor.pk}",
            {"capacity": value},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert errors_of(response) == [
            {"field": "capacity", "message": "Enter a whole number (a JSON integer, not a decimal, text or boolean)."}
        ]
    mentor.refresh_from_db()
    assert mentor.capacity == 1


def test_a_number_is_not_a_date_and_time(api):
    response = api.post(
        "/api/v1/bookings",
        {"space": 1, "start": 0, "end": "2026-03-02T10:00:00+01:00", "title": "Réunion"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert errors_of(response) == [
        {"field": "start", "message": "Enter a date and time as an ISO 8601 string, e.g. 2026-03-01T14:30:00+01:00."}
    ]


def test_query_strings_take_digits_for_integers_and_true_false_1_0_for_booleans(api):
    assert errors_of(api.get("/api/v1/entrepreneurs", {"page": "1.0"}, HTTP_ACCEPT_LANGUAGE="en")) == [
        {"field": "page", "message": "Enter a whole number, in digits."}
    ]
    assert errors_of(api.delete("/api/v1/bookings/1?series=yes", HTTP_ACCEPT_LANGUAGE="en")) == [
        {"field": "series", "message": "Enter true or false (or 1 or 0)."}
    ]
    assert api.delete("/api/v1/bookings/1?series=1").status_code == 404  # accepted, and there is no booking 1


def test_the_openapi_schema_states_the_rules(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    patch = components["EntrepreneurPatch"]["properties"]["residence_valid_until"]["anyOf"][0]
    assert patch == {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    capacity = components["MentorPatch"]["properties"]["capacity"]["anyOf"][0]
    assert capacity == {"type": "integer", "minimum": 1, "maximum": 10}
    booking_start = components["BookingIn"]["properties"]["start"]
    assert booking_start["format"] == "date-time" and "grid" in booking_start["description"]
    to = next(p for p in schema["paths"]["/api/v1/bookings"]["get"]["parameters"] if p["name"] == "to")
    assert to["schema"]["anyOf"][0]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    assert "days before and" in to["description"]
    delete = schema["paths"]["/api/v1/bookings/{booking_id}"]["delete"]
    series = next(p for p in delete["parameters"] if p["name"] == "series")
    assert series["schema"]["type"] == "boolean" and "`1` and `0`" in series["schema"]["description"]
