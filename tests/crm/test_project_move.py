import pytest

from interlab.core.errors import Conflict
from interlab.crm import services
from interlab.crm.models import StageTransition
from tests.factories import make_project, stage

pytestmark = pytest.mark.django_db


def test_a_new_project_starts_in_intake_with_an_event(coach):
    project = make_project(coach=coach)
    assert project.stage.key == "intake"
    event = StageTransition.objects.get(project=project)
    assert event.from_stage is None and event.to_stage.key == "intake" and event.by == coach


def test_it_moves_to_an_allowed_stage_and_records_who_when_why(coach):
    project = make_project(coach=coach)
    event = services.project_move(project=project, to_stage=stage("idea"), by=coach, reason="  idée claire ")
    project.refresh_from_db()
    assert project.stage.key == "idea"
    assert project.stage_entered_at == event.at
    assert (event.from_stage.key, event.to_stage.key, event.by, event.reason) == (
        "intake",
        "idea",
        coach,
        "idée claire",
    )


def test_it_refuses_a_jump_the_stage_rules_do_not_allow(coach):
    project = make_project(coach=coach)
    with pytest.raises(Conflict) as refused:
        services.project_move(project=project, to_stage=stage("launched"), by=coach)
    assert refused.value.code == "transition_not_allowed"
    project.refresh_from_db()
    assert project.stage.key == "intake"
    assert StageTransition.objects.filter(project=project).count() == 1


def test_launch_needs_an_enterprise_number(coach):
    project = make_project(coach=coach, path=["idea", "project", "financing", "admin-legal", "registration"])
    with pytest.raises(Conflict) as refused:
        services.project_move(project=project, to_stage=stage("launched"), by=coach)
    assert refused.value.code == "enterprise_number_required"
    services.project_update(project=project, by=coach, enterprise_number="0403.170.701")
    services.project_move(project=project, to_stage=stage("launched"), by=coach)
    project.refresh_from_db()
    assert project.stage.key == "launched"


def test_an_exit_stage_needs_a_reason_and_is_reachable_from_anywhere(coach):
    project = make_project(coach=coach, path=["idea", "project"])
    with pytest.raises(Conflict) as refused:
        services.project_move(project=project, to_stage=stage("abandoned"), by=coach, reason="  ")
    assert refused.value.code == "reason_required"
    services.project_move(project=project, to_stage=stage("abandoned"), by=coach, reason="Emploi salarié trouvé")
    project.refresh_from_db()
    assert project.stage.key == "abandoned"


def test_a_paused_project_resumes_where_it_fits(coach):
    project = make_project(coach=coach, path=["idea", "paused"])
    services.project_move(project=project, to_stage=stage("project"), by=coach)
    project.refresh_from_db()
    assert project.stage.key == "project"


def test_project_update_cannot_change_the_stage(coach):
    project = make_project(coach=coach)
    with pytest.raises(TypeError):
        services.project_update(project=project, by=coach, stage=stage("launched"))
