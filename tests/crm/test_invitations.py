"""A coach gives a person of the pipeline a way in: an invitation by e-mail or a printed code, from the file or
the board; a new-password code for someone without e-mail. The person lands logged in on their own path."""

import re

import pytest
from django.core import mail
from django.test import Client

from interlab.core import accounts
from interlab.core.models import Invitation, InvitationKind, User
from interlab.crm import services
from interlab.crm.models import Entrepreneur
from tests.factories import EntrepreneurFactory, make_project

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "tartines au sirop de Liège"


@pytest.fixture
def applicant(coach):
    """A file from the public form: no login."""
    person = EntrepreneurFactory(first_name="Nadia", last_name="Haddad", email="nadia@example.org")
    make_project(entrepreneur=person, coach=coach, title="Couture")
    return person


@pytest.fixture
def applicant_without_email(coach):
    person = EntrepreneurFactory(first_name="Yonas", last_name="Tesfaye", email="")
    make_project(entrepreneur=person, coach=coach, title="Café")
    return person


@pytest.fixture
def coach_client(client, coach):
    client.force_login(coach)
    return client


def code_on_sheet(response) -> str:
    return re.search(r"data-code>([A-Z0-9-]+)<", response.content.decode())[1]


def set_password_with(code: str, *, through_link: bool) -> Client:
    browser = Client()
    if through_link:
        browser.get(f"/account/code/{code}/")
    else:
        browser.post("/account/code/", {"code": code})
    response = browser.post("/account/code/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:400]
    return browser


def test_an_invitation_by_e_mail_links_the_new_login_to_the_file(
    coach_client, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "email"})
    link = re.search(r"https?://\S+(/account/code/\S+/)", mail.outbox[0].body)[1]

    set_password_with(link.split("/")[-2], through_link=True)

    applicant.refresh_from_db()
    assert applicant.user.check_password(NEW_PASSWORD) and applicant.user.email == "nadia@example.org"


def test_after_setting_the_password_the_person_lands_logged_in_on_their_path(coach_client, applicant):
    sheet = coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"})

    browser = set_password_with(code_on_sheet(sheet), through_link=False)

    assert browser.get("/app/", follow=True).redirect_chain[-1][0] == "/app/my/"


def test_a_printed_code_makes_a_login_without_the_file_s_unconfirmed_address(coach_client, applicant):
    sheet = coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"})

    set_password_with(code_on_sheet(sheet), through_link=False)

    applicant.refresh_from_db()
    assert applicant.user.email == ""


def test_the_printed_sheet_shows_the_code_the_link_and_a_qr_code(coach_client, applicant_without_email):
    sheet = coach_client.post(f"/app/entrepreneurs/{applicant_without_email.pk}/invitation/", {"channel": "code"})
    page = sheet.content.decode()
    code = code_on_sheet(sheet)

    assert f"/account/code/{code}/" in page and 'src="data:image/svg+xml' in page


def test_the_sheet_is_not_kept_in_any_cache(coach_client, applicant):
    sheet = coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"})

    assert sheet["Cache-Control"] == "no-store"


def test_a_file_without_e_mail_cannot_be_invited_by_e_mail(coach_client, applicant_without_email):
    coach_client.post(f"/app/entrepreneurs/{applicant_without_email.pk}/invitation/", {"channel": "email"})

    assert not Invitation.objects.exists()


def test_a_file_with_a_login_is_not_invited_again(coach, person):
    with pytest.raises(services.Conflict):
        services.entrepreneur_invite(entrepreneur=person, by=coach, by_email=True)


def test_the_file_shows_the_pending_invitation_with_its_dates(coach_client, applicant):
    coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"})

    page = coach_client.get(f"/app/entrepreneurs/{applicant.pk}/").content.decode()

    assert 'data-invitation-state="pending"' in page and 'data-action="revoke"' in page


def test_revoking_from_the_file_kills_the_code(coach_client, applicant):
    sheet = coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"})
    coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/revoke/")

    response = Client().post("/account/code/", {"code": code_on_sheet(sheet)})

    assert response.status_code == 422 and Invitation.objects.get().state == "revoked"


