"""An admin in a real browser: a dry run, a confirmed run, the read log and the data inventory.

No Content-Security-Policy violation and no serious accessibility issue on any of these pages.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from interlab.core.models import Role
from interlab.crm import services
from interlab.crm.models import Entrepreneur
from tests.e2e.axe import assert_no_serious_violations
from tests.e2e.conftest import E2E_DB
from tests.e2e.test_csp import violations  # noqa: F401 - fixture
from tests.factories import PASSWORD, EntrepreneurFactory, UserFactory, make_project

pytestmark = [pytest.mark.e2e, E2E_DB]


@pytest.fixture
def admin():
    return UserFactory(username="admin.retention", role=Role.ADMIN, email="admin.retention@example.org")


@pytest.fixture
def dormant_person():
    """A person whose file, note and residence situation all date from four years ago."""
    coach = UserFactory(username="coach.retention", role=Role.COACH)
    with time_machine.travel(timezone.now() - timedelta(days=4 * 365), tick=False):
        person = EntrepreneurFactory(first_name="Samira", last_name="Haddad")
        make_project(entrepreneur=person, coach=coach, path=["idea"])
        services.sensitive_profile_update(entrepreneur=person, by=coach, residence_situation="refugee")
    return person


def log_in(page, user):
    page.goto("/login/")
    page.fill("main form [name=username]", user.username)
    page.fill("main form [name=password]", PASSWORD)
    page.click("main form [type=submit]")


def test_an_admin_dry_runs_then_runs_the_schedule_after_confirming(page, admin, dormant_person, violations):  # noqa: F811
    log_in(page, admin)
    page.click("a[data-nav=retention]")
    expect(page.locator("h1")).to_be_visible()
    assert_no_serious_violations(page)

    page.click("[data-action=dry-run]")
    expect(page.locator("[data-rule=entrepreneur_inactive]")).to_have_attribute("data-count", "1")
    expect(page.locator("[data-report]")).to_contain_text(f"#{dormant_person.pk}")
    expect(page.locator("main")).not_to_contain_text("Samira")
    assert_no_serious_violations(page)
    assert Entrepreneur.objects.get(pk=dormant_person.pk).erased_at is None

    page.goto("/app/admin/retention/")
    page.click("[data-action=run-now]")
    page.click("[data-action=confirm-run]")  # without the box ticked: the browser's own check refuses it
    assert Entrepreneur.objects.get(pk=dormant_person.pk).erased_at is None
    assert_no_serious_violations(page)
    page.check("main form [name=confirm]")
    page.click("[data-action=confirm-run]")

    expect(page.locator("[data-rule=entrepreneur_inactive]")).to_have_attribute("data-count", "1")
    assert Entrepreneur.objects.get(pk=dormant_person.pk).erased_at is not None
    assert violations == []


def test_an_admin_filters_the_read_log_and_reads_the_inventory(page, admin, dormant_person, violations):  # noqa: F811
    coach = UserFactory(username="reader.retention", role=Role.COACH)

    services.sensitive_profile_read(user=coach, entrepreneur=dormant_person, context="page:sensitive")
    log_in(page, admin)

    page.click("a[data-nav=read-log]")
    expect(page.locator("tr[data-read]")).to_have_count(1)
    page.select_option("[data-read-log-filters] [name=field]", "country_of_origin")
    page.fill("[data-read-log-filters] [name=person]", str(dormant_person.pk))
    page.click("[data-read-log-filters] [data-action=filter]")
    expect(page.locator("tr[data-read]")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("réfugié")
    assert_no_serious_violations(page)

    page.click("a[data-nav=data-inventory]")
    expect(page.locator('[data-model="crm.SensitiveProfile"]')).to_be_visible()
    assert_no_serious_violations(page)
    assert violations == []
