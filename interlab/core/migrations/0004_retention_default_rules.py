"""The retention schedule's default rules; admins change the periods afterwards. Existing rules are kept."""

from django.db import migrations

DEFAULTS = [
    ("entrepreneur_inactive", 3, "years"),
    ("sensitive_profile_inactive", 2, "years"),
    ("event_registrations", 12, "months"),
    ("import_batches", 30, "days"),
    ("login_failures", 90, "days"),
    ("sensitive_reads", 2, "years"),
]


def seed(apps, schema_editor):
    RetentionRule = apps.get_model("core", "RetentionRule")
    for action, after, unit in DEFAULTS:
        RetentionRule.objects.using(schema_editor.connection.alias).get_or_create(
            action=action, defaults={"after": after, "unit": unit, "enabled": True}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_retention_rules_and_runs")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