def test_re_sending_from_the_file_kills_the_old_code(coach_client, applicant):
    old = code_on_sheet(coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"}))
    coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"})

    response = Client().get(f"/account/code/{old}/")

    assert "data-code-form" in response.content.decode() and Invitation.objects.live().count() == 1


def test_an_applicant_is_invited_in_one_click_from_the_board(
    coach_client, applicant, django_capture_on_commit_callbacks
):
    board = coach_client.get("/app/board/").content.decode()
    assert f'formaction="/app/entrepreneurs/{applicant.pk}/invitation/?next=/app/board/"' in board

    with django_capture_on_commit_callbacks(execute=True):
        response = coach_client.post(
            f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "email", "next": "/app/board/"}
        )

    assert response["Location"] == "/app/board/" and [m.to for m in mail.outbox] == [["nadia@example.org"]]


def test_the_board_card_says_invited_once_the_invitation_is_out(coach_client, applicant):
    coach_client.post(f"/app/entrepreneurs/{applicant.pk}/invitation/", {"channel": "code"})

    board = coach_client.get("/app/board/").content.decode()

    assert "data-invited" in board and f'formaction="/app/entrepreneurs/{applicant.pk}/invitation/' not in board


def test_a_coach_prints_a_new_password_code_for_a_person_without_e_mail(coach, coach_client):
    login = User.objects.create_user("yonas", password="ancien mot de passe", role="entrepreneur", email="")
    person = EntrepreneurFactory(user=login, email="")
    sheet = coach_client.post(f"/app/entrepreneurs/{person.pk}/password-code/")

    set_password_with(code_on_sheet(sheet), through_link=True)

    login.refresh_from_db()
    assert login.check_password(NEW_PASSWORD) and not login.check_password("ancien mot de passe")


def test_a_new_password_code_needs_a_login(coach_client, applicant):
    coach_client.post(f"/app/entrepreneurs/{applicant.pk}/password-code/")

    assert not Invitation.objects.filter(kind=InvitationKind.RESET).exists()


def test_an_invitation_to_a_file_erased_meanwhile_makes_no_login(coach, applicant):
    invitation, _code = services.entrepreneur_invite(entrepreneur=applicant, by=coach, by_email=False)
    Entrepreneur.objects.filter(pk=applicant.pk).update(erased_at="2026-01-01T00:00:00Z")

    with pytest.raises(services.Conflict):
        accounts.invitation_redeem(invitation_id=invitation.pk, hashed=invitation.code_hash, password=NEW_PASSWORD)
    assert not User.objects.filter(first_name="Nadia").exists()


def test_the_erasure_deletes_the_file_s_invitations(coach, applicant):
    services.entrepreneur_invite(entrepreneur=applicant, by=coach, by_email=False)

    services.entrepreneur_erase(entrepreneur=applicant, by=coach)

    assert not Invitation.objects.exists()


def test_the_erasure_deletes_the_invitations_of_a_login_made_with_one(coach, applicant):
    invitation, _code = services.entrepreneur_invite(entrepreneur=applicant, by=coach, by_email=True)
    accounts.invitation_redeem(invitation_id=invitation.pk, hashed=invitation.code_hash, password=NEW_PASSWORD)
    applicant.refresh_from_db()
    accounts.reset_code_issue(by=coach, user=applicant.user)

    services.entrepreneur_erase(entrepreneur=applicant, by=coach)

    assert not Invitation.objects.exists()


def test_the_export_lists_the_person_s_invitations_without_the_code(coach, applicant):
    invitation, code = services.entrepreneur_invite(entrepreneur=applicant, by=coach, by_email=True)
    user = accounts.invitation_redeem(invitation_id=invitation.pk, hashed=invitation.code_hash, password=NEW_PASSWORD)
    browser = Client()
    browser.force_login(user)

    export = browser.get("/api/v1/me/export").content.decode()

    listed = browser.get("/api/v1/me/export").json()["account"]["invitations"]
    assert [row["kind"] for row in listed] == ["invite"]
    assert code not in export and invitation.code_hash not in export
