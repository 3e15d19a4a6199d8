"""The partner portal: a partner organisation sees the referrals sent to it (only what the person consented to
share, never the residence situation), answers them, and the coach sees the answer; the needs report counts it."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from interlab.core import services as core_services
from interlab.core.models import Role
from interlab.crm import services
from interlab.crm.choices import PARTNER_SHARING_PURPOSE
from tests.factories import EntrepreneurFactory, PartnerFactory, UserFactory, make_project

pytestmark = pytest.mark.django_db

RESIDENCE = "subsidiary"


@pytest.fixture
def organisation(partner_user):
    organisation = PartnerFactory(name="Microcrédit Liège", category="financing", needs=["financing"])
    organisation.users.add(partner_user)
    return organisation


def _person(coach, *, consented: bool, first_name="Zeynep", last_name="Kaya"):
    person = EntrepreneurFactory(
        first_name=first_name, last_name=last_name, email=f"{first_name.lower()}@example.org", phone="+32 470 11 22 33"
    )
    person.spoken_languages.create(code="tr", level="native")
    services.sensitive_profile_update(
        entrepreneur=person, by=coach, residence_situation=RESIDENCE, country_of_origin="Turquie"
    )
    make_project(entrepreneur=person, coach=coach, title="Boulangerie")
    if consented:
        text = core_services.consent_text_ensure(
            key="partners", version=1, language="fr", body="Partage.", purposes=[PARTNER_SHARING_PURPOSE]
        )
        services.consent_record(entrepreneur=person, text=text, purposes=[PARTNER_SHARING_PURPOSE], by=coach)
    return person


@pytest.fixture
def referral(coach, organisation):
    person = _person(coach, consented=True)
    return services.referral_create(entrepreneur=person, partner=organisation, by=coach, purpose="Microcrédit four")


@pytest.fixture
def withheld(coach, organisation):
    person = _person(coach, consented=False, first_name="Hidden", last_name="Person")
    return services.referral_create(entrepreneur=person, partner=organisation, by=coach, purpose="Microcrédit vélo")


def _answer(client, referral, **body):
    return client.post(
        f"/api/v1/referrals/{referral.pk}/answer", data=json.dumps(body), content_type="application/json"
    )


# --- what a partner sees ------------------------------------------------------------------------------------


def test_a_partner_lists_only_the_referrals_sent_to_their_organisation(client, partner_user, referral, coach):
    elsewhere = services.referral_create(
        entrepreneur=referral.entrepreneur, partner=PartnerFactory(), by=coach, purpose="Ailleurs"
    )
    client.force_login(partner_user)
    ids = [item["id"] for item in client.get("/api/v1/referrals").json()["items"]]
    assert ids == [referral.pk] and elsewhere.pk not in ids


def test_a_referral_of_another_organisation_is_not_found_for_a_partner(client, referral):
    stranger = UserFactory(role=Role.PARTNER)
    PartnerFactory().users.add(stranger)
    client.force_login(stranger)
    statuses = [
        client.get(f"/api/v1/referrals/{referral.pk}").status_code,
        _answer(client, referral, status="accepted").status_code,
        client.get(f"/app/partner/referrals/{referral.pk}/").status_code,
    ]
    assert statuses == [404, 404, 404]


def test_a_partner_sees_name_and_contact_when_the_person_consented(client, partner_user, referral):
    client.force_login(partner_user)
    person = client.get(f"/api/v1/referrals/{referral.pk}").json()["person"]
    assert person == {
        "first_name": "Zeynep",
        "last_name": "Kaya",
        "email": "zeynep@example.org",
        "phone": "+32 470 11 22 33",
        "languages": ["tr"],
    }


def test_a_partner_sees_no_name_nor_contact_without_consent(client, partner_user, withheld):
    client.force_login(partner_user)
    api = client.get(f"/api/v1/referrals/{withheld.pk}").content.decode()
    page = client.get(f"/app/partner/referrals/{withheld.pk}/").content.decode()
    assert [word for word in ("Hidden", "hidden@example.org", "470 11 22 33") if word in api + page] == []


def test_a_withdrawn_consent_hides_the_name_again(client, partner_user, referral):
    referral.entrepreneur.consents.update(withdrawn_at=timezone.now())
    client.force_login(partner_user)
    assert client.get(f"/api/v1/referrals/{referral.pk}").json()["person"] is None


def test_a_partner_never_sees_the_residence_situation_or_origin(client, partner_user, referral):
    client.force_login(partner_user)
    seen = (
        client.get("/api/v1/referrals").content.decode()
        + client.get(f"/api/v1/referrals/{referral.pk}").content.decode()
        + client.get("/app/partner/").content.decode()
        + client.get(f"/app/partner/referrals/{referral.pk}/").content.decode()
    )
    assert [word for word in (RESIDENCE, "residence", "Turquie", "country_of_origin") if word in seen] == []


def test_a_partner_lands_on_their_referrals_after_login(client, partner_user, organisation):
    client.force_login(partner_user)
    assert client.get("/app/")["Location"] == "/app/partner/"


def test_the_partner_home_puts_what_waits_for_an_answer_first(client, partner_user, referral, withheld):
    services.referral_answer(referral=referral, by=partner_user, outcome="accepted")
    client.force_login(partner_user)
    html = client.get("/app/partner/").content.decode()
    assert html.index(f'data-referral="{withheld.pk}"') < html.index(f'data-referral="{referral.pk}"')


def test_the_partner_home_counts_the_referrals_by_state(client, partner_user, referral, withheld):
    services.referral_answer(referral=referral, by=partner_user, outcome="accepted")
    client.force_login(partner_user)
    counts = client.get("/app/partner/").context["counts"]
    assert (counts["pending"], counts["accepted"]) == (1, 1)


# --- the answer ---------------------------------------------------------------------------------------------


def test_the_answer_records_outcome_date_and_note(client, partner_user, referral):
    client.force_login(partner_user)
    day = timezone.localdate().isoformat()
    body = _answer(client, referral, status="done", note="Prêt accordé.", date=day).json()
    assert (body["status"], body["outcome"], body["outcome_on"], body["note"]) == (
        "done",
        "completed",
        day,
        "Prêt accordé.",
    )


def test_the_answer_page_records_the_answer(client, partner_user, referral):
    client.force_login(partner_user)
    response = client.post(f"/app/partner/referrals/{referral.pk}/", {"status": "declined", "note": "Trop tôt."})
    referral.refresh_from_db()
    assert (response.status_code, referral.outcome, referral.answer_note) == (302, "declined", "Trop tôt.")


def test_a_closed_referral_cannot_be_answered_again(client, partner_user, referral):
    services.referral_answer(referral=referral, by=partner_user, outcome="declined")
    client.force_login(partner_user)
    response = _answer(client, referral, status="accepted")
    assert (response.status_code, response.json()["code"]) == (409, "referral_closed")


def test_an_accepted_referral_cannot_be_accepted_twice(client, partner_user, referral):
    services.referral_answer(referral=referral, by=partner_user, outcome="accepted")
    client.force_login(partner_user)
    assert _answer(client, referral, status="accepted").status_code == 409


def test_an_accepted_referral_can_then_be_done(client, partner_user, referral):
    services.referral_answer(referral=referral, by=partner_user, outcome="accepted")
    client.force_login(partner_user)
    assert _answer(client, referral, status="done").json()["status"] == "done"


@pytest.mark.parametrize(
    "body",
    [
        {"status": "maybe"},
        {},
        {"status": "accepted", "date": "07/12/2026"},
        {"status": "accepted", "date": 0},
        {"status": "accepted", "note": "x" * 2001},
        {"status": "accepted", "date": (timezone.localdate() + timedelta(days=1)).isoformat()},
        {"status": "accepted", "date": (timezone.localdate() - timedelta(days=400)).isoformat()},
    ],
    ids=["unknown-status", "no-status", "not-iso-date", "number-date", "long-note", "future", "before-referral"],
)
def test_bad_input_is_refused_with_422_and_nothing_changes(client, partner_user, referral, body):
    client.force_login(partner_user)
    response = _answer(client, referral, **body)
    referral.refresh_from_db()
    assert (response.status_code, referral.outcome) == (422, "pending")


def test_a_coach_sees_the_referral_but_cannot_answer_for_the_partner(client, coach, referral):
    client.force_login(coach)
    assert _answer(client, referral, status="accepted").status_code == 403


def test_an_unknown_referral_is_not_found(client, partner_user, organisation):
    client.force_login(partner_user)
    assert (
        client.post(
            "/api/v1/referrals/999999/answer", data='{"status": "accepted"}', content_type="application/json"
        ).status_code
        == 404
    )


# --- what the coach sees, and the needs report ----------------------------------------------------------------


def test_the_coach_sees_the_answer_on_the_persons_timeline(client, coach, partner_user, referral):
    services.referral_answer(referral=referral, by=partner_user, outcome="accepted", note="Rendez-vous le 12.")
    client.force_login(coach)
    html = client.get(f"/app/entrepreneurs/{referral.entrepreneur_id}/").content.decode()
    answer = html[html.index(f'data-referral-answer="{referral.pk}"') :]
    assert "Rendez-vous le 12." in answer[: answer.index("</li>")]


def test_the_coach_is_mailed_when_the_partner_answers(
    coach, partner_user, referral, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_answer(referral=referral, by=partner_user, outcome="declined", note="Trop tôt.")
    assert [(m.to, "Trop tôt." in m.body) for m in mailoutbox] == [([coach.email], True)]


def test_the_needs_report_counts_the_partners_answers(coach, partner_user, organisation):
    from interlab.impact import selectors as impact
    from interlab.impact.disclosure import unperturbed

    for n in range(6):
        person = _person(coach, consented=False, first_name=f"P{n}")
        referral = services.referral_create(entrepreneur=person, partner=organisation, by=coach, purpose="Crédit")
        if n < 5:
            services.referral_answer(referral=referral, by=partner_user, outcome="accepted")
    scope = impact.scope_for(coach, period=str(timezone.localdate().year))
    with unperturbed():
        report = impact.needs_report(coach, scope)
    row = next(r for r in report["referrals"] if r["partner"] == organisation.name)
    outcomes = {o["key"]: (o["value"], o["suppressed"]) for o in row["outcomes"]}
    assert outcomes["accepted"] == (5, False)


def test_a_coach_lists_every_referral_and_other_roles_are_refused(client, coach, mentor, referral, withheld):
    client.force_login(coach)
    listed = {item["id"] for item in client.get("/api/v1/referrals").json()["items"]}
    client.force_login(mentor)
    assert (listed, client.get("/api/v1/referrals").status_code) == ({referral.pk, withheld.pk}, 403)


def test_an_erased_persons_referral_is_gone_from_the_partners_view(client, coach, partner_user, referral):
    services.entrepreneur_erase(entrepreneur=referral.entrepreneur, by=coach)
    client.force_login(partner_user)
    assert client.get(f"/api/v1/referrals/{referral.pk}").status_code == 404
