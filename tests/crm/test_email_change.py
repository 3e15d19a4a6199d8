"""A file's e-mail address changes only once confirmed from the new mailbox (or typed by a coach, without login)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from interlab.crm import services
from tests.factories import EntrepreneurFactory
from tests.mailcheck import html_part

pytestmark = pytest.mark.django_db
JSON = "application/json"


def change_own_email(client, person, email: str, django_capture_on_commit_callbacks):
    client.force_login(person.user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.patch(f"/api/v1/entrepreneurs/{person.pk}", {"email": email}, content_type=JSON)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*/email/confirm/\S+/)", message.body)[1]


def test_a_new_address_waits_for_confirmation_and_the_file_keeps_the_old_one(
    client, person, django_capture_on_commit_callbacks
):
    response = change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert (response.json()["email"], response.json()["email_pending"]) == (person.email, "amina.new@example.org")
    person.refresh_from_db()
    assert (person.email, person.email_pending) == (person.email, "amina.new@example.org")


def test_the_confirmation_link_goes_to_the_new_address_only(client, person, django_capture_on_commit_callbacks):
    change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["amina.new@example.org"]]
    assert link_in(mail.outbox[0]) in html_part(mail.outbox[0])


def test_the_person_sees_the_pending_address_in_their_space(client, person, django_capture_on_commit_callbacks):
    change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)

    page = client.get(reverse("crm:my_space")).content.decode()

    assert re.search(r"data-email-pending>[^<]*amina\.new@example\.org", page)


def test_the_coach_sees_the_pending_address_on_the_file(client, person, coach, django_capture_on_commit_callbacks):
    change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)
    client.force_login(coach)

    page = client.get(reverse("crm:entrepreneur", args=[person.pk])).content.decode()

    assert re.search(r"data-email-pending>[^<]*amina\.new@example\.org", page)


def test_the_link_confirms_the_new_address(client, person, django_capture_on_commit_callbacks):
    change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)

    response = client.get(link_in(mail.outbox[0]), follow=True)

    person.refresh_from_db()
    assert (person.email, person.email_pending) == ("amina.new@example.org", "")
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_an_expired_link_is_refused_with_a_message(client, person, django_capture_on_commit_callbacks):
    old_email = person.email
    change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)

    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.get(link_in(mail.outbox[0]), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    person.refresh_from_db()
    assert person.email == old_email
    assert [str(m) for m in response.context["messages"]] == [
        "This confirmation link has expired. Enter the new address again to receive a new link."
    ]


def test_a_forged_link_is_refused_with_a_message(client, person, django_capture_on_commit_callbacks):
    old_email = person.email
    change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)
    token = link_in(mail.outbox[0]).split("/")[-2]
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")  # the signature no longer matches

    response = client.get(reverse("crm:email_confirm", args=[forged]), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    person.refresh_from_db()
    assert person.email == old_email
    assert [str(m) for m in response.context["messages"]] == ["This confirmation link is not valid."]


def test_a_link_opened_by_another_login_confirms_nothing(
    client, person, other_entrepreneur_user, django_capture_on_commit_callbacks
):
    old_email = person.email
    change_own_email(client, person, "amina.new@example.org", django_capture_on_commit_callbacks)
    client.force_login(other_entrepreneur_user)

    client.get(link_in(mail.outbox[0]))

    person.refresh_from_db()
    assert (person.email, person.email_pending) == (old_email, "amina.new@example.org")


def test_a_coach_changing_the_address_of_a_person_with_a_login_waits_for_their_confirmation(person, coach):
    old_email = person.email

    services.entrepreneur_update(entrepreneur=person, by=coach, email="amina.new@example.org")

    person.refresh_from_db()
    assert (person.email, person.email_pending) == (old_email, "amina.new@example.org")


def test_a_coach_sets_the_address_of_a_person_without_a_login_at_once(coach):
    person = EntrepreneurFactory(email="old@example.org")

    services.entrepreneur_update(entrepreneur=person, by=coach, email="new@example.org")

    person.refresh_from_db()
    assert (person.email, person.email_pending) == ("new@example.org", "")
