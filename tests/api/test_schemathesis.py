"""The API against its own OpenAPI schema, with schemathesis: for every operation of /api/v1/openapi.json,
generated requests (valid and invalid) from every role never get a server error, and every response matches
the status codes and the body schema the operation documents.

The requests go to the real application through WSGI, on the test database, with a Bearer token per role
(from POST /api/v1/auth/token with the right password, so the lockout never touches the test users; the
endpoint itself is fuzzed with made-up usernames). Each request runs in a savepoint rolled back afterwards,
so the world of tests/roles.py stays whole for the next one (failed logins included). Generation is
derandomized and Hypothesis keeps no database: CI is repeatable.
"""

import importlib
import json
import os
import re
from urllib.parse import parse_qsl

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from interlab.api import api
from tests import roles
from tests.factories import PASSWORD
from tests.roles import ROLES

pytestmark = pytest.mark.django_db
world = roles.world

SCHEMA_URL = "/api/v1/openapi.json"
# Per operation, role and generation mode (anonymous gets half): every role is tried, none left to chance.
# SCHEMATHESIS_EXAMPLES=50 SCHEMATHESIS_RANDOM=1 for a longer, random hunt.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "8"))
DERANDOMIZE = not os.environ.get("SCHEMATHESIS_RANDOM")
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
OPERATIONS = sorted(
    (method.upper(), path) for path, methods in api.get_openapi_schema()["paths"].items() for method in methods
)
# Which of the world's objects a path parameter may name, besides the generated (mostly unknown) ids.
REAL_IDS = {
    "entrepreneur_id": ["person"],
    "project_id": ["project"],
    "mentor_id": ["mentor"],
    "match_id": ["pair", "offer", "proposal"],
    "meeting_id": ["meeting", "meeting_proposal"],
    "run_id": ["run"],
    "space_id": ["space"],
    "booking_id": ["booking"],
    "dossier_id": ["dossier"],
}
# The same for the ids a JSON body refers to.
REAL_BODY_IDS = {"space": ["space"], "project": ["project"], "entrepreneur": ["person"], "other": ["offer", "pair"]}

_loaded = {}


def api_schema():
    """The schema as the application serves it, loaded once."""
    if "schema" not in _loaded:
        _loaded["schema"] = schemathesis.openapi.from_wsgi(SCHEMA_URL, get_wsgi_application())
    return _loaded["schema"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection(tokens):
    """As Django's test client does: the WSGI handler would close the test's connection after each request.
    After `tokens`, whose test client reconnects the signal once done."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world):
    """A Bearer token per role, from POST /api/v1/auth/token as a client gets it: one right password each, so
    no lockout; the fuzzing of that endpoint below uses made-up usernames and is rolled back."""
    client = Client()
    tokens = {}
    for role, user in world.users.items():
        response = client.post(
            "/api/v1/auth/token",
            data={"username": user.username, "password": PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        tokens[role] = response.json()["token"]
    return tokens


def _strategies(operation):
    yield operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
    try:
        yield operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
    except Exception:  # an operation without any input has nothing to make invalid
        return


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_keeps_to_its_schema(world, tokens, method, path):
    operation = api_schema()[path][method]
    for role in ROLES:
        headers = {} if role == "anonymous" else {"Authorization": f"Bearer {tokens[role]}"}
        examples = max(EXAMPLES // 2, 1) if role == "anonymous" else EXAMPLES
        for strategy in _strategies(operation):
            _fuzz(world, strategy, headers, examples)


def _fuzz(world, strategy, headers: dict, examples: int) -> None:
    @given(case=strategy, data=st.data())
    @settings(
        max_examples=examples,
        derandomize=DERANDOMIZE,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case, data):
        for name, choices in REAL_IDS.items():
            if case.path_parameters and name in case.path_parameters and data.draw(st.booleans(), label=name):
                case.path_parameters[name] = world.ids[data.draw(st.sampled_from(choices), label=f"{name} of")]
        if isinstance(case.body, dict):
            for name, choices in REAL_BODY_IDS.items():
                if name in case.body and data.draw(st.booleans(), label=name):
                    case.body[name] = world.ids[data.draw(st.sampled_from(choices), label=f"{name} of")]
        with transaction.atomic():
            case.call_and_validate(headers=headers, checks=CHECKS)
            transaction.set_rollback(True)

    run()


def test_the_matrix_requests_get_answers_that_keep_to_the_schema(world, tokens):
    """The requests of the role matrix (tests/*/test_role_matrix.py), which reach the successful paths random
    data rarely finds (a real booking slot, an offer to accept), checked the same way for every role."""
    failures = []
    for method, url, body, _statuses in _matrix_api_rows():
        concrete = world.url(url)
        path, _, query = concrete.partition("?")
        match = resolve(path)
        operation = api_schema()["/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", match.route)][method.upper()]
        params = {k: int(v) if v.isdigit() else v for k, v in match.kwargs.items()}
        for role in ROLES:
            headers = {} if role == "anonymous" else {"Authorization": f"Bearer {tokens[role]}"}
            case = operation.Case(
                path_parameters=params,
                query=dict(parse_qsl(query)) or None,
                **({"body": json.loads(world.url(body)), "media_type": "application/json"} if body else {}),
            )
            try:
                with transaction.atomic():
                    case.call_and_validate(headers=headers, checks=CHECKS)
                    transaction.set_rollback(True)
            except (Exception, BaseExceptionGroup) as failure:  # schemathesis raises a group of failures
                failures.append(f"{method.upper()} {url} as {role}: {str(failure)[:300]}")
    assert not failures, "\n" + "\n".join(failures)


def _matrix_api_rows():
    from tests.core.test_route_coverage import MATRICES

    for name in MATRICES:
        yield from importlib.import_module(name).API_ROWS
