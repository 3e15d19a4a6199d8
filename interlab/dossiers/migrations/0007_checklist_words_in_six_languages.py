"""The checklist's explanations get translations (`help_translations`), and the default rules, exemptions and
regulated activities get their words in the six languages of the interface.

Only rows whose French text is still the default are filled in, and a translation an admin already wrote stays.
"""

from django.db import migrations, models

from interlab.dossiers.defaults import (
    EXEMPTION_TRANSLATIONS,
    EXEMPTIONS,
    REGULATED_TRANSLATIONS,
    RULE_TRANSLATIONS,
    RULES,
)


def _merged(default: dict, current) -> dict:
    current = current if isinstance(current, dict) else {}
    return {**default, **{code: text for code, text in current.items() if text}}


def fill(apps, schema_editor):
    ChecklistRule = apps.get_model("dossiers", "ChecklistRule")
    Exemption = apps.get_model("dossiers", "Exemption")
    RegulatedActivity = apps.get_model("dossiers", "RegulatedActivity")
    for key, _order, label, _en, _req, _counts, _regulated, _age, _evidence, help_text in RULES:
        words = RULE_TRANSLATIONS.get(key, {})
        for rule in ChecklistRule.objects.filter(key=key):
            if rule.label == label and "label" in words:
                rule.label_translations = _merged(words["label"], rule.label_translations)
            if help_text and rule.help_text == help_text and "help" in words:
                rule.help_translations = _merged(words["help"], rule.help_translations)
            rule.save(update_fields=["label_translations", "help_translations"])
    for key, _order, label, _en, _outcome in EXEMPTIONS:
        for exemption in Exemption.objects.filter(key=key, label=label):
            exemption.label_translations = _merged(EXEMPTION_TRANSLATIONS[key], exemption.label_translations)
            exemption.save(update_fields=["label_translations"])
    for label, words in REGULATED_TRANSLATIONS.items():
        for activity in RegulatedActivity.objects.filter(label=label):
            activity.label_translations = _merged(words, activity.label_translations)
            activity.save(update_fields=["label_translations"])


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_applicant_identity")]

    operations = [
        migrations.AddField(
            model_name="checklistrule",
            name="help_translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='e.g. {"en": "Required in Brussels and Flanders."}',
                verbose_name="explanations in other languages",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
