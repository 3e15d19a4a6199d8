"""The default partners say who is who in Liège (crm migration 0012): no "BAPA de Liège", the CRIPEL instead,
diploma equivalence at the NARIC rather than Le Forem."""

import importlib

import pytest
from django.apps import apps

from interlab.crm.models import Partner, Referral
from tests.factories import EntrepreneurFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("interlab.crm.migrations.0012_partners_of_liege")
CRIPEL = "CRIPEL — Centre régional d'intégration de Liège"
NARIC = "NARIC — Fédération Wallonie-Bruxelles"


def test_a_new_database_has_the_cripel_and_the_naric_and_no_bapa():
    names = set(Partner.objects.values_list("name", flat=True))
    assert {CRIPEL, NARIC} <= names and "BAPA de Liège" not in names
    assert "diploma" not in Partner.objects.get(name="Le Forem").needs
    assert [p.name for p in Partner.objects.all() if "diploma" in p.needs] == [NARIC]


def test_an_older_database_s_bapa_row_becomes_the_cripel_with_its_referrals():
    Partner.objects.filter(name__in=[CRIPEL, NARIC]).delete()
    Partner.objects.filter(name="Le Forem").update(needs=["language", "diploma"])
    old = Partner.objects.create(
        name=migration.OLD_NAME, category="integration", description=migration.OLD_DESCRIPTION, languages=["fr"]
    )
    referral = Referral.objects.create(entrepreneur=EntrepreneurFactory(), partner=old)

    migration.forwards(apps, None)

    referral.refresh_from_db()
    assert referral.partner.name == CRIPEL and referral.partner.description.startswith("Centre régional")
    assert Partner.objects.filter(name=NARIC).exists()
    assert Partner.objects.get(name="Le Forem").needs == ["language"]
    assert not Partner.objects.filter(name=migration.OLD_NAME).exists()
