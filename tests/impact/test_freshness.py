"""The figures of the period in progress (staff only) are kept per scope and forgotten as soon as a write can change
one; a closed period's figures are released once and kept (test_attacker.py checks they never move)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interlab.core.models import SensitiveRead
from interlab.crm.models import Entrepreneur, SensitiveProfile
from interlab.impact import freshness, selectors, services
from interlab.impact.models import FollowUp
from tests.factories import ProgrammeFactory
from tests.impact.factories import history

pytestmark = pytest.mark.django_db

YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


def figures(user, **filters):
    return services.summary(user, selectors.scope_for(user, **{**YEAR, **filters}))


def current(user, **filters):
    """The current year, in progress: what a coach sees by default."""
    return services.summary(user, selectors.scope_for(user, **filters))


def this_year(month_day: str = "03-01") -> str:
    return f"{timezone.localdate().year}-{month_day}"


def test_a_second_view_reuses_the_figures_and_still_logs_the_sensitive_read(world, funder):
    first = figures(funder)
    with CaptureQueriesContext(connection) as captured:
        second = figures(funder)
    assert {k: v for k, v in second.items() if k != "spaces"} == {k: v for k, v in first.items() if k != "spaces"}
    assert not any("crm_entrepreneur" in q["sql"] for q in captured.captured_queries)
    assert SensitiveRead.objects.filter(user=funder, context__startswith="impact:").count() == 2


def test_a_new_person_changes_the_figures_in_progress_at_once(world, coach, funded):
    before = current(coach)["people"]["accompanied"]["value"]
    person = Entrepreneur.objects.create(first_name="A", last_name="B", gender="homme")
    history(person, [("intake", this_year())], programme=funded)
    assert current(coach)["people"]["accompanied"]["value"] == before + 1


def test_an_edited_person_or_residence_changes_the_breakdowns(world, coach):
    before = current(coach)["people"]
    for profile in SensitiveProfile.objects.filter(residence_situation="refugee"):
        profile.residence_situation = "belgian"  # a coach corrects the file: the categories follow
        profile.save()
    after = current(coach)["people"]
    assert after["third_country_nationals"] != before["third_country_nationals"]
    person = Entrepreneur.objects.filter(gender="femme").first()
    person.gender = "homme"
    person.save()
    women = {r["key"]: r["value"] for r in current(coach)["people"]["gender"]}["women"]
    assert women == {r["key"]: r["value"] for r in after["gender"]}["women"] - 1


def test_a_follow_up_changes_jobs(world, coach, funded):
    before = current(coach)["jobs"]["full_time"]
    assert before["suppressed"] is False
    for follow_up in FollowUp.objects.filter(project__programme=funded, operating=True):
        follow_up.jobs_full_time += 1
        follow_up.save()
    after = current(coach)["jobs"]["full_time"]
    assert after["value"] > before["value"]
    scope = selectors.scope_for(coach)
    assert after == selectors.core_figures(coach, scope)["jobs"]["full_time"]


def test_a_newly_funded_programme_too_small_to_publish_stays_out_of_the_funders_figures(
    world, funder, funded, unfunded
):
    assert figures(funder)["people"]["accompanied"]["value"] == 23
    unfunded.funders.add(funder)  # five people: "all my programmes" minus the other would give them back
    assert selectors.scope_for(funder, **YEAR).programme_ids == (funded.pk,)
    assert figures(funder)["people"]["accompanied"]["value"] == 23


def test_two_funders_never_share_figures(world, funder):
    from tests.factories import UserFactory

    other = UserFactory(username="other-funder", role="funder")
    ProgrammeFactory(name="Vide").funders.add(other)
    assert figures(funder)["people"]["accompanied"]["value"] == 23
    with pytest.raises(ValidationError) as refused:
        figures(other)  # its empty programme is not published; it never gets the first funder's figures
    assert list(refused.value.message_dict) == ["programme"]


def test_many_writes_in_one_transaction_bump_once_after_the_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        for n in range(5):
            Entrepreneur.objects.create(first_name=f"P{n}", last_name="Q")
    bumps = [c for c in callbacks if getattr(c, "__module__", "") == freshness.__name__]
    assert len(bumps) == 1


def test_the_token_changes_at_once_inside_the_transaction(db):
    before = freshness.version()
    Entrepreneur.objects.create(first_name="A", last_name="B")
    assert freshness.version() != before


def test_a_bulk_update_reaches_the_figures_through_the_nightly_refresh(world, coach):
    before = current(coach)["people"]["third_country_nationals"]
    SensitiveProfile.objects.filter(residence_situation="refugee").update(residence_situation="belgian")
    freshness.figures_changed()  # a bulk update sends no signal: the code that does one replaces the token
    assert current(coach)["people"]["third_country_nationals"] == before  # the categories are not derived yet
    from interlab.impact.tasks import refresh_participants

    assert refresh_participants() > 0
    freshness.figures_changed()
    assert current(coach)["people"]["third_country_nationals"] != before
