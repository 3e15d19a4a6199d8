"""The checklist, exemptions and regulated activities are data: seeded from DOMAIN.md, edited by admins."""

import pytest

from interlab.dossiers.models import ChecklistRule, Exemption, RegulatedActivity

pytestmark = pytest.mark.django_db


def test_the_defaults_follow_the_domain_notes():
    rules = {r.key: r for r in ChecklistRule.objects.all()}
    assert len(rules) == 12
    assert rules["application_form"].requirement == "uncertain" and rules["application_form"].counts_for_readiness
    assert rules["photos"].requirement == "uncertain" and rules["fee"].requirement == "uncertain"
    assert rules["criminal_record"].max_age_days == 183 and rules["criminal_record"].evidence == "fact_only"
    assert rules["competence"].regulated_only
    exempt = set(Exemption.objects.filter(outcome="exempt").values_list("key", flat=True))
    assert exempt == {"unlimited", "eea", "belgian_spouse", "refugee", "helping_spouse", "business_trip"}
    assert set(Exemption.objects.filter(outcome="unsure").values_list("key", flat=True)) == {"subsidiary", "temporary"}
    assert any(a.matches("56.101") for a in RegulatedActivity.objects.all())
    assert not any(a.matches("62.01") for a in RegulatedActivity.objects.all())


def test_an_admin_edits_them_in_the_cms_admin_and_a_coach_cannot(client, admin_user, coach):
    client.force_login(admin_user)
    for model in ("checklistrule", "exemption", "regulatedactivity"):
        assert client.get(f"/cms-admin/snippets/dossiers/{model}/").status_code == 200, model
    rule = ChecklistRule.objects.get(key="fee")
    edit = client.get(f"/cms-admin/snippets/dossiers/checklistrule/edit/{rule.pk}/")
    assert edit.status_code == 200 and "counts_for_readiness" in edit.content.decode()
    client.force_login(coach)
    assert client.get("/cms-admin/snippets/dossiers/checklistrule/").status_code in (302, 403)
