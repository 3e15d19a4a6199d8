"""The ESF+ categories of each person: derived when the file is written, frozen when it is erased."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from interlab.crm import services as crm_services
from interlab.crm.models import Entrepreneur, SensitiveProfile
from interlab.impact import selectors, services
from interlab.impact.models import Participant
from interlab.impact.participants import participants_refresh, participants_stale
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


def categories(person):
    row = Participant.objects.get(entrepreneur=person)
    return row.gender_category, row.age_band, row.third_country


def people(user):
    figures = services.summary(user, selectors.scope_for(user, **YEAR))["people"]
    return {key: figures[key] for key in ("accompanied", "gender", "age", "education", "third_country_nationals")}


def test_categories_are_derived_when_the_file_is_written():
    # Entered just after midnight on 1 January, local time (still 31 December in UTC): 30 that year, not 29.
    entered = timezone.make_aware(datetime(2020, 1, 1, 0, 30))
    person = Entrepreneur.objects.create(
        first_name="A", last_name="B", gender=" Femme ", birth_year=1990, created_at=entered
    )
    assert categories(person) == ("w", "30_54", "")
    person.birth_year = 1991
    person.save()
    assert categories(person) == ("w", "under_30", "")
    SensitiveProfile.objects.create(entrepreneur=person, residence_situation="refugee")
    assert categories(person)[2] == "yes"
    person.gender = "non-binaire"
    person.birth_year = 1966
    person.save()
    assert categories(person) == ("x", "30_54", "yes")
    person.birth_year = 1965
    person.save()
    assert categories(person) == ("x", "55_plus", "yes")
    profile = person.sensitive
    profile.residence_situation = "eea"
    profile.save()
    assert categories(person)[2] == "no"


def test_the_age_band_is_the_age_at_entry_not_today():
    person = Entrepreneur.objects.create(
        first_name="A", last_name="B", birth_year=1995, created_at=timezone.make_aware(datetime(2021, 6, 1))
    )
    assert categories(person)[1] == "under_30"  # 26 at entry, even when 31 now


def test_erasure_keeps_the_counts_as_they_were(world, funder, django_capture_on_commit_callbacks):
    before = people(funder)
    admin = UserFactory(role="admin")
    erased = 0
    for person in Entrepreneur.objects.filter(sensitive__residence_situation__in=["refugee", "limited", "belgian"])[:4]:
        crm_services.entrepreneur_erase(entrepreneur=person, by=admin)
        erased += 1
    assert erased == 4
    assert not SensitiveProfile.objects.filter(entrepreneur__erased_at__isnull=False).exists()
    assert people(funder) == before
    # Deriving the erased files again would lose their categories: the refresh leaves them alone.
    participants_refresh()
    assert people(funder) == before


def test_files_loaded_without_signals_are_derived_at_the_next_computation(world, funder, coach):
    def now(user):  # the current year, in progress: computed again at each view
        return services.summary(user, selectors.scope_for(user))["people"]

    before = now(coach)["accompanied"]["value"]
    person = Entrepreneur.objects.create(first_name="A", last_name="B", gender="homme")
    Participant.objects.filter(entrepreneur=person).delete()  # as after a bulk load
    assert participants_stale()
    from tests.impact.factories import history

    history(
        person, [("intake", f"{timezone.localdate():%Y-%m-%d}")], programme=selectors.programmes_visible(funder).first()
    )
    figures = now(coach)
    assert figures["accompanied"]["value"] == before + 1
    assert not participants_stale()
    assert categories(person)[0] == "m"


def test_clearing_the_residence_of_a_file_that_stays_clears_its_category(django_capture_on_commit_callbacks):
    person = Entrepreneur.objects.create(first_name="A", last_name="B")
    SensitiveProfile.objects.create(entrepreneur=person, residence_situation="limited")
    assert categories(person)[2] == "yes"
    with django_capture_on_commit_callbacks(execute=True):
        assert crm_services.sensitive_profile_clear(entrepreneur=person)
    assert categories(person)[2] == ""
