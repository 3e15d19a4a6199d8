"""The default partners as they are in Liège: there is no BAPA in Liège (BAPA are Brussels offices), the regional
integration centre is the CRIPEL; diploma equivalence is the Fédération Wallonie-Bruxelles' (NARIC), not Le Forem's.

A database seeded before keeps its referrals: the "BAPA de Liège" row becomes the CRIPEL (what the referrals meant),
unless a CRIPEL row already exists, and rows an admin has edited are left as they are.
"""

from django.db import migrations

from interlab.crm.defaults import PARTNERS

OLD_NAME = "BAPA de Liège"
OLD_DESCRIPTION = "Bureau d'accueil pour primo-arrivants : parcours d'intégration, cours de français, orientation."


def _default(name_start: str) -> dict:
    return next(p for p in PARTNERS if p["name"].startswith(name_start))


def forwards(apps, schema_editor):
    Partner = apps.get_model("crm", "Partner")
    cripel, naric = _default("CRIPEL"), _default("NARIC")
    old = Partner.objects.filter(name=OLD_NAME).first()
    if old is not None and not Partner.objects.filter(name=cripel["name"]).exists():
        old.name = cripel["name"]
        if old.description == OLD_DESCRIPTION:
            old.description = cripel["description"]
        if not old.website:
            old.website = cripel["website"]
        old.save()
    else:
        Partner.objects.get_or_create(name=cripel["name"], defaults=cripel)
    Partner.objects.get_or_create(name=naric["name"], defaults=naric)
    Partner.objects.filter(name="Le Forem", needs=["language", "diploma"]).update(needs=["language"])


class Migration(migrations.Migration):
    dependencies = [("crm", "0011_intake_rota")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
