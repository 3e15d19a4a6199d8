"""The data inventory is generated from the models and cannot drift from them."""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst

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


def test_every_app_model_and_field_on_the_page_has_a_translatable_word():
    assert inventory.unworded() == []


def test_a_field_named_by_django_from_its_python_name_is_caught(monkeypatch):
    from interlab.crm.models import Entrepreneur

    monkeypatch.setattr(Entrepreneur._meta.get_field("phone_e164"), "verbose_name", "phone e164")
    assert inventory.unworded() == ["crm.Entrepreneur.phone_e164"]


def test_a_library_table_gets_its_words_from_the_declaring_app():
    groups = inventory.data_inventory()
    core = next(group for group in groups if any(m["key"] == "mfa.Authenticator" for m in group["models"]))
    authenticator = next(m for m in core["models"] if m["key"] == "mfa.Authenticator")
    with translation.override("en"):
        assert str(core["label"]) == "accounts, consents and logs"
        assert str(authenticator["label"]) == "second factor"
        assert [str(f["label"]) for f in authenticator["fields"]] == ["account", "keys and recovery codes"]


def test_the_page_names_no_field_by_its_python_name_and_no_two_fields_alike(client, admin_user):
    client.force_login(admin_user)
    with translation.override("en"):
        page = BeautifulSoup(client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content, "html.parser")
    words = inventory.labels()
    tables = page.select("tbody[data-model]")
    assert len(tables) > 30
    raw, twice = [], []
    for table in tables:
        key = table["data-model"]
        model = apps.get_model(key)
        shown = {}
        for row in table.select("tr[data-field]"):
            name = row["data-field"]
            header = row.select_one("th")
            for badge in header.select(".badge"):
                badge.extract()
            label = header.get_text(strip=True)
            # "title", "note"... are words of ours that happen to match the name: declared, so translatable.
            declared = words.get(f"{key}.{name}") or model._meta.get_field(name).verbose_name
            if label == capfirst(name.replace("_", " ")) and not isinstance(declared, Promise):
                raw.append(f"{key}.{name}")
            shown.setdefault(label, []).append(name)
        twice += [f"{key}: {label} ({', '.join(names)})" for label, names in shown.items() if len(names) > 1]
    assert raw == []
    assert twice == []


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
