"""notify: how a person is told (in the app, by e-mail, by SMS), in their language, with links on the site's address;
the list of notifications and its unread count in the navigation bar; export and erasure."""

from email import message_from_bytes
from unittest import mock

import pytest
from django.core import mail
from django.utils.translation import gettext_lazy as _

from interlab.core import interfaces, notifications, sms
from interlab.core.models import Notification, Role
from interlab.crm import services as crm_services
from tests.factories import EntrepreneurFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def member(db):
    return UserFactory(username="nadia", role=Role.ENTREPRENEUR, first_name="Nadia", preferred_language="en")


def with_phone(user, phone="0470 12 34 56"):
    EntrepreneurFactory(user=user, phone=phone)
    return user


def tell(user, **kwargs):
    kwargs.setdefault("subject", _("Your booking is confirmed"))
    kwargs.setdefault("url", "/app/spaces/my/")
    return notifications.notify(user, "test.news", **kwargs)


# --- which channels ------------------------------------------------------------------------------------------


def test_a_person_with_an_e_mail_is_told_in_the_app_and_by_e_mail(member):
    assert tell(member).channels == ["app", "email"]


def test_a_person_without_e_mail_is_told_by_sms_when_a_provider_is_configured(member):
    member.email = ""
    with_phone(member)
    assert tell(member).channels == ["app", "sms"]


def test_urgent_news_also_goes_by_sms_to_a_person_with_an_e_mail(member):
    with_phone(member)
    assert tell(member, urgent=True).channels == ["app", "email", "sms"]


def test_news_that_can_wait_does_not_go_by_sms_to_a_person_with_an_e_mail(member):
    with_phone(member)
    assert tell(member).channels == ["app", "email"]


def test_without_a_provider_no_sms_is_planned(member, settings):
    settings.SMS_BACKEND = ""
    member.email = ""
    with_phone(member)
    assert tell(member, urgent=True).channels == ["app"]


def test_a_number_that_is_not_one_gives_no_sms(member):
    member.email = ""
    with_phone(member, phone="pas de téléphone")
    assert tell(member).channels == ["app"]


def test_an_inactive_login_is_not_told():
    gone = UserFactory(is_active=False)
    assert tell(gone) is None and not Notification.objects.exists()


# --- delivery ------------------------------------------------------------------------------------------------


