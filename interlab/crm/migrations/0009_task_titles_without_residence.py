"""Tasks raised by the professional-card eligibility check used to end with the person's residence situation in
brackets ("… needs one (recognised refugee)"): a title is read by anyone who sees the task, unlogged, and never
cleared. The bracket is taken off; the title says the rest."""

import re

from django.db import migrations

PATTERNS = [
    re.compile(r"^(Professional card: check whether .+ needs one) \([^()]*\)$"),
    re.compile(r"^(Carte professionnelle\s?: vérifier si .+ en a besoin) \([^()]*\)$"),
]


def strip_situation(apps, schema_editor):
    Task = apps.get_model("crm", "Task")
    for task in Task.objects.filter(title__contains="(").only("pk", "title").iterator():
        for pattern in PATTERNS:
            match = pattern.match(task.title)
            if match:
                Task.objects.filter(pk=task.pk).update(title=match.group(1))
                break


class Migration(migrations.Migration):
    dependencies = [("crm", "0008_referral_answer")]

    operations = [migrations.RunPython(strip_situation, migrations.RunPython.noop)]
