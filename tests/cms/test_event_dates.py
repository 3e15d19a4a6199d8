"""An editor's far or reversed event dates are refused in the page editor, never a server error."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import EventIndexPage, EventPage
from interlab.core.models import Role
from tests.cms import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def event_form(starts_at: str, ends_at: str = "") -> dict:
    return nested_form_data(
        {
            "title": "Atelier microcrédit",
            "slug": "atelier-microcredit",
            "summary": "Préparer une demande.",
            "starts_at": starts_at,
            "ends_at": ends_at,
            "place": "Tiers-lieu",
            "address": "",
            "body": streamfield([]),
            "registration_open": "on",
            "capacity": "15",
        }
    )


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field"),
    [
        ("0001-01-01 00:00", "", "starts_at"),
        ("9999-12-31 23:59", "", "starts_at"),
        ("2030-05-01 10:00", "9999-12-31 23:59", "ends_at"),
        ("2030-05-01 10:00", "2030-05-01 09:00", "ends_at"),
    ],
)
def test_far_or_reversed_dates_are_refused_in_the_editor(client, starts_at, ends_at, field):
    client.force_login(UserFactory(role=Role.ADMIN))
    index = factories.add_page(factories.home(), EventIndexPage, title="Agenda", slug="agenda")
    url = reverse("wagtailadmin_pages:add", args=["cms", "eventpage", index.pk])

    response = client.post(url, event_form(starts_at, ends_at))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not EventPage.objects.filter(slug="atelier-microcredit").exists()
