"""The Statbel survival baselines for Wallonia (../shared/DOMAIN.md), as editable rows."""

from django.db import migrations

BASELINES = [
    (12, "90.90", "Entreprises créées en 2022 encore actives un an plus tard", "Statbel, démographie des entreprises"),
    (60, "65.40", "Entreprises créées en 2017 encore actives en 2022", "Statbel, démographie des entreprises"),
]


def add(apps, schema_editor):
    SurvivalBaseline = apps.get_model("impact", "SurvivalBaseline")
    for months, rate, reference, source in BASELINES:
        SurvivalBaseline.objects.get_or_create(
            region="Wallonie", months=months, defaults={"rate": rate, "reference": reference, "source": source}
        )


def remove(apps, schema_editor):
    SurvivalBaseline = apps.get_model("impact", "SurvivalBaseline")
    SurvivalBaseline.objects.filter(region="Wallonie", months__in=[m for m, *_rest in BASELINES]).delete()


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
