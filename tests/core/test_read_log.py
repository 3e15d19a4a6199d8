"""The sensitive-read log page: admins only, filters, field names but never the values, not itself logged."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from interlab.core.models import Role, SensitiveRead
from interlab.crm import services
from tests.factories import EntrepreneurFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/app/admin/read-log/"


@pytest.fixture
def reads(person, coach, other_coach):
    services.sensitive_profile_update(
        entrepreneur=person, by=coach, country_of_origin="Erythrée", residence_situation="applicant"
    )
    services.sensitive_profile_read(user=coach, entrepreneur=person, context="page:sensitive")
    other = EntrepreneurFactory(first_name="Yusuf")
    services.sensitive_profile_update(entrepreneur=other, by=coach, country_of_origin="Ukraine")
    services.sensitive_profile_read(user=other_coach, entrepreneur=other, context="api:entrepreneur_detail")
    old = SensitiveRead.objects.create(
        user=coach, entrepreneur=other, fields=["residence_valid_until"], context="page:dossier_detail"
    )
    SensitiveRead.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=90))
    SensitiveRead.objects.create(user=coach, entrepreneur=None, fields=["residence_situation"], context="impact: x")
    return {"person": person, "other": other}


@pytest.mark.parametrize("role", [Role.COACH, Role.ENTREPRENEUR, Role.MENTOR, Role.FUNDER, Role.PARTNER])
def test_only_admins_see_the_log_others_get_a_404(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(URL).status_code == 404


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_admin_sees_who_read_which_field_of_whom_but_never_the_value(client, admin_user, reads):
    client.force_login(admin_user)
    with translation.override("en"):
        response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Amina" in page and "Yusuf" in page
    assert "file page: residence and origin" in page  # the context, in words
    assert "a count over several people" in page
    for value in ("Erythrée", "Ukraine", "applicant", "international protection applicant"):
        # As a value, not as part of a field's key ("applicant_nationality" is a field one may filter on).
        assert not re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", page), value


def test_reading_the_log_is_not_itself_a_sensitive_read(client, admin_user, reads):
    before = SensitiveRead.objects.count()
    client.force_login(admin_user)
    client.get(URL)
    assert SensitiveRead.objects.count() == before


def rows(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def test_the_filters_narrow_the_list(client, admin_user, coach, other_coach, reads):
    client.force_login(admin_user)
    assert rows(client) == 4
    assert rows(client, person=reads["other"].pk) == 2
    assert rows(client, reader=other_coach.pk) == 1
    assert rows(client, field="residence_valid_until") == 3  # two full reads and the dossier one
    assert rows(client, field="country_of_origin", reader=coach.pk) == 1
    today = timezone.localdate()
    assert rows(client, since=(today - timedelta(days=7)).isoformat()) == 3
    assert rows(client, until=(today - timedelta(days=30)).isoformat()) == 1


def test_bad_filters_get_a_message_not_an_error(client, admin_user, reads):
    client.force_login(admin_user)
    with translation.override("en"):
        response = client.get(
            URL, {"since": "0001-01-01", "person": "abc", "field": "salary"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"since", "person", "field"}
    assert response.context["page"].paginator.count == 4  # unfiltered rather than wrong


def test_an_inverted_period_is_explained(client, admin_user):
    client.force_login(admin_user)
    with translation.override("en"):
        response = client.get(URL, {"since": "2026-05-01", "until": "2026-04-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "The start of the period is after its end." in response.content.decode()


def test_the_log_is_paginated(client, admin_user, coach, person):
    SensitiveRead.objects.bulk_create(
        SensitiveRead(user=coach, entrepreneur=person, fields=["country_of_origin"], context="page:sensitive")
        for _ in range(60)
    )
    client.force_login(admin_user)
    first = client.get(URL)
    assert len(first.context["entries"]) == 50
    second = client.get(URL, {"page": 2})
    assert len(second.context["entries"]) == 10
    assert client.get(URL, {"page": "999"}).status_code == 200
