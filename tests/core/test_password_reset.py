"""Password reset by e-mail: the same answer whether an account uses the address or not, a link that works once,
and a limit on requests."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "tartines au sirop de Liège"


@pytest.fixture(autouse=True)
def _worker_inline(settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}


@pytest.fixture
def amina(db):
    return UserFactory(username="amina", email="amina@example.org", role="entrepreneur")


def ask(client, email, capture):
    with capture(execute=True):
        return client.post("/account/password-reset/", {"email": email})


def page_without(response, local_part: str) -> str:
    """The page, less what differs between any two requests: the typed address and the CSRF token."""
    page = response.content.decode().replace(f"{local_part}@example.org", "<address>")
    return re.sub(r"[A-Za-z0-9]{32,}", "<token>", page)


def shape(response) -> tuple:
    return response.status_code, response["Location"], response.content


def test_a_known_and_an_unknown_address_get_the_same_answer(client, amina, django_capture_on_commit_callbacks):
    known = ask(client, "amina@example.org", django_capture_on_commit_callbacks)
    unknown = ask(client, "nobody@example.org", django_capture_on_commit_callbacks)

    assert shape(known) == shape(unknown)


def test_only_the_known_address_gets_a_mail(client, amina, django_capture_on_commit_callbacks):
    ask(client, "nobody@example.org", django_capture_on_commit_callbacks)
    ask(client, "AMINA@example.org", django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["amina@example.org"]]


def test_the_link_sets_a_new_password_and_logs_the_person_in(client, amina, django_capture_on_commit_callbacks):
    ask(client, "amina@example.org", django_capture_on_commit_callbacks)
    link = re.search(r"https?://[^/\s]+(/account/reset/\S+/)", mail.outbox[0].body)[1]

    form = client.get(link, follow=True)
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    amina.refresh_from_db()
    assert done["Location"] == "/app/" and amina.check_password(NEW_PASSWORD)
    assert client.get("/app/my/").wsgi_request.user == amina


def test_the_link_works_only_once(client, amina, django_capture_on_commit_callbacks):
    ask(client, "amina@example.org", django_capture_on_commit_callbacks)
    link = re.search(r"https?://[^/\s]+(/account/reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(link, follow=True)

    assert "data-invalid-link" in again.content.decode()


def test_requests_for_one_address_are_limited(client, amina, settings, django_capture_on_commit_callbacks):
    settings.LOGIN_LOCKOUT_FAILURES = 2
    for _attempt in range(2):
        ask(client, "amina@example.org", django_capture_on_commit_callbacks)

    refused = ask(client, "amina@example.org", django_capture_on_commit_callbacks)

    assert refused.status_code == 429 and len(mail.outbox) == 2


def test_the_limit_answers_the_same_for_an_unknown_address(client, amina, settings, django_capture_on_commit_callbacks):
    settings.LOGIN_LOCKOUT_FAILURES = 1
    ask(client, "amina@example.org", django_capture_on_commit_callbacks)
    ask(client, "nobody@example.org", django_capture_on_commit_callbacks)

    known = ask(client, "amina@example.org", django_capture_on_commit_callbacks)
    unknown = ask(client, "nobody@example.org", django_capture_on_commit_callbacks)

    assert (known.status_code, page_without(known, "amina")) == (unknown.status_code, page_without(unknown, "nobody"))


def test_the_old_password_no_longer_works_after_a_reset(client, amina, django_capture_on_commit_callbacks):
    ask(client, "amina@example.org", django_capture_on_commit_callbacks)
    link = re.search(r"https?://[^/\s]+(/account/reset/\S+/)", mail.outbox[0].body)[1]
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    amina.refresh_from_db()
    assert not amina.check_password(PASSWORD)
