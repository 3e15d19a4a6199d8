"""Checklist rules as data: required / optional / uncertain, by activity, freshness, and who may set which state."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from interlab.core.errors import Forbidden
from interlab.crm import services as crm_services
from interlab.dossiers import services
from interlab.dossiers.checklist import checklist, is_ready, missing
from interlab.dossiers.models import ChecklistRule, ItemState
from tests.dossiers.factories import make_dossier, pdf_bytes, upload


def lines_by_key(dossier):
    return {line.key: line for line in checklist(dossier)}


def provide_all_needed(dossier, by):
    for line in checklist(dossier):
        date = timezone.localdate() if line.rule.max_age_days or line.rule.evidence == "fact_only" else None
        services.item_set(dossier=dossier, by=by, key=line.key, state="provided", document_date=date)


def test_a_new_dossier_lists_the_default_items_all_missing(dossier):
    lines = lines_by_key(dossier)
    assert {"identity", "residence", "criminal_record", "business_plan", "interest", "fee"} <= set(lines)
    assert all(line.state == ItemState.MISSING for line in lines.values())
    assert not is_ready(list(lines.values()))


def test_it_is_ready_when_every_needed_item_is_provided(dossier, coach):
    provide_all_needed(dossier, coach)
    assert is_ready(checklist(dossier))


def test_a_missing_required_item_blocks_readiness(dossier, coach):
    provide_all_needed(dossier, coach)
    services.item_set(dossier=dossier, by=coach, key="identity", state="missing")
    assert [line.key for line in missing(checklist(dossier))] == ["identity"]


def test_an_optional_item_never_blocks(dossier, coach):
    provide_all_needed(dossier, coach)
    services.item_set(dossier=dossier, by=coach, key="translations", state="missing")
    assert lines_by_key(dossier)["translations"].rule.requirement == "optional"
    assert is_ready(checklist(dossier))


def test_an_uncertain_item_counts_while_it_is_switched_on(dossier, coach):
    provide_all_needed(dossier, coach)
    services.item_set(dossier=dossier, by=coach, key="photos", state="missing")
    assert not is_ready(checklist(dossier))
    ChecklistRule.objects.filter(key="photos").update(counts_for_readiness=False)
    assert is_ready(checklist(dossier))


def test_a_coach_can_mark_an_item_not_applicable(dossier, coach):
    provide_all_needed(dossier, coach)
    services.item_set(dossier=dossier, by=coach, key="fee", state="not_applicable")
    assert is_ready(checklist(dossier))


def test_the_entrepreneur_cannot_verify_nor_mark_not_applicable(dossier, entrepreneur_user):
    for state in ("verified", "not_applicable"):
        with pytest.raises(Forbidden):
            services.item_set(dossier=dossier, by=entrepreneur_user, key="identity", state=state)


def test_the_entrepreneur_cannot_undo_a_coachs_verification(dossier, coach, entrepreneur_user):
    services.item_set(dossier=dossier, by=coach, key="identity", state="verified")
    with pytest.raises(Forbidden):
        services.item_set(dossier=dossier, by=entrepreneur_user, key="identity", state="missing")


def test_verified_records_who_verified(dossier, coach):
    item = services.item_set(dossier=dossier, by=coach, key="identity", state="verified")
    assert item.verified_by == coach


def test_regulated_activities_need_proof_of_competence(project, coach):
    crm_services.project_update(project=project, by=coach, nace_code="56.210")
    dossier = make_dossier(project=project, by=coach)
    assert dossier.regulated
    assert lines_by_key(dossier)["competence"].needed


def test_other_activities_do_not_list_it(dossier):
    assert not dossier.regulated
    assert "competence" not in lines_by_key(dossier)
    with pytest.raises(ValidationError):
        services.item_set(dossier=dossier, by=dossier.created_by, key="competence", state="provided")


def test_a_coach_can_declare_the_activity_regulated(dossier, coach, entrepreneur_user):
    with pytest.raises(Forbidden):
        services.dossier_update(dossier=dossier, by=entrepreneur_user, regulated=True)
    services.dossier_update(dossier=dossier, by=coach, regulated=True)
    assert "competence" in lines_by_key(dossier)


def test_a_criminal_record_extract_older_than_six_months_is_not_enough(dossier, coach):
    old = timezone.localdate() - timedelta(days=200)
    services.item_set(dossier=dossier, by=coach, key="criminal_record", state="verified", document_date=old)
    line = lines_by_key(dossier)["criminal_record"]
    assert line.expired and not line.satisfied
    assert line.expires_on == old + timedelta(days=183)


def test_a_fresh_extract_is_enough(dossier, coach):
    recent = timezone.localdate() - timedelta(days=30)
    services.item_set(dossier=dossier, by=coach, key="criminal_record", state="verified", document_date=recent)
    assert lines_by_key(dossier)["criminal_record"].satisfied


def test_the_criminal_record_keeps_only_the_fact_and_its_date(dossier, coach):
    with pytest.raises(ValidationError):
        services.item_set(dossier=dossier, by=coach, key="criminal_record", state="verified")


def test_the_entrepreneur_cannot_upload_the_criminal_record_itself(dossier, entrepreneur_user):
    with pytest.raises(Forbidden):
        services.annex_add(
            dossier=dossier, by=entrepreneur_user, uploaded=upload(pdf_bytes()), rule_key="criminal_record"
        )


def test_a_future_document_date_is_refused(dossier, coach):
    with pytest.raises(ValidationError):
        services.item_set(
            dossier=dossier, by=coach, key="criminal_record", document_date=timezone.localdate() + timedelta(days=1)
        )


def test_an_inactive_rule_leaves_the_checklist(dossier):
    ChecklistRule.objects.filter(key="fee").update(active=False)
    assert "fee" not in lines_by_key(dossier)


def test_a_new_rule_added_by_an_admin_appears_on_open_dossiers(dossier):
    ChecklistRule.objects.create(key="lease", label="Bail commercial", requirement="required", order=200)
    assert lines_by_key(dossier)["lease"].needed


def test_an_unknown_state_is_refused(dossier, coach):
    with pytest.raises(ValidationError):
        services.item_set(dossier=dossier, by=coach, key="identity", state="lost")


def test_uploading_an_annex_for_an_item_marks_it_provided_and_removing_it_undoes_that(dossier, entrepreneur_user):
    annex = services.annex_add(dossier=dossier, by=entrepreneur_user, uploaded=upload(pdf_bytes()), rule_key="identity")
    assert lines_by_key(dossier)["identity"].state == "provided"
    assert annex.document.entrepreneur == dossier.project.entrepreneur
    services.annex_remove(annex=annex, by=entrepreneur_user)
    assert lines_by_key(dossier)["identity"].state == "missing"
