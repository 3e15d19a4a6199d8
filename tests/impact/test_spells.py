"""Stage spells follow the pipeline's events incrementally."""

import pytest

from interlab.impact.models import StageSpell
from interlab.impact.spells import spells_refresh, spells_refresh_if_stale, spells_stale
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_a_refresh_adds_the_new_events_and_closes_the_stay_they_end(coach):
    project = make_project(coach=coach, path=["idea"])
    assert spells_refresh() == 2
    stays = list(StageSpell.objects.filter(project=project).order_by("entered_at", "id"))
    assert [s.stage.key for s in stays] == ["intake", "idea"]
    assert stays[0].left_at is not None and stays[0].days == 0 and stays[1].left_at is None

    from interlab.crm import services
    from interlab.crm.models import Stage

    services.project_move(project=project, to_stage=Stage.objects.get(key="project"), by=coach)
    assert spells_stale()
    assert spells_refresh_if_stale() == 1
    idea = StageSpell.objects.get(project=project, stage__key="idea")
    assert idea.left_at is not None and idea.days == 0
    assert StageSpell.objects.filter(project=project, left_at__isnull=True).count() == 1
    assert not spells_stale() and spells_refresh_if_stale() == 0


def test_first_entries_and_the_first_launch_are_flagged_and_scope_follows_the_project(coach):
    from interlab.crm import services
    from interlab.crm.models import Stage
    from interlab.impact.spells import spells_sync_scope
    from tests.factories import ProgrammeFactory

    programme, other = ProgrammeFactory(), ProgrammeFactory()
    path = ["idea", "intake", "idea", "project", "financing", "admin-legal", "registration", "launched", "follow-up"]
    project = make_project(coach=coach, path=path, programme=programme)
    spells_refresh()
    stays = list(StageSpell.objects.filter(project=project).order_by("entered_at", "id"))
    assert [(s.stage.key, s.first_entry) for s in stays[:4]] == [
        ("intake", True),
        ("idea", True),
        ("intake", False),
        ("idea", False),
    ]
    assert [s.stage.key for s in stays if s.first_launch] == ["launched"]
    assert {s.programme_id for s in stays} == {programme.pk}

    # A later event in the same stage is not a first entry; a move to another programme reaches the spells.
    services.project_move(project=project, to_stage=Stage.objects.get(key="paused"), by=coach, reason="pause")
    services.project_update(project=project, by=coach, programme=other)
    spells_refresh()
    assert StageSpell.objects.get(project=project, stage__key="paused").first_entry
    assert spells_sync_scope() == len(path) + 2
    assert set(StageSpell.objects.filter(project=project).values_list("programme_id", flat=True)) == {other.pk}
    assert spells_sync_scope() == 0
