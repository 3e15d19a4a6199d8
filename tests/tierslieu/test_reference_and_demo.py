"""Admins edit the tiers-lieu's reference data in the CMS admin; the demo seed builds a usable house."""

import pytest

from interlab.core.demo import seed_demo
from interlab.tierslieu.models import Booking, Closure, MemberGroup, Space

pytestmark = pytest.mark.django_db


def test_an_admin_edits_spaces_groups_and_closures_in_the_cms_admin(client, admin_user, coach, room):
    client.force_login(admin_user)
    for model in ("space", "membergroup", "closure"):
        assert client.get(f"/cms-admin/snippets/tierslieu/{model}/").status_code == 200, model
    edit = client.get(f"/cms-admin/snippets/tierslieu/space/edit/{room.pk}/")
    html = edit.content.decode()
    assert edit.status_code == 200 and "opening_hours" in html and "buffer_minutes" in html
    client.force_login(coach)
    assert client.get("/cms-admin/snippets/tierslieu/space/").status_code in (302, 403)


def test_a_fresh_install_has_member_groups_for_every_booking_role():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("interlab.tierslieu.migrations.0002_no_overlap_and_member_groups")
    MemberGroup.objects.all().delete()
    migration.add_groups(apps, None)
    migration.add_groups(apps, None)  # safe to run twice
    assert MemberGroup.objects.count() == 3
    roles = {role for group in MemberGroup.objects.all() for role in group.roles}
    assert {"entrepreneur", "coach", "admin", "mentor", "partner"} <= roles


def test_space_rules_are_validated(db):
    from django.core.exceptions import ValidationError

    space = Space(name="X", kind="room", capacity=2, min_minutes=90, max_minutes=60, equipment=["laser"])
    with pytest.raises(ValidationError) as caught:
        space.full_clean()
    assert {"max_minutes", "equipment"} <= set(caught.value.message_dict)


def test_the_demo_has_a_room_a_desk_area_and_a_workshop_with_weekday_hours():
    seed_demo()
    seed_demo()
    kinds = set(Space.objects.values_list("kind", flat=True))
    assert kinds == {"room", "desks", "workshop"}
    for space in Space.objects.all():
        assert space.opening_hours.filter(weekday__lt=5).exists(), space
    assert Space.objects.count() == 4
    assert Booking.objects.filter(user__username="entrepreneur").exists()
    assert Closure.objects.filter(space=None).count() == 1


def test_erasure_cancels_future_bookings_blanks_titles_and_revokes_tokens(room, member, other_member, frozen):
    from interlab.tierslieu import services
    from interlab.tierslieu.models import BookingStatus, CalendarFeed, MemberCard, WaitlistEntry

    from .conftest import at, day

    past = services.book(by=member, space=room, start=at(day(0), 10), end=at(day(0), 11), title="Banque").first
    frozen.move_to(at(day(0), 12))
    future = services.book(by=member, space=room, start=at(day(1), 14), end=at(day(1), 15), title="CPAS").first
    services.waitlist_join(by=other_member, space=room, start=at(day(1), 14), end=at(day(1), 15), title="x")
    services.feed_for(user=member)
    services.card_for(user=member)
    exported = services.person_export(member)
    assert {b["title"] for b in exported["bookings"]} == {"Banque", "CPAS"}
    services.person_erase(member)
    past.refresh_from_db()
    future.refresh_from_db()
    assert past.title == "—" and past.status == BookingStatus.CONFIRMED  # occupancy keeps its hours
    assert future.title == "—" and future.status == BookingStatus.CANCELLED
    assert not CalendarFeed.objects.filter(user=member, revoked_at=None).exists()
    assert not MemberCard.objects.filter(user=member, revoked_at=None).exists()
    assert WaitlistEntry.objects.get(user=other_member).offered_booking is not None  # the slot went to the next
