"""Residence permits already attached to a dossier become residence documents of the person's file: from now on
their downloads are logged and the retention schedule deletes them with the residence situation.

A migration writes the pipeline's rows here because only the dossiers know which annexes are residence permits
(the checklist item they were attached for); it sets the one flag the pipeline's service sets for new uploads.
"""

from django.db import migrations

RESIDENCE_RULES = ("residence",)  # interlab.dossiers.models.RESIDENCE_RULES when this was written


def mark(apps, schema_editor):
    DossierAnnex = apps.get_model("dossiers", "DossierAnnex")
    Document = apps.get_model("crm", "Document")
    ids = DossierAnnex.objects.filter(rule__key__in=RESIDENCE_RULES).values("document_id")
    Document.objects.filter(pk__in=ids).update(residence_document=True)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_default_rules"), ("crm", "0007_document_residence_document")]
    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
