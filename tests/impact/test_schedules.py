"""The impact app's django-q2 schedules exist after migrate, once each, the nightly one at night."""

import pytest
from django.utils import timezone
from django_q.models import Schedule

from interlab.impact.schedules import SCHEDULES, ensure_schedules

pytestmark = pytest.mark.django_db


def test_every_schedule_exists_once_and_the_nightly_one_runs_at_night():
    ensure_schedules()  # a second migrate adds nothing
    names = [name for name, *_rest in SCHEDULES]
    assert sorted(Schedule.objects.filter(name__in=names).values_list("name", flat=True)) == sorted(names)
    assert Schedule.objects.get(name="impact.refresh_stage_spells").minutes == 10
    nightly = Schedule.objects.get(name="impact.refresh_participants")
    assert nightly.func == "interlab.impact.tasks.refresh_participants"
    assert nightly.schedule_type == Schedule.DAILY
    local = timezone.localtime(nightly.next_run)
    assert (local.hour, local.minute) == (3, 30) and local > timezone.localtime()
