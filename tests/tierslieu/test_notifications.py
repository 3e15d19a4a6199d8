"""The tiers-lieu tells members through core's notifications: a slot freed from the waiting list, a request
approved or refused."""

import pytest
from django.core import mail

from interlab.core import sms
from interlab.core.models import Notification
from interlab.tierslieu import services
from tests.factories import EntrepreneurFactory

from .conftest import at, day

pytestmark = pytest.mark.usefixtures("frozen")


def test_a_slot_freed_from_the_waiting_list_is_urgent_news_in_the_members_language(
    room, member, other_member, django_capture_on_commit_callbacks
):
    other_member.preferred_language = "en"
    other_member.save()
    EntrepreneurFactory(user=other_member, phone="+32 470 11 22 33")
    sms.outbox.clear()
    taken = services.book(by=member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="x").first
    services.waitlist_join(by=other_member, space=room, start=at(day(1), 10), end=at(day(1), 11), title="CV")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(booking=taken, by=member)
    notification = Notification.objects.get(user=other_member)
    assert (notification.kind, notification.subject, notification.url, notification.channels) == (
        "tierslieu.hold_offered",
        "A slot you were waiting for is free",
        "/app/spaces/my/",
        ["app", "email", "sms"],
    )
    assert [m.to for m in mail.outbox] == [[other_member.email]]
    assert [m.to for m in sms.outbox] == ["+32470112233"]
    sms.outbox.clear()
