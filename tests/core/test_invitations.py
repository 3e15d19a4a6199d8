"""Invitation codes: one way in each, used once, for a limited time, and not to be guessed."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from interlab.core import accounts, services
from interlab.core.models import LoginFailure, Role
from tests.factories import EntrepreneurFactory
from tests.mailcheck import html_part

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "tartines au sirop de Liège"
IP = "203.0.113.7"


@pytest.fixture
def file(coach):
    return EntrepreneurFactory(first_name="Nadia", last_name="Haddad", email="nadia@example.org")


def invite(coach, file, *, email=""):
    return accounts.invitation_issue(
        by=coach, role=Role.ENTREPRENEUR, first_name=file.first_name, last_name=file.last_name, email=email, target=file
    )


def redeem(invitation, password=NEW_PASSWORD):
    return accounts.invitation_redeem(invitation_id=invitation.pk, hashed=invitation.code_hash, password=password)


def test_a_code_is_eight_unambiguous_characters_and_only_its_hash_is_kept(coach, file):
    invitation, code = invite(coach, file)

    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTVWXYZ2-9]{8}", code)
    assert code not in invitation.code_hash and invitation.code_hash == accounts.code_hash(code)


def test_a_code_typed_in_lower_case_with_spaces_and_a_dash_opens_its_invitation(coach, file):
    invitation, code = invite(coach, file)
    typed = f" {code[:4].lower()} - {code[4:].lower()} "

    assert accounts.invitation_check(code=typed, ip_address=IP) == invitation


def test_setting_the_password_makes_a_login_with_the_role_and_names_of_the_invitation(coach, file):
    invitation, _code = invite(coach, file)

    user = redeem(invitation)

    assert (user.role, user.first_name, user.last_name) == (Role.ENTREPRENEUR, "Nadia", "Haddad")
    assert user.check_password(NEW_PASSWORD)


def test_a_code_works_only_once(coach, file):
    invitation, code = invite(coach, file)
    redeem(invitation)

    with pytest.raises(accounts.CodeRefused) as refused:
        accounts.invitation_check(code=code, ip_address=IP)
    assert refused.value.reason == "used"


def test_a_code_checked_before_its_use_cannot_set_a_second_password(coach, file):
    invitation, _code = invite(coach, file)
    redeem(invitation)

    with pytest.raises(accounts.CodeRefused) as refused:
        redeem(invitation, password="une autre phrase de passe")
    assert refused.value.reason == "used"


def test_a_code_expires_after_the_configured_days(coach, file, settings):
    settings.INVITATION_LIFETIME_DAYS = 7
    _invitation, code = invite(coach, file)

    with (
        time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)),
        pytest.raises(accounts.CodeRefused) as refused,
    ):
        accounts.invitation_check(code=code, ip_address=IP)
    assert refused.value.reason == "expired"


def test_a_revoked_code_opens_nothing(coach, file):
    invitation, code = invite(coach, file)
    accounts.invitation_revoke(invitation=invitation, by=coach)

    with pytest.raises(accounts.CodeRefused) as refused:
        accounts.invitation_check(code=code, ip_address=IP)
    assert refused.value.reason == "revoked"


def test_inviting_again_kills_the_old_code(coach, file):
    _old, old_code = invite(coach, file)
    new, new_code = invite(coach, file)

    with pytest.raises(accounts.CodeRefused) as refused:
        accounts.invitation_check(code=old_code, ip_address=IP)
    assert refused.value.reason == "revoked"
    assert accounts.invitation_check(code=new_code, ip_address=IP) == new


def test_a_password_the_validators_refuse_leaves_the_code_live(coach, file):
    invitation, _code = invite(coach, file)

    with pytest.raises(ValidationError):
        redeem(invitation, password="1234")
    invitation.refresh_from_db()
    assert invitation.is_live


def test_wrong_codes_for_one_code_are_locked_out_even_from_different_addresses(coach, file, settings):
    settings.LOGIN_LOCKOUT_FAILURES = 3
    _invitation, code = invite(coach, file)
    # Same first characters as the real code, wrong end: guessing this person's code.
    wrong = [code[:3] + end for end in ("22222", "33333", "44444")]
    for number, guess in enumerate(wrong):
        with pytest.raises(accounts.CodeRefused):
            accounts.invitation_check(code=guess, ip_address=f"198.51.100.{number}")

    with pytest.raises(services.LockedOut) as locked:
        accounts.invitation_check(code=code, ip_address="198.51.100.99")
    assert locked.value.reason == "account"


def test_wrong_codes_from_one_address_are_locked_out_whatever_the_codes(coach, file, settings):
    settings.LOGIN_LOCKOUT_ADDRESS_FAILURES = 3
    _invitation, code = invite(coach, file)
    for guess in ("AAAAAAAA", "BBBBBBBB", "CCCCCCCC"):
        with pytest.raises(accounts.CodeRefused):
            accounts.invitation_check(code=guess, ip_address=IP)

    with pytest.raises(services.LockedOut) as locked:
        accounts.invitation_check(code=code, ip_address=IP)
    assert locked.value.reason == "address"


def test_the_right_code_is_not_counted_as_a_failure(coach, file):
    _invitation, code = invite(coach, file)

    accounts.invitation_check(code=code, ip_address=IP)

    assert not LoginFailure.objects.exists()


def test_an_invitation_by_e_mail_sends_the_link_and_the_code_to_the_address(
    coach, file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, code = invite(coach, file, email="nadia@example.org")

    assert [m.to for m in mail.outbox] == [["nadia@example.org"]]
    assert accounts.code_url(code) in mail.outbox[0].body and accounts.code_display(code) in mail.outbox[0].body
    assert f'<a href="{accounts.code_url(code)}"' in html_part(mail.outbox[0])


def test_a_reset_code_sets_a_new_password_on_the_same_login(coach, entrepreneur_user):
    invitation, _code = accounts.reset_code_issue(by=coach, user=entrepreneur_user)

    user = redeem(invitation)

    entrepreneur_user.refresh_from_db()
    assert user.pk == entrepreneur_user.pk and entrepreneur_user.check_password(NEW_PASSWORD)


def test_a_new_reset_code_kills_the_previous_one(coach, entrepreneur_user):
    first, _code = accounts.reset_code_issue(by=coach, user=entrepreneur_user)
    accounts.reset_code_issue(by=coach, user=entrepreneur_user)

    first.refresh_from_db()
    assert first.state == "revoked"


def test_redeeming_an_unknown_invitation_is_refused(db):
    with pytest.raises(accounts.CodeRefused):
        accounts.invitation_redeem(invitation_id=999, hashed="0" * 64, password=NEW_PASSWORD)
