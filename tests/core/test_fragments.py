"""Parts of pages kept rendered under a version that writes replace (interlab.core.fragments)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from interlab.core import fragments
from interlab.core.models import Notification
from interlab.core.signals import data_restored

pytestmark = pytest.mark.django_db


def renderer():
    calls = []

    def render():
        calls.append(1)
        return f"rendered {len(calls)}"

    return calls, render


def test_a_part_is_rendered_once_then_kept_for_the_same_parts_and_language():
    calls, render = renderer()
    assert fragments.kept("test-part", ("a",), render, 60) == "rendered 1"
    assert fragments.kept("test-part", ("a",), render, 60) == "rendered 1"
    assert fragments.kept("test-part", ("b",), render, 60) == "rendered 2"  # other parts, another copy
    with translation.override("en"):
        assert fragments.kept("test-part", ("a",), render, 60) == "rendered 3"  # another language too
    assert len(calls) == 3


def test_changed_makes_the_next_view_render_afresh():
    calls, render = renderer()
    fragments.kept("test-part", (), render, 60)
    fragments.changed("test-part")
    assert fragments.kept("test-part", (), render, 60) == "rendered 2"


@pytest.fixture
def watched_notifications():
    """Notifications watched for this test only (signals are global: another test must not see the receivers)."""
    fragments.watch("test-watched", [Notification])
    yield
    uid = "fragments-test-watched-core.notification"
    post_save.disconnect(sender=Notification, dispatch_uid=f"{uid}-save")
    post_delete.disconnect(sender=Notification, dispatch_uid=f"{uid}-delete")
    data_restored.disconnect(dispatch_uid="fragments-test-watched-restored")


def test_a_watched_model_replaces_the_version_on_save_and_delete(coach, watched_notifications):
    calls, render = renderer()
    fragments.kept("test-watched", (), render, 60)
    note = Notification.objects.create(user=coach, kind="test", subject="x")
    assert fragments.kept("test-watched", (), render, 60) == "rendered 2"
    assert fragments.kept("test-watched", (), render, 60) == "rendered 2"
    note.delete()
    assert fragments.kept("test-watched", (), render, 60) == "rendered 3"


def test_a_write_inside_a_transaction_replaces_the_version_again_once_it_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        fragments.changed("test-tx")
        during = fragments.version("test-tx")
        fragments.changed("test-tx")  # one bump after the commit however many writes
    assert len(callbacks) == 1
    assert fragments.version("test-tx") != during


def test_without_a_cache_the_part_is_rendered_every_time(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("the cache is away")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "add", broken)
    calls, render = renderer()
    assert fragments.kept("test-part", (), render, 60) == "rendered 1"
    assert fragments.kept("test-part", (), render, 60) == "rendered 2"
