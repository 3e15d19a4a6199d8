"""Becoming a mentor: the public page, the pending application, the coach's answer and the invitation it makes."""

import pytest
from django.core import mail
from django.utils import translation

from interlab.core import accounts
from interlab.core.models import Invitation, Notification, Role
from interlab.mentoring import services
from interlab.mentoring.models import ApplicationStatus, MentorApplication, MentorProfile

pytestmark = pytest.mark.django_db

SIGNUP = "/app/mentoring/become-a-mentor/"
VALID = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "email": "nadia@example.org",
    "is_local": "newcomer",
    "languages": ["fr", "ar"],
    "other_languages": "wo",
    "expertise": "comptabilité, restauration",
    "capacity": "2",
    "hours_per_month": "6",
    "mode": "both",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    from django.core.cache import cache

    cache.clear()


def _apply(**overrides):
    return services.mentor_apply(
        **{
            "first_name": "Nadia",
            "email": "nadia@example.org",
            "languages": ["fr"],
            "expertise": ["comptabilité"],
            **overrides,
        }
    )


def test_the_page_is_public(client):
    assert client.get(SIGNUP).status_code == 200


def test_a_sign_up_makes_a_pending_application(client):
    response = client.post(SIGNUP, VALID)
    assert response.status_code == 302
    application = MentorApplication.objects.get()
    assert (application.status, application.is_local, application.capacity, application.hours_per_month) == (
        ApplicationStatus.PENDING,
        False,
        2,
        6,
    )


def test_a_sign_up_keeps_the_languages_ticked_and_typed(client):
    client.post(SIGNUP, VALID)
    assert [item["code"] for item in MentorApplication.objects.get().languages] == ["fr", "ar", "wo"]


def test_a_sign_up_makes_no_mentor_for_matching(client):
    client.post(SIGNUP, VALID)
    assert not MentorProfile.objects.exists()


def test_every_coach_is_told_of_a_sign_up(client, coach):
    client.post(SIGNUP, VALID)
    assert Notification.objects.filter(user=coach, kind="mentoring.application").count() == 1


def test_bad_input_gets_a_message_and_422(client):
    response = client.post(SIGNUP, {**VALID, "capacity": "99", "other_languages": "elvish"})  # wolof is a language
    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"capacity", "other_languages"}


def test_a_sign_up_without_any_way_to_answer_is_refused(client):
    response = client.post(SIGNUP, {**VALID, "email": "", "phone": ""})
    assert response.status_code == 422


