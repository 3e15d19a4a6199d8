"""API tokens: they expire, record their last use sparingly, are revoked by their owner or by a password change."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.utils import timezone

from interlab.core.models import ApiToken
from interlab.core.services import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token"


def bearer(client, raw: str, method: str = "get", url: str = "/api/v1/me"):
    return getattr(client, method)(url, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_token_response_says_when_it_expires(client, coach, password, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    response = client.post(TOKEN_URL, {"username": "coach", "password": password}, content_type="application/json")
    assert response.status_code == 200
    expires_at = datetime.fromisoformat(response.json()["expires_at"])
    assert timedelta(days=30) - timedelta(minutes=1) < expires_at - timezone.now() <= timedelta(days=30)
    assert abs(ApiToken.objects.get(user=coach).expires_at - expires_at) < timedelta(milliseconds=1)


def test_an_expired_token_is_refused_with_401_and_says_so(client, coach):
    token, raw = api_token_create(user=coach)
    assert bearer(client, raw).status_code == 200
    with time_machine.travel(token.expires_at + timedelta(seconds=1)):
        refused = bearer(client, raw)
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_expired" and "expired" in refused.json()["detail"]


def test_a_revoked_token_is_refused_with_401_and_says_so(client, coach):
    token, raw = api_token_create(user=coach)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    refused = bearer(client, raw)
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_revoked" and "revoked" in refused.json()["detail"]


def test_the_last_use_is_written_at_most_once_a_minute(client, coach, django_assert_num_queries):
    token, raw = api_token_create(user=coach)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        bearer(client, raw)
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=50), tick=False):
        bearer(client, raw)
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=70), tick=False):
        bearer(client, raw)
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(seconds=70)


def test_set_password_through_a_service_revokes_every_token_of_the_person(client, coach):
    _first, first_raw = api_token_create(user=coach)
    _second, second_raw = api_token_create(user=coach)
    other_token, other_raw = api_token_create(user=UserFactory(username="other"))
    coach.set_password("A new and long passphrase 2026")
    coach.save()
    assert bearer(client, first_raw).json()["code"] == "token_revoked"
    assert bearer(client, second_raw).json()["code"] == "token_revoked"
    assert bearer(client, other_raw).status_code == 200


def test_the_password_change_form_revokes_the_tokens(client, coach, password):
    _token, raw = api_token_create(user=coach)
    form = PasswordChangeForm(
        coach,
        {"old_password": password, "new_password1": "Lighthouse-Meuse-1923", "new_password2": "Lighthouse-Meuse-1923"},
    )
    assert form.is_valid(), form.errors
    form.save()
    assert bearer(client, raw).status_code == 401


def test_an_admin_setting_the_password_revokes_the_tokens(client, admin_user, coach):
    _token, raw = api_token_create(user=coach)
    client.force_login(admin_user)
    response = client.post(
        f"/django-admin/core/user/{coach.pk}/password/",
        {"password1": "Lighthouse-Meuse-1923", "password2": "Lighthouse-Meuse-1923", "usable_password": "true"},
    )
    assert response.status_code == 302
    client.logout()
    assert bearer(client, raw).json()["code"] == "token_revoked"


def test_saving_a_person_without_changing_the_password_keeps_the_tokens(client, coach):
    _token, raw = api_token_create(user=coach)
    coach.first_name = "Renamed"
    coach.save()
    assert bearer(client, raw).status_code == 200


class QuickPBKDF2Hasher(PBKDF2PasswordHasher):
    iterations = 1000


def test_a_stronger_hash_on_login_is_not_a_password_change(client, coach, password, settings):
    _token, raw = api_token_create(user=coach)
    # The hasher list gains a preferred hasher: the next login re-hashes the same password.
    settings.PASSWORD_HASHERS = [
        f"{__name__}.QuickPBKDF2Hasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert (
        client.post(TOKEN_URL, {"username": "coach", "password": password}, content_type="application/json").status_code
        == 200
    )
    coach.refresh_from_db()
    assert coach.password.startswith("pbkdf2_sha256$1000$")
    assert bearer(client, raw).status_code == 200


def test_delete_revokes_the_token_the_request_carries_and_no_other(client, coach):
    _token, raw = api_token_create(user=coach)
    _other, other_raw = api_token_create(user=coach)
    assert bearer(client, raw, method="delete", url=TOKEN_URL).status_code == 204
    assert bearer(client, raw).json()["code"] == "token_revoked"
    assert bearer(client, other_raw).status_code == 200


def test_delete_with_a_session_has_no_token_to_revoke(client, coach):
    client.force_login(coach)
    response = client.delete(TOKEN_URL)
    assert response.status_code == 404 and response.json()["code"] == "no_token"


def test_my_data_lists_my_live_tokens_without_their_secret(client, coach, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    with time_machine.travel(datetime(2026, 2, 2, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False):
        used, used_raw = api_token_create(user=coach)
        bearer(client, used_raw)
    revoked, revoked_raw = api_token_create(user=coach)
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    _theirs, _ = api_token_create(user=UserFactory(username="other"))
    client.force_login(coach)
    with time_machine.travel(datetime(2026, 2, 10, 9, 0, tzinfo=timezone.get_current_timezone())):
        html = client.get("/app/me/data/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = html[html.index('data-testid="api-tokens"') :]
    assert section.count("<tr>") == 2  # the header and the one live token
    assert section.count("Feb 2, 2026, 09:00") == 2  # created, last used (CLDR's English medium date)
    assert "Mar 4, 2026, 09:00" in section  # expires
    assert f"/app/me/tokens/{used.pk}/revoke/" in section
    assert used_raw not in html and used.key_hash not in html and revoked_raw not in html


def test_a_person_revokes_a_token_from_my_data(client, coach):
    token, raw = api_token_create(user=coach)
    client.force_login(coach)
    response = client.post(f"/app/me/tokens/{token.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == "/app/me/data/"
    client.logout()
    assert bearer(client, raw).json()["code"] == "token_revoked"


def test_no_one_revokes_another_persons_token(client, coach, mentor):
    token, raw = api_token_create(user=coach)
    client.force_login(mentor)
    assert client.post(f"/app/me/tokens/{token.pk}/revoke/").status_code == 404
    client.logout()
    assert bearer(client, raw).status_code == 200


def test_revoking_tokens_also_renews_the_calendar_address_a_token_could_read(db):
    """GET /api/v1/me hands out the person's secret calendar feed: a leaked token must not keep it readable."""
    from interlab.core import services
    from interlab.tierslieu.models import CalendarFeed
    from interlab.tierslieu.services import feed_for
    from tests.factories import UserFactory

    user = UserFactory()
    feed = feed_for(user=user)
    token, _raw = services.api_token_create(user=user)
    services.api_token_revoke(token=token)
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    second = feed_for(user=user)
    user.set_password("another long passphrase 42")
    user.save()
    second.refresh_from_db()
    assert second.revoked_at is not None and CalendarFeed.objects.filter(user=user, revoked_at=None).count() == 0
