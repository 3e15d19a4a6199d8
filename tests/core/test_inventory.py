"""The data inventory is generated from the models and cannot drift from them."""

import pytest
from django.db import models
from django.utils import translation

from interlab.core import inventory
from interlab.core.models import RetentionAction, RetentionRule, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/app/admin/data-inventory/"


def test_every_personal_looking_field_of_every_app_is_declared():
    assert inventory.undeclared_fields() == []


def test_no_declaration_points_at_a_field_that_no_longer_exists():
    assert inventory.stale_declarations() == []


def test_a_new_personal_field_nobody_declared_is_caught(monkeypatch):
    from interlab.crm.models import Entrepreneur

    nickname = models.CharField("nickname", max_length=40, blank=True)
    nickname.set_attributes_from_name("nickname")
    nickname.model = Entrepreneur
    real = inventory.own_fields
    monkeypatch.setattr(
        inventory, "own_fields", lambda model: [*real(model), nickname] if model is Entrepreneur else real(model)
    )
    assert inventory.undeclared_fields() == ["crm.Entrepreneur.nickname"]


def test_a_declaration_of_a_removed_field_is_caught(monkeypatch):
    stale = inventory.personal("crm.Entrepreneur", "shoe_size", purpose="x", seen_by=(), retention="x")
    real = inventory.declarations

    def declarations():
        fields, not_personal = real()
        return [*fields, *stale], {**not_personal, "crm.Gone": "x"}

    monkeypatch.setattr(inventory, "declarations", declarations)
    assert inventory.stale_declarations() == ["crm.Entrepreneur.shoe_size", "crm.Gone"]


def test_links_to_a_person_need_a_line_even_in_a_model_declared_not_personal():
    from interlab.crm.models import Programme

    funders = Programme._meta.get_field("funders")
    assert inventory.points_at_a_person(funders) and inventory.looks_personal(funders)


def test_the_sensitive_fields_are_marked_and_follow_the_retention_rule():
    groups = inventory.data_inventory()
    crm = next(group for group in groups if any(m["key"] == "crm.SensitiveProfile" for m in group["models"]))
    profile = next(m for m in crm["models"] if m["key"] == "crm.SensitiveProfile")
    residence = next(f for f in profile["fields"] if f["name"] == "residence_situation")
    assert residence["sensitive"] and residence["from_rule"]
    assert Role.FUNDER.label not in [str(label) for label in residence["seen_by"]]


def test_the_page_reads_the_retention_period_from_the_rules(client, admin_user):
    RetentionRule.objects.filter(action=RetentionAction.SENSITIVE_PROFILE_INACTIVE).update(after=18, unit="months")
    client.force_login(admin_user)
    with translation.override("en"):
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Clear residence and origin without activity: after 18 months" in page
    assert "Residence situation" in page  # the model's own verbose name
    assert "Data inventory" in page


def test_a_disabled_rule_says_so_on_the_page(client, admin_user):
    RetentionRule.objects.filter(action=RetentionAction.LOGIN_FAILURES).update(enabled=False)
    client.force_login(admin_user)
    with translation.override("en"):
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Delete failed logins: after 90 days (rule disabled)" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMIN, 200),
        (Role.COACH, 200),
        (Role.ENTREPRENEUR, 404),
        (Role.MENTOR, 404),
        (Role.FUNDER, 404),
        (Role.PARTNER, 404),
    ],
)
def test_staff_read_the_inventory_others_get_a_404(client, role, status):
    client.force_login(UserFactory(role=role))
    assert client.get(URL).status_code == status


def test_a_visitor_is_sent_to_the_login_page(client):
    assert client.get(URL).status_code == 302


def test_the_nav_links_each_role_to_the_pages_it_may_open(client, coach, admin_user):
    client.force_login(coach)
    page = client.get("/app/board/").content.decode()
    assert URL in page and "/app/admin/retention/" not in page and "/app/admin/read-log/" not in page
    client.force_login(admin_user)
    page = client.get("/app/board/").content.decode()
    assert all(link in page for link in (URL, "/app/admin/retention/", "/app/admin/read-log/"))
    client.force_login(UserFactory(role=Role.FUNDER))
    assert URL not in client.get("/app/impact/").content.decode()
