"""Admins edit the pipeline's reference data (stages, partners, programmes, cohorts) in the CMS admin."""

import pytest

from interlab.crm.models import Stage

pytestmark = pytest.mark.django_db


def test_an_admin_role_can_open_the_admin_and_a_coach_cannot(client, admin_user, coach):
    assert admin_user.is_superuser and admin_user.is_staff
    client.force_login(admin_user)
    for model in ("stage", "partner", "programme", "cohort"):
        assert client.get(f"/cms-admin/snippets/crm/{model}/").status_code == 200, model
    stage = Stage.objects.get(key="idea")
    edit = client.get(f"/cms-admin/snippets/crm/stage/edit/{stage.pk}/")
    assert edit.status_code == 200 and "stalled_after_days" in edit.content.decode()
    client.force_login(coach)
    assert client.get("/cms-admin/snippets/crm/stage/").status_code in (302, 403)


def test_the_default_pipeline_follows_the_domain_notes():
    keys = list(Stage.objects.filter(is_exit=False).order_by("order").values_list("key", flat=True))
    assert keys == ["intake", "idea", "project", "financing", "admin-legal", "registration", "launched", "follow-up"]
    assert set(Stage.objects.filter(is_exit=True).values_list("key", flat=True)) == {
        "paused",
        "redirected",
        "abandoned",
    }
    assert Stage.objects.get(key="launched").requires_enterprise_number
