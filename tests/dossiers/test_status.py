"""The procedure: draft → ready → submitted → forwarded → info requested / inadmissible → granted / refused / closed."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from interlab.core.errors import Conflict, Forbidden
from interlab.dossiers import services
from interlab.dossiers.models import Status


def advance(dossier, coach, *steps):
    for to, details in steps:
        dossier = services.status_change(dossier=dossier, by=coach, to=to, **details)
    return dossier


def test_a_draft_is_not_ready_while_items_are_missing(dossier, coach, english):
    with pytest.raises(Conflict) as caught:
        services.status_change(dossier=dossier, by=coach, to="ready")
    assert caught.value.code == "not_ready"
    assert any("Missing" in p for p in caught.value.extra["problems"])


def test_an_unbalanced_plan_blocks_ready(full_dossier, coach, english):
    services.dossier_update(dossier=full_dossier, by=coach, finance={"uses": [{"label": "Four", "amount": "100"}]})
    with pytest.raises(Conflict) as caught:
        services.status_change(dossier=full_dossier, by=coach, to="ready")
    assert any("not balanced" in p for p in caught.value.extra["problems"])


def test_an_exempt_person_has_no_dossier_to_make_ready(full_dossier, coach):
    from interlab.dossiers.models import Exemption

    services.eligibility_set(dossier=full_dossier, by=coach, exemption=Exemption.objects.get(key="refugee"))
    with pytest.raises(Conflict):
        services.status_change(dossier=full_dossier, by=coach, to="ready")


def test_the_owner_may_mark_a_complete_dossier_ready(full_dossier, entrepreneur_user):
    dossier = services.status_change(dossier=full_dossier, by=entrepreneur_user, to="ready")
    assert dossier.status == Status.READY


def test_the_owner_cannot_record_the_procedure(full_dossier, coach, entrepreneur_user):
    advance(full_dossier, coach, ("ready", {}))
    with pytest.raises(Forbidden):
        services.status_change(dossier=full_dossier, by=entrepreneur_user, to="submitted", guichet="UCM")


def test_the_whole_way_to_a_granted_card(full_dossier, coach):
    today = timezone.localdate()
    dossier = advance(
        full_dossier,
        coach,
        ("ready", {}),
        ("submitted", {"guichet": "Guichet UCM Liège", "submitted_on": today - timedelta(days=20)}),
        ("forwarded", {}),
        ("info_requested", {"info_requested": "Preuve de domicile"}),
        ("forwarded", {"forwarded_on": today}),
        ("granted", {"card_number": "PC-2026-0042", "valid_from": today, "valid_until": today + timedelta(days=730)}),
    )
    assert dossier.status == Status.GRANTED
    assert dossier.guichet == "Guichet UCM Liège" and dossier.card_number == "PC-2026-0042"


def test_submission_needs_the_guichet_and_defaults_to_today(full_dossier, coach):
    advance(full_dossier, coach, ("ready", {}))
    with pytest.raises(ValidationError) as caught:
        services.status_change(dossier=full_dossier, by=coach, to="submitted")
    assert "guichet" in caught.value.message_dict
    dossier = services.status_change(dossier=full_dossier, by=coach, to="submitted", guichet="Xerius")
    assert dossier.submitted_on == timezone.localdate()


def test_a_refusal_keeps_its_reason_and_appeal_deadline(full_dossier, coach):
    dossier = advance(
        full_dossier,
        coach,
        ("ready", {}),
        ("submitted", {"guichet": "UCM"}),
        ("forwarded", {}),
        ("refused", {"refusal_reason": "Intérêt économique insuffisant", "appeal_deadline": date(2030, 1, 31)}),
    )
    assert dossier.refusal_reason and dossier.appeal_deadline == date(2030, 1, 31)
    assert services.status_change(dossier=dossier, by=coach, to="draft").status == Status.DRAFT


def test_inadmissible_and_closed_are_reachable(full_dossier, coach):
    dossier = advance(full_dossier, coach, ("ready", {}), ("submitted", {"guichet": "UCM"}))
    dossier = services.status_change(
        dossier=dossier, by=coach, to="inadmissible", inadmissible_reason="Pièce manquante"
    )
    assert dossier.status == Status.INADMISSIBLE
    dossier = advance(dossier, coach, ("draft", {}), ("ready", {}), ("submitted", {"guichet": "UCM"}), ("closed", {}))
    assert dossier.status == Status.CLOSED and dossier.closed_on == timezone.localdate()


def test_a_card_valid_more_than_five_years_is_refused(full_dossier, coach):
    today = timezone.localdate()
    advance(full_dossier, coach, ("ready", {}), ("submitted", {"guichet": "UCM"}), ("forwarded", {}))
    with pytest.raises(ValidationError):
        services.status_change(
            dossier=full_dossier,
            by=coach,
            to="granted",
            card_number="X",
            valid_from=today,
            valid_until=today + timedelta(days=6 * 365),
        )
    with pytest.raises(ValidationError):
        services.status_change(
            dossier=full_dossier, by=coach, to="granted", card_number="X", valid_from=today, valid_until=today
        )


def test_skipping_steps_is_a_conflict(full_dossier, coach):
    with pytest.raises(Conflict) as caught:
        services.status_change(dossier=full_dossier, by=coach, to="granted")
    assert caught.value.code == "invalid_transition"


def test_details_of_another_step_are_refused(full_dossier, coach):
    with pytest.raises(ValidationError):
        services.status_change(dossier=full_dossier, by=coach, to="ready", card_number="X")


def test_a_ready_dossier_returns_to_draft_when_an_item_goes_missing(full_dossier, coach):
    advance(full_dossier, coach, ("ready", {}))
    services.item_set(dossier=full_dossier, by=coach, key="identity", state="missing")
    full_dossier.refresh_from_db()
    assert full_dossier.status == Status.DRAFT


def test_a_submitted_dossier_is_no_longer_edited(full_dossier, coach):
    advance(full_dossier, coach, ("ready", {}), ("submitted", {"guichet": "UCM"}))
    with pytest.raises(Conflict):
        services.dossier_update(dossier=full_dossier, by=coach, market="changed")


def test_a_future_submission_date_is_refused(full_dossier, coach):
    advance(full_dossier, coach, ("ready", {}))
    with pytest.raises(ValidationError):
        services.status_change(
            dossier=full_dossier,
            by=coach,
            to="submitted",
            guichet="UCM",
            submitted_on=timezone.localdate() + timedelta(days=3),
        )


@pytest.mark.parametrize(
    "valid_from, valid_until",
    [("9999-01-01", "9999-12-31"), ("9999-12-30", "9999-12-31"), ("0001-01-01", "9999-12-31")],
)
def test_a_card_at_the_edge_of_the_calendar_is_a_422_not_a_500(client, full_dossier, coach, valid_from, valid_until):
    advance(full_dossier, coach, ("ready", {}), ("submitted", {"guichet": "UCM"}), ("forwarded", {}))
    client.force_login(coach)
    body = {"status": "granted", "card_number": "X", "valid_from": valid_from, "valid_until": valid_until}
    response = client.patch(f"/api/v1/dossiers/{full_dossier.pk}", json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content
    full_dossier.refresh_from_db()
    assert full_dossier.status == Status.FORWARDED and full_dossier.card_number == ""
    page = client.post(
        reverse("dossiers:status", args=[full_dossier.pk]),
        {"to": "granted", "card_number": "X", "valid_from": valid_from, "valid_until": valid_until},
    )
    assert page.status_code == 302
    full_dossier.refresh_from_db()
    assert full_dossier.status == Status.FORWARDED


@pytest.mark.parametrize("deadline", [date(1, 1, 1), date(9999, 12, 31)])
def test_an_appeal_deadline_in_year_1_or_9999_is_refused(full_dossier, coach, deadline):
    advance(full_dossier, coach, ("ready", {}), ("submitted", {"guichet": "UCM"}), ("forwarded", {}))
    with pytest.raises(ValidationError) as caught:
        services.status_change(
            dossier=full_dossier, by=coach, to="refused", refusal_reason="Dossier incomplet", appeal_deadline=deadline
        )
    assert "appeal_deadline" in caught.value.message_dict
    full_dossier.refresh_from_db()
    assert full_dossier.status == Status.FORWARDED and full_dossier.refusal_reason == ""
