"""The demo's people have invented names: none is the full name of a real public office holder of Liège."""

import itertools

import pytest

from interlab.core.demo import DEMO_USERS
from interlab.core.text import normalise
from interlab.crm import demo as crm_demo
from interlab.crm.management.commands import seed_scale
from interlab.mentoring.demo import MENTORS

# Mayor and aldermen (bourgmestre, échevins) of the City of Liège over the last terms.
LIEGE_OFFICE_HOLDERS = [
    "Willy Demeyer",
    "Christine Defraigne",
    "Gilles Foret",
    "Julie Fernandez Fernandez",
    "Roland Léonard",
    "Maggy Yerna",
    "Elisabeth Fraipont",
    "Fabrice Drèze",
    "Jean-Pierre Hupkens",
    "Pierre Stassart",
    "Mehmet Aydogdu",
    "Michel Firket",
]
REAL = {normalise(name) for name in LIEGE_OFFICE_HOLDERS}


def real_names_among(names) -> list[str]:
    """The (first, last) pairs that read, first name first or last, as one of the office holders' names."""
    return [
        f"{first} {last}"
        for first, last in names
        if normalise(f"{first} {last}") in REAL or normalise(f"{last} {first}") in REAL
    ]


def test_the_comparison_ignores_accents_and_case():
    assert real_names_among([("MEHMET", "Aydoğdu"), ("roland", "LEONARD")]) == ["MEHMET Aydoğdu", "roland LEONARD"]


@pytest.mark.parametrize(
    "names",
    [
        pytest.param([(first, last) for _username, _role, first, last in DEMO_USERS], id="demo logins"),
        pytest.param([(person[0], person[1]) for person in crm_demo.PEOPLE], id="demo entrepreneurs"),
        pytest.param([crm_demo.earlier_name(i) for i in range(crm_demo.EARLIER_PEOPLE)], id="earlier cohorts"),
        pytest.param([(mentor[1], mentor[2]) for mentor in MENTORS], id="demo mentors"),
        pytest.param(list(itertools.product(seed_scale.FIRST_NAMES, seed_scale.LAST_NAMES)), id="seed_scale"),
    ],
)
def test_no_demo_person_bears_a_real_office_holders_name(names):
    assert real_names_among(names) == []