def test_the_e_mail_goes_out_once_the_change_is_committed(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell(member)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_outside_tests_delivery_is_queued_for_the_worker(member, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_SYNC = False
    enqueueing = mock.patch("django_q.tasks.async_task", return_value="t1")
    with enqueueing as enqueue, django_capture_on_commit_callbacks(execute=True):
        notification = tell(member)
    enqueue.assert_called_once_with(
        "interlab.core.tasks.notification_deliver",
        notification.pk,
        task_name=f"notification-{notification.pk}",
        sync=False,
    )
    assert mail.outbox == []


def test_the_e_mail_is_multipart_in_the_recipients_language_with_links_on_the_site_address(
    member, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://interlab.example.be:8443/"
    with django_capture_on_commit_callbacks(execute=True):
        tell(member)
    (sent,) = mail.outbox
    assert sent.subject == "Your booking is confirmed"  # English, the recipient's language, not the French default
    assert "https://interlab.example.be:8443/app/spaces/my/" in sent.body
    assert "https://interlab.example.be:8443/app/me/notifications/" in sent.body
    ((html, mimetype),) = sent.alternatives
    assert mimetype == "text/html"
    assert 'href="https://interlab.example.be:8443/app/spaces/my/"' in html and "Open in InterLab" in html
    assert '<html lang="en"' in html
    parsed = message_from_bytes(sent.message().as_bytes())
    assert parsed.is_multipart()
    assert parsed["Message-ID"].rstrip(">").endswith("@interlab.example.be")


def test_the_same_news_reads_in_french_for_a_french_speaker(django_capture_on_commit_callbacks):
    francophone = UserFactory(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(francophone)
    assert notification.subject == "Votre réservation est confirmée"
    assert mail.outbox[0].subject == "Votre réservation est confirmée"


def test_a_template_pair_is_rendered_in_the_recipients_language(member):
    mentor = UserFactory(first_name="Luc")
    notification = notifications.notify(
        member, "test.template", template="mentoring/email/accepted", context={"match": _Match(mentor)}
    )
    assert notification.subject == "Your mentor said yes"
    assert notification.body.startswith("Hello Nadia,\n\nLuc accepted to be your mentor.")


class _Match:
    def __init__(self, mentor):
        self.mentor = type("Profile", (), {"user": mentor})


def test_placeholders_are_filled_after_translation(member):
    notification = tell(member, subject=_("%(count)s failed login"), context={"count": 3})
    assert notification.subject == "3 failed login"


def test_delivery_sends_each_channel_once(member, django_capture_on_commit_callbacks):
    with_phone(member)
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(member, urgent=True)
    assert notifications.deliver(notification.pk) == []  # already sent: a retried task sends nothing again
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at and notification.texted_at


SMTP_DOWN = mock.patch("interlab.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down"))


def test_a_failed_e_mail_is_released_and_the_task_fails_for_django_q_to_retry(member):
    notification = tell(member)
    with SMTP_DOWN, pytest.raises(OSError):
        notifications.deliver(notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert notifications.deliver(notification.pk) == ["email"]


def test_a_failed_delivery_never_undoes_the_change_that_caused_it(member, django_capture_on_commit_callbacks):
    with SMTP_DOWN, django_capture_on_commit_callbacks(execute=True):
        notification = tell(member)
    assert Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).exists()


# --- SMS back ends -------------------------------------------------------------------------------------------


def test_the_test_back_end_keeps_the_text_in_e164_with_the_link(member, django_capture_on_commit_callbacks):
    member.email = ""
    with_phone(member, phone="0470/12.34.56")
    with django_capture_on_commit_callbacks(execute=True):
        tell(member)
    (sent,) = sms.outbox
    assert sent.to == "+32470123456"
    assert sent.body == "InterLab: Your booking is confirmed\nhttps://interlab.test/app/spaces/my/"


def test_the_console_back_end_prints_the_text(settings, capsys):
    settings.SMS_BACKEND = "interlab.core.sms.ConsoleBackend"
    assert sms.send("0032 470 12 34 56", "Bonjour")
    assert "SMS to +32470123456\nBonjour\n" in capsys.readouterr().out


def test_a_provider_plugs_in_by_its_dotted_path(settings):
    settings.SMS_BACKEND = "tests.core.test_notifications.CountingBackend"
    assert sms.send("+32 470 12 34 56", "x" * 400)
    assert CountingBackend.sent[-1].body == "x" * 319 + "…"


class CountingBackend(sms.BaseBackend):
    sent: list = []

    def send_messages(self, messages):
        self.sent.extend(messages)
        return len(messages)


# --- the list and the navigation bar -------------------------------------------------------------------------


def test_the_navigation_bar_shows_the_unread_count(client, member):
    tell(member)
    tell(member)
    notifications.notify(UserFactory(), "test.news", subject="not hers")
    client.force_login(member)
    page = client.get("/app/me/data/").content.decode()
    assert 'data-testid="unread-count">2<' in page


def test_no_count_when_everything_is_read(client, member):
    tell(member)
    Notification.objects.update(read_at="2026-01-01T00:00Z")
    client.force_login(member)
    assert 'data-testid="unread-count"' not in client.get("/app/me/data/").content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, member):
    notification = tell(member)
    client.force_login(member)
    response = client.post(f"/app/me/notifications/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/app/spaces/my/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_off_the_site_is_never_followed(client, member):
    notification = tell(member, url="https://evil.example/")
    client.force_login(member)
    assert client.post(f"/app/me/notifications/{notification.pk}/open/")["Location"] == "/app/me/notifications/"


def test_another_persons_notification_does_not_exist_for_you(client, member):
    theirs = tell(UserFactory())
    client.force_login(member)
    assert client.post(f"/app/me/notifications/{theirs.pk}/open/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_ones_own(client, member):
    tell(member)
    theirs = tell(UserFactory())
    client.force_login(member)
    client.post("/app/me/notifications/read-all/")
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_list_is_paginated_newest_first(client, member):
    for n in range(25):
        tell(member, subject=f"news {n}")
    client.force_login(member)
    first = client.get("/app/me/notifications/")
    assert [n.subject for n in first.context["page"].object_list][:2] == ["news 24", "news 23"]
    assert len(first.context["page"].object_list) == 20
    second = client.get("/app/me/notifications/?page=2")
    assert len(second.context["page"].object_list) == 5


# --- the person's data ---------------------------------------------------------------------------------------


def test_the_export_holds_the_persons_notifications_and_no_one_elses(member):
    tell(member)
    tell(UserFactory(), subject="not hers")
    exported = interfaces.export(member)
    assert [n["subject"] for n in exported["notifications"]] == ["Your booking is confirmed"]


def test_an_erasure_removes_the_persons_notifications_and_those_about_them(member, coach, admin_user):
    person = EntrepreneurFactory(user=member)
    tell(member)
    about = notifications.notify(coach, "test.about", subject="Nadia a répondu", about=person)
    unrelated = tell(coach)
    crm_services.entrepreneur_erase(entrepreneur=person, by=admin_user)
    assert list(Notification.objects.all()) == [unrelated]
    assert about.pk is not None


def test_every_mail_leaves_through_core_mail():
    """Text and HTML, a Message-ID of the site's domain: only interlab.core.mail builds messages."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for folder in ("interlab", "cms")
        for path in (root / folder).rglob("*.py")
        if "django.core.mail import" in path.read_text() and path != root / "interlab/core/mail.py"
    ]
    assert offenders == []
