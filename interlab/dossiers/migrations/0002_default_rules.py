"""Start with the checklist, exemptions and regulated activities of DOMAIN.md; admins edit them after."""

from django.db import migrations

from interlab.dossiers.defaults import EXEMPTIONS, REGULATED, RULES


def create_defaults(apps, schema_editor):
    ChecklistRule = apps.get_model("dossiers", "ChecklistRule")
    Exemption = apps.get_model("dossiers", "Exemption")
    RegulatedActivity = apps.get_model("dossiers", "RegulatedActivity")
    for key, order, label, label_en, requirement, counts, regulated_only, max_age, evidence, help_text in RULES:
        ChecklistRule.objects.get_or_create(
            key=key,
            defaults={
                "order": order,
                "label": label,
                "label_translations": {"en": label_en},
                "requirement": requirement,
                "counts_for_readiness": counts,
                "regulated_only": regulated_only,
                "max_age_days": max_age,
                "evidence": evidence,
                "help_text": help_text,
            },
        )
    for key, order, label, label_en, outcome in EXEMPTIONS:
        Exemption.objects.get_or_create(
            key=key, defaults={"order": order, "label": label, "label_translations": {"en": label_en}, "outcome": outcome}
        )
    for label, label_en, prefixes in REGULATED:
        RegulatedActivity.objects.get_or_create(
            label=label, defaults={"label_translations": {"en": label_en}, "nace_prefixes": prefixes}
        )


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