def test_garbage_never_makes_a_500(client):
    response = client.post(SIGNUP, {"capacity": "x" * 5000, "languages": ["zz"], "is_local": "?"})
    assert response.status_code == 422


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_kept(client):
    response = client.post(SIGNUP, {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302 and not MentorApplication.objects.exists()


def test_sign_ups_are_rate_limited_by_address(client, settings):
    settings.RATE_LIMITS = {"mentor_signup": (2, 600)}
    for _ in range(2):
        client.post(SIGNUP, VALID)
    response = client.post(SIGNUP, VALID)
    assert response.status_code == 429


def test_the_coach_sees_pending_applications(client, coach):
    _apply(first_name="Amira")
    client.force_login(coach)
    assert "Amira" in client.get("/app/mentoring/applications/").content.decode()


def test_approving_mails_an_invitation_to_the_applicant(client, coach, django_capture_on_commit_callbacks):
    application = _apply()
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/app/mentoring/applications/{application.pk}/approve/")
    assert [m.to for m in mail.outbox] == [["nadia@example.org"]]


def test_approving_an_applicant_without_e_mail_shows_a_code_to_hand_over(client, coach):
    application = _apply(email="", phone="0470 12 34 56")
    client.force_login(coach)
    response = client.post(f"/app/mentoring/applications/{application.pk}/approve/", follow=True)
    assert any("code" in str(m) for m in response.context["messages"])


def test_the_invited_applicant_becomes_a_mentor_with_what_they_wrote(coach):
    application = _apply(capacity=3, is_local=False)
    invitation, _code = services.mentor_application_approve(application=application, by=coach)
    user = accounts.invitation_redeem(
        invitation_id=invitation.pk, hashed=invitation.code_hash, password="a long passphrase 42"
    )
    mentor = MentorProfile.objects.get(user=user)
    assert (user.role, mentor.capacity, mentor.is_local, mentor.language_codes) == (Role.MENTOR, 3, False, ["fr"])


def test_a_declined_application_gets_no_invitation(client, coach):
    application = _apply()
    client.force_login(coach)
    client.post(f"/app/mentoring/applications/{application.pk}/decline/")
    application.refresh_from_db()
    assert (application.status, Invitation.objects.count()) == (ApplicationStatus.DECLINED, 0)


def test_an_answered_application_cannot_be_approved_again(coach):
    application = _apply()
    services.mentor_application_decline(application=application, by=coach)
    with pytest.raises(services.Conflict):
        services.mentor_application_approve(application=application, by=coach)


def test_the_export_carries_the_application(coach):
    from interlab.mentoring.selectors import export_for_user

    application = _apply()
    invitation, _code = services.mentor_application_approve(application=application, by=coach)
    user = accounts.invitation_redeem(
        invitation_id=invitation.pk, hashed=invitation.code_hash, password="a long passphrase 42"
    )
    assert [a["first_name"] for a in export_for_user(user)["mentor_applications"]] == ["Nadia"]


def test_an_erasure_forgets_the_application():
    _apply(email="nadia@example.org")
    services.mentor_applications_erase(email="NADIA@example.org")
    assert not MentorApplication.objects.exists()


def test_the_page_names_the_languages_in_words(client, coach):
    _apply(first_name="Amira", languages=["ar", "uk"])
    client.force_login(coach)
    page = client.get("/app/mentoring/applications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dd>Arabic, Ukrainian</dd>" in page


def test_an_invited_applicant_is_listed_with_the_state_of_the_code(client, coach):
    application = _apply(first_name="Amira")
    services.mentor_application_approve(application=application, by=coach)
    client.force_login(coach)
    page = client.get("/app/mentoring/applications/").content.decode()
    assert f'data-invited="{application.pk}" data-invitation-state="pending"' in page


def test_a_new_invitation_kills_the_old_code_and_mails_a_new_one(client, coach, django_capture_on_commit_callbacks):
    application = _apply()
    first, _code = services.mentor_application_approve(application=application, by=coach)
    client.force_login(coach)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/app/mentoring/applications/{application.pk}/reinvite/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.live().filter(target_id=application.pk).count() == 1
    assert [m.to for m in mail.outbox] == [["nadia@example.org"]]


def test_a_new_code_for_an_applicant_without_e_mail_is_shown_to_the_coach(client, coach):
    application = _apply(email="", phone="0470 12 34 56")
    services.mentor_application_approve(application=application, by=coach)
    client.force_login(coach)
    response = client.post(f"/app/mentoring/applications/{application.pk}/reinvite/", follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    live = Invitation.objects.live().get(target_id=application.pk)
    code = message.rsplit(" ", 1)[-1]
    assert accounts.code_hash(accounts.code_normalise(code)) == live.code_hash


def test_cancelling_the_invitation_puts_the_application_back_to_wait(client, coach):
    application = _apply()
    invitation, code = services.mentor_application_approve(application=application, by=coach)
    client.force_login(coach)
    client.post(f"/app/mentoring/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    invitation.refresh_from_db()
    assert (application.status, application.decided_at, invitation.state) == (
        ApplicationStatus.PENDING,
        None,
        "revoked",
    )
    with pytest.raises(accounts.CodeRefused):
        accounts.invitation_check(code=code, ip_address="192.0.2.7")


def test_a_joined_mentor_cannot_be_invited_again(client, coach):
    application = _apply()
    invitation, _code = services.mentor_application_approve(application=application, by=coach)
    accounts.invitation_redeem(
        invitation_id=invitation.pk, hashed=invitation.code_hash, password="a long passphrase 42"
    )
    client.force_login(coach)
    response = client.post(f"/app/mentoring/applications/{application.pk}/reinvite/", follow=True)
    with translation.override(coach.preferred_language or "fr"):
        expected = translation.gettext("This person has already joined, or was not invited.")
    assert [str(m) for m in response.context["messages"]] == [expected]
    assert not Invitation.objects.live().exists()


def test_a_visitor_of_the_public_site_finds_the_page_from_the_navigation_and_the_home(client):
    from tests.cms import factories as cms_factories

    cms_factories.home()
    html = client.get("/fr/").content.decode()
    assert f'<a href="{SIGNUP}" data-testid="nav-mentor">' in html
    assert f'<a class="button" href="{SIGNUP}" data-cta="mentor">' in html


def test_a_logged_in_person_has_their_own_navigation_instead(client, coach):
    client.force_login(coach)
    response = client.get("/app/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="nav-notifications"' in html
    assert 'data-testid="nav-mentor"' not in html
