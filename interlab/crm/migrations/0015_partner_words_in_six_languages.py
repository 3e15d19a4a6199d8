"""Partners say what they do in the reader's language (`description_translations`, filled in for the default
partners whose French description is still the default), and a fresh install publishes the consent to share one's
name with partners in the six languages of the interface, so that the form asks for it in the visitor's language.
"""

from django.db import migrations, models

from interlab.crm.consent_texts import PARTNER_CONSENT_PURPOSES, PARTNER_CONSENT_V1
from interlab.crm.defaults import PARTNER_DESCRIPTIONS, PARTNERS


def fill(apps, schema_editor):
    Partner = apps.get_model("crm", "Partner")
    ConsentText = apps.get_model("core", "ConsentText")
    for default in PARTNERS:
        words = PARTNER_DESCRIPTIONS.get(default["name"])
        if not words:
            continue
        for partner in Partner.objects.filter(name=default["name"], description=default["description"]):
            current = partner.description_translations if isinstance(partner.description_translations, dict) else {}
            partner.description_translations = {**words, **{code: text for code, text in current.items() if text}}
            partner.save(update_fields=["description_translations"])
    published = ConsentText.objects.filter(key="partners")
    if any(text.version != 1 or PARTNER_CONSENT_V1.get(text.language) != text.body for text in published):
        return  # an admin wrote their own wording: the other languages are theirs to add, in the same words
    for language, body in PARTNER_CONSENT_V1.items():
        ConsentText.objects.get_or_create(
            key="partners", version=1, language=language, defaults={"body": body, "purposes": PARTNER_CONSENT_PURPOSES}
        )


class Migration(migrations.Migration):
    dependencies = [("crm", "0014_verbose_names"), ("core", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="description_translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='e.g. {"en": "Professional microcredit and support."}',
                verbose_name="what they do, in other languages",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
