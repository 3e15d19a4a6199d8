"""Search on what people type: each file's phone number kept in E.164 as well, and each project's title normalised.

The rows already there get both copies here, in batches; from now on `save()` writes them.
"""

from django.db import migrations, models

from interlab.core.sms import normalise_phone
from interlab.core.text import normalise

BATCH = 2000


def fill(apps, schema_editor):
    Entrepreneur = apps.get_model("crm", "Entrepreneur")
    Project = apps.get_model("crm", "Project")
    people = []
    for person in Entrepreneur.objects.exclude(phone="").only("pk", "phone").iterator(chunk_size=BATCH):
        person.phone_e164 = normalise_phone(person.phone) or ""
        if person.phone_e164:
            people.append(person)
    Entrepreneur.objects.bulk_update(people, ["phone_e164"], batch_size=BATCH)
    projects = []
    for project in Project.objects.only("pk", "title").iterator(chunk_size=BATCH):
        project.search_text = normalise(project.title)[:400]
        projects.append(project)
    Project.objects.bulk_update(projects, ["search_text"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0012_partners_of_liege"),
    ]

    operations = [
        migrations.AddField(
            model_name="entrepreneur",
            name="phone_e164",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=16),
        ),
        migrations.AddField(
            model_name="project",
            name="search_text",
            field=models.CharField(blank=True, editable=False, max_length=400),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
