"""Old eligibility tasks lose the residence situation their title carried (crm migration 0009)."""

import importlib

import pytest
from django.apps import apps

from interlab.crm.models import Task
from tests.factories import EntrepreneurFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("interlab.crm.migrations.0009_task_titles_without_residence")


def test_the_situation_in_brackets_is_taken_off_and_other_titles_stay():
    person = EntrepreneurFactory()
    titles = [
        "Carte professionnelle\u00a0: vérifier si Amina Diallo en a besoin (réfugié·e reconnu·e)",
        "Professional card: check whether Amina Diallo needs one (recognised refugee)",
        "Appeler la commune (mardi)",
    ]
    tasks = [Task.objects.create(entrepreneur=person, title=title) for title in titles]
    migration.strip_situation(apps, None)
    assert [Task.objects.get(pk=t.pk).title for t in tasks] == [
        "Carte professionnelle\u00a0: vérifier si Amina Diallo en a besoin",
        "Professional card: check whether Amina Diallo needs one",
        "Appeler la commune (mardi)",
    ]
