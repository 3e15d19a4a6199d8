"""Start a fresh InterLab with the pipeline of DOMAIN.md and the partner network; admins edit both after."""

from django.db import migrations

from interlab.crm.defaults import PARTNERS, STAGES, TRANSITIONS


def create_defaults(apps, schema_editor):
    Stage = apps.get_model("crm", "Stage")
    Partner = apps.get_model("crm", "Partner")
    by_key = {}
    for key, order, name, translations, stalled, flags in STAGES:
        stage, _created = Stage.objects.get_or_create(
            key=key,
            defaults={"order": order, "name": name, "name_translations": translations, "stalled_after_days": stalled, **flags},
        )
        by_key[key] = stage
    for key, targets in TRANSITIONS.items():
        by_key[key].next_stages.add(*[by_key[t] for t in targets])
    for partner in PARTNERS:
        Partner.objects.get_or_create(name=partner["name"], defaults=partner)


class Migration(migrations.Migration):
    dependencies = [("crm", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
