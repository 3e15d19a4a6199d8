"""The dashboard is kept rendered per person and address until the figures change; each view is still logged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interlab.core.models import SensitiveRead
from interlab.crm.models import Entrepreneur
from tests.impact.factories import history

pytestmark = pytest.mark.django_db

YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


def accompanied(html: str) -> str:
    marker = '<div class="kpi" data-figure="accompanied"><span class="kpi-value">'
    return html.split(marker, 1)[1].split("<", 1)[0]


def test_a_second_view_computes_nothing_and_still_logs_the_sensitive_read(client, world, funder):
    client.force_login(funder)
    client.get("/app/impact/", YEAR)  # the first view brings the derived tables up to date (a write: a new version)
    first = client.get("/app/impact/", YEAR)
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/app/impact/", YEAR)
    assert second.status_code == 200 and accompanied(second.content.decode()) == accompanied(first.content.decode())
    assert not [q["sql"] for q in captured.captured_queries if "crm_" in q["sql"]]
    assert SensitiveRead.objects.filter(user=funder, context__startswith="impact:").count() == 3


def test_a_refused_scope_is_kept_refused_and_not_logged(client, world, funder):
    client.force_login(funder)
    for _ in range(2):
        response = client.get("/app/impact/", {"start": "2025-12-31", "end": "2025-01-01"})
        assert response.status_code == 422 and 'role="alert"' in response.content.decode()
    assert SensitiveRead.objects.filter(user=funder, context__startswith="impact:").count() == 0


def test_a_change_to_the_figures_shows_on_the_next_view(client, world, coach):
    client.force_login(coach)
    before = int(accompanied(client.get("/app/impact/").content.decode()))
    person = Entrepreneur.objects.create(first_name="A", last_name="B", gender="homme")
    history(person, [("intake", f"{timezone.localdate().year}-03-01")])
    assert int(accompanied(client.get("/app/impact/").content.decode())) == before + 1
