"""The hand-computed world of the impact tests (figures worked out in tests/impact/test_figures.py)."""

from datetime import date, timedelta

import pytest

from interlab.core.models import Role
from interlab.crm.models import Entrepreneur, Referral, SensitiveProfile
from interlab.impact.models import Financing, FollowUp, Participant
from tests.factories import PartnerFactory, ProgrammeFactory, UserFactory
from tests.impact.factories import history

SECRET_FIRST = "Zorglubina"
SECRET_LAST = "Quetzalcoatl"


def secret_person(n: int, **fields) -> Entrepreneur:
    """A person whose name, e-mail and phone must never reach a funder."""
    return Entrepreneur.objects.create(
        first_name=f"{SECRET_FIRST}{n}",
        last_name=f"{SECRET_LAST}{n}",
        email=f"hidden.person{n}@secret.example",
        phone=f"+32 499 77 {n:02d} 11",
        skills=f"Cuisine de {SECRET_FIRST}{n}",
        **fields,
    )


def day(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture
def funded(db):
    return ProgrammeFactory(name="Programme financé")


@pytest.fixture
def unfunded(db):
    return ProgrammeFactory(name="Autre programme")


@pytest.fixture
def funder(db, funded):
    user = UserFactory(username="funder", role=Role.FUNDER, first_name="Région", last_name="Wallonne")
    funded.funders.add(user)
    return user


@pytest.fixture
def world(db, funded, unfunded, funder, coach):
    """Everything the figures are computed on; the expected values are derived by hand in the tests."""
    n = iter(range(1, 1000))
    people = {"L": [], "O": [], "S": [], "Q": []}
    partner = PartnerFactory(name="Microcrédit test", needs=["financing"])

    # L: six businesses launched in 2025 (idea stays of 20..70 days, registration of 12..17 days).
    for i in range(6):
        person = secret_person(next(n), gender="femme", birth_year=2000, commune="Liège", needs=["financing"])
        intake = day("2025-01-10")
        idea = intake + timedelta(days=10)
        project_day = idea + timedelta(days=20 + 10 * i)
        financing = project_day + timedelta(days=30)
        admin = financing + timedelta(days=30)
        registration = admin + timedelta(days=30)
        launched = registration + timedelta(days=12 + i)
        project = history(
            person,
            [
                ("intake", intake.isoformat()),
                ("idea", idea.isoformat()),
                ("project", project_day.isoformat()),
                ("financing", financing.isoformat()),
                ("admin-legal", admin.isoformat()),
                ("registration", registration.isoformat()),
                ("launched", launched.isoformat()),
            ],
            programme=funded,
            legal_form="asbl" if i == 5 else "srl",
            title=f"Traiteur de {SECRET_FIRST}",
        )
        Participant.objects.filter(entrepreneur=person).update(education_level="isced_3_4" if i == 5 else "isced_5_8")
        SensitiveProfile.objects.create(entrepreneur=person, residence_situation="refugee", country_of_origin="Syrie")
        Financing.objects.create(project=project, source="own_funds", amount=1000, obtained_on=day("2025-05-01"))
        if i < 5:
            Financing.objects.create(project=project, source="microcredit", amount=10000, obtained_on=day("2025-04-01"))
        if i < 2:
            Financing.objects.create(project=project, source="grant", amount=3000, obtained_on=day("2025-06-01"))
        if i == 0:
            Financing.objects.create(project=project, source="microcredit", amount=99999, obtained_on=day("2024-12-31"))
        referral = {
            0: ("accepted", 10),
            1: ("accepted", 20),
            2: ("accepted", 30),
            3: ("declined", 40),
            4: ("completed", 50),
        }
        if i in referral:
            outcome, wait = referral[i]
            Referral.objects.create(
                entrepreneur=person,
                partner=partner,
                purpose=f"Microcrédit pour {SECRET_FIRST}",
                outcome=outcome,
                referred_on=day("2025-03-01"),
                closed_on=day("2025-03-01") + timedelta(days=wait),
                note=f"Note privée sur {SECRET_LAST}",
            )
        people["L"].append(person)

    # One person paused in 2025 after 92 days in the idea stage.
    paused = secret_person(next(n), gender="non-binaire", commune="Huy", needs=["admin"])
    history(paused, [("intake", "2024-10-01"), ("idea", "2024-11-01"), ("paused", "2025-02-01")], programme=funded)

    # Two people who abandoned in 2024: not accompanied in 2025.
    for _i in range(2):
        gone = secret_person(next(n), gender="femme", birth_year=2001, commune="Liège", needs=["financing"])
        history(gone, [("intake", "2024-05-01"), ("abandoned", "2024-08-01")], programme=funded)

    # O: four people who started in September 2025 and are in the idea stage.
    for i in range(4):
        person = secret_person(
            next(n), gender="homme", birth_year=1980, commune="Seraing", needs=["financing", "language"]
        )
        history(person, [("intake", "2025-09-01"), ("idea", "2025-09-15")], programme=funded)
        SensitiveProfile.objects.create(entrepreneur=person, residence_situation="belgian")
        if i == 0:
            Participant.objects.filter(entrepreneur=person).update(education_level="isced_3_4")
            Referral.objects.create(
                entrepreneur=person,
                partner=partner,
                purpose="Demande",
                outcome="pending",
                referred_on=day("2025-10-01"),
            )
        people["O"].append(person)

    # S: twelve businesses launched on 1 June 2022; five closed at 12 months, one at 36, six still operating.
    genders = ["Femme", "Femme", "M", "M", "M", "M", "M", "", "", "", "", ""]
    for i in range(12):
        person = secret_person(next(n), gender=genders[i], birth_year=1960, commune="Liège")
        if i == 0:
            SensitiveProfile.objects.create(entrepreneur=person, residence_situation="eea")
        elif i in (1, 2):
            SensitiveProfile.objects.create(entrepreneur=person, residence_situation="limited")
        project = history(
            person,
            [
                ("intake", "2022-01-10"),
                ("registration", "2022-03-01"),
                ("launched", "2022-06-01"),
                ("follow-up", "2023-06-01"),
            ],
            programme=funded,
            legal_form="sole",
        )
        if i < 5:
            FollowUp.objects.create(
                project=project, months_after_launch=12, operating=False, checked_on=day("2023-06-01")
            )
        elif i == 5:
            FollowUp.objects.create(
                project=project, months_after_launch=12, operating=True, jobs_full_time=1, checked_on=day("2023-06-01")
            )
            FollowUp.objects.create(
                project=project, months_after_launch=36, operating=False, checked_on=day("2025-06-01")
            )
        else:
            FollowUp.objects.create(
                project=project, months_after_launch=12, operating=True, jobs_full_time=1, checked_on=day("2023-06-01")
            )
            FollowUp.objects.create(
                project=project,
                months_after_launch=36,
                operating=True,
                jobs_full_time=2,
                jobs_part_time=1,
                checked_on=day("2025-06-01"),
            )
            if i == 6:  # recorded after the period: not counted in 2025
                FollowUp.objects.create(
                    project=project,
                    months_after_launch=60,
                    operating=True,
                    jobs_full_time=10,
                    checked_on=day("2027-06-01"),
                )
        people["S"].append(person)

    # Q: five businesses of a programme the funder does not fund.
    for _i in range(5):
        person = secret_person(next(n), gender="femme", birth_year=1990, commune="Verviers", needs=["network"])
        history(person, [("intake", "2025-02-01"), ("launched", "2025-03-01")], programme=unfunded, legal_form="sole")
        people["Q"].append(person)
    people["paused"] = paused
    people["partner"] = partner
    return people


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """The other apps' blocks are cached a few minutes: each test with a database starts without them."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _exact_counts(request):
    """The figures worked out by hand are checked without the noise; tests marked `perturbed` see it."""
    from interlab.impact.disclosure import unperturbed

    if request.node.get_closest_marker("perturbed"):
        yield
        return
    with unperturbed():
        yield
