"""The language a person picks is kept on their account: the next login opens in it, and mail to them uses it."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation

from interlab.core.notifications import notify
from interlab.crm import services as crm
from tests.factories import EntrepreneurFactory, UserFactory, make_project

pytestmark = pytest.mark.django_db
PASSWORD = "une phrase de passe assez longue"


@pytest.fixture
def person(db):
    user = UserFactory(username="nadia", role="entrepreneur", preferred_language="fr")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_switcher_keeps_the_choice_on_the_account(client, person):
    client.force_login(person)
    client.post("/i18n/setlang/", {"language": "uk", "next": "/app/"})
    person.refresh_from_db()
    assert person.preferred_language == "uk"


def test_a_language_the_site_does_not_speak_is_not_kept(client, person):
    client.force_login(person)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/app/"})
    person.refresh_from_db()
    assert person.preferred_language == "fr"


def test_a_visitor_still_switches_language_without_an_account(client):
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


def test_the_next_login_opens_in_the_language_kept_on_the_account(client, person):
    client.force_login(person)
    client.post("/i18n/setlang/", {"language": "en", "next": "/app/"})
    client.post("/logout/")

    fresh = Client()
    fresh.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"  # the login page was read in French
    response = fresh.post("/login/", {"username": "nadia", "password": PASSWORD})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_notification_uses_the_language_kept_on_the_account(client, person, django_capture_on_commit_callbacks):
    person.email = "nadia@example.org"
    person.save()
    client.force_login(person)
    client.post("/i18n/setlang/", {"language": "en", "next": "/app/"})
    person.refresh_from_db()
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        notify(person, "test", template="core/email/invitation", context={"code": "X", "url": "/", "code_page": "/"})
    assert mail.outbox[-1].subject == "Your InterLab account is waiting for you"


def test_an_invitation_is_written_in_the_language_of_the_file_not_the_coachs(coach, django_capture_on_commit_callbacks):
    coach.preferred_language = "fr"
    coach.save()
    person = EntrepreneurFactory(email="oksana@example.org")
    person.spoken_languages.create(code="en")
    make_project(entrepreneur=person, coach=coach)
    with django_capture_on_commit_callbacks(execute=True):
        crm.entrepreneur_invite(entrepreneur=person, by=coach, by_email=True)
    assert mail.outbox[0].subject == "Your InterLab account is waiting for you"


def test_an_invitation_to_a_file_without_a_known_language_is_in_the_site_language(
    coach, django_capture_on_commit_callbacks
):
    person = EntrepreneurFactory(email="yonas@example.org")
    person.spoken_languages.create(code="ti")
    make_project(entrepreneur=person, coach=coach)
    with django_capture_on_commit_callbacks(execute=True):
        crm.entrepreneur_invite(entrepreneur=person, by=coach, by_email=True)
    assert mail.outbox[0].subject == "Votre compte InterLab vous attend"
