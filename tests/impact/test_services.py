"""What coaches record after launch stays whole when two of them write at once."""

import pytest

from interlab.impact import services
from interlab.impact.models import FollowUp
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_two_coaches_recording_the_same_milestone_at_once_leave_one_corrected_row(coach, monkeypatch):
    project = make_project(coach=coach)
    services.follow_up_record(project=project, by=coach, months_after_launch=12, operating=True, jobs_full_time=1)
    # The second coach read "no row yet" just before the first one saved it.
    monkeypatch.setattr(services, "_current_follow_up", lambda project, months: None)
    services.follow_up_record(project=project, by=coach, months_after_launch=12, operating=False, jobs_full_time=3)
    row = FollowUp.objects.get(project=project, months_after_launch=12)
    assert (row.operating, row.jobs_full_time) == (False, 3)
    assert FollowUp.objects.filter(project=project).count() == 1
