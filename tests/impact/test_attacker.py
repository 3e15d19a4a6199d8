"""A careful funder tries to work out something about one person from what funders may see.

Each test plays one attack through the API, the pages or the exports, with everything a funder can know: the
published figures and the published method (the noise bound in `protection.max_noise`; 0 where nothing says
otherwise, as the figures were then exact). The attacker keeps, for the fact it is after, every value consistent
with what it saw; it has learnt something for certain when a single value is left. Every attack must end with
more than one value left, or with nothing to compare (the second view refused).

The world is tests/impact/conftest.py's: a funded programme of 25 people, plus the target of each attack.
"""

import csv as csv_module
import io
from datetime import date

import pytest
from django.utils.translation import gettext

from interlab.crm.models import Project, SensitiveProfile
from interlab.impact import disclosure, selectors
from interlab.mentoring import services as mentoring_services
from interlab.mentoring.models import Match
from tests.factories import CohortFactory
from tests.impact.conftest import secret_person
from tests.impact.factories import history
from tests.mentoring.factories import binome_rule, make_mentee, make_mentor, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.perturbed]

API = "/api/v1/impact/summary"
YEAR = {"from": "2025-01-01", "to": "2025-12-31"}
BREAKDOWNS = ("gender", "age", "education", "third_country_nationals")


def view(client, params) -> dict | None:
    """What the funder gets: the figures, or None when the view is refused."""
    response = client.get(API, params)
    if response.status_code != 200:
        assert response.status_code in (404, 422), response.content[:300]  # refused, never an error
        return None
    return response.json()


def noise_bound(*views) -> int:
    return max((v.get("protection") or {}).get("max_noise", 0) for v in views)


def cells(body: dict) -> dict[str, int | None]:
    """Every published count of the people breakdowns, by name."""
    out = {"accompanied": body["people"]["accompanied"]["value"]}
    for name in BREAKDOWNS:
        for row in body["people"][name]:
            out[f"{name}:{row['key']}"] = row["value"]
    return out


def certain_from_difference(first: dict | None, second: dict | None, *, people: int = 1) -> dict[str, int]:
    """What the difference of two views pins down about `people` persons: {cell: exact count among them}."""
    if first is None or second is None:
        return {}
    bound = 2 * noise_bound(first, second)
    found = {}
    a, b = cells(first), cells(second)
    for name in a:
        if a[name] is None or b.get(name) is None:
            continue
        difference = a[name] - b[name]
        candidates = [k for k in range(people + 1) if abs(difference - k) <= bound]
        if len(candidates) == 1:
            found[name] = candidates[0]
    return found


def add_target(programme, *, intake: str, gender="non-binaire", residence="refugee", **fields):
    """One more person whose attributes the attacker is after: non-binary, a refugee (third-country national)."""
    person = secret_person(900 + Project.objects.count(), gender=gender, birth_year=1990, **fields)
    history(person, [("intake", intake)], programme=programme)
    SensitiveProfile.objects.create(entrepreneur=person, residence_situation=residence)
    return person


@pytest.fixture
def attacker(client, world, funder):
    client.force_login(funder)
    return client


def test_two_windows_a_day_apart_give_no_one(attacker, funded):
    add_target(funded, intake="2025-12-31")
    whole = view(attacker, YEAR)
    day_less = view(attacker, {"from": "2025-01-01", "to": "2025-12-30"})
    assert certain_from_difference(whole, day_less) == {}
    assert day_less is None  # an arbitrary window is refused: only months, quarters and years are published


def test_polling_a_released_period_before_and_after_a_person_joins_shows_nothing(attacker, funded):
    before = view(attacker, YEAR)
    add_target(funded, intake="2025-06-01")  # a file entered late, its history dated within the period
    after = view(attacker, YEAR)
    assert certain_from_difference(before, after) == {}
    assert cells(before) == cells(after)  # released figures stay as released


def test_polling_the_default_view_before_and_after_a_person_joins_today_shows_nothing(attacker, funded):
    from django.utils import timezone

    before = view(attacker, {})
    add_target(funded, intake=f"{timezone.localdate():%Y-%m-%d}")
    after = view(attacker, {})
    assert certain_from_difference(before, after) == {}


def test_polling_before_and_after_a_person_is_erased_shows_nothing(attacker, world, coach):
    from interlab.crm import services as crm_services

    target = world["L"][5]  # the ASBL founder, the one ISCED 3-4 of the launched
    before = view(attacker, YEAR)
    crm_services.entrepreneur_erase(entrepreneur=target, by=coach)
    after = view(attacker, YEAR)
    assert cells(before) == cells(after)  # nothing moves, so the difference says nothing about who left


def test_the_whole_programme_minus_a_cohort_does_not_give_the_other_cohort(attacker, world, funded, coach):
    big, small = CohortFactory(name="Cohorte A", programme=funded), CohortFactory(name="Cohorte B", programme=funded)
    target = add_target(funded, intake="2025-06-01")
    in_small = {target.pk, *(p.pk for p in world["O"])}  # the target and the four of September
    for project in Project.objects.filter(programme=funded):
        project.cohort = small if project.entrepreneur_id in in_small else big
        project.save()
    services_refresh()
    programme = view(attacker, {**YEAR, "programme": funded.pk})
    cohort = view(attacker, {**YEAR, "cohort": big.pk})
    small_view = view(attacker, {**YEAR, "cohort": small.pk})
    assert small_view is None  # five people: too few to be published on its own
    # What programme minus the big cohort says about the small one's five people.
    assert certain_from_difference(programme, cohort, people=len(in_small)) == {}


def test_a_total_minus_its_shown_cells_does_not_give_the_hidden_one(attacker):
    body = view(attacker, YEAR)
    bound = noise_bound(body)
    recovered = {}
    total = body["people"]["accompanied"]["value"]
    for name in BREAKDOWNS:
        rows = body["people"][name]
        hidden = [row for row in rows if row["suppressed"]]
        if len(hidden) != 1 or total is None:
            continue
        rest = total - sum(row["value"] for row in rows if not row["suppressed"])
        # Each of the len(rows) + 1 figures may be off by `bound`; the hidden cell is under the threshold.
        slack = bound * (len(rows) + 1)
        candidates = [k for k in range(0, body["threshold"] + bound) if abs(rest - k) <= slack]
        if len(candidates) == 1:
            recovered[f"{name}:{hidden[0]['key']}"] = candidates[0]
    assert recovered == {}


def test_a_share_of_a_shown_total_does_not_give_a_hidden_count(attacker, funded, coach):
    binome_rule("preferred")  # newcomer mentors with newcomers: ties that do not bridge
    for index in range(6):
        mentor = make_mentor(is_local=index % 2 == 0, capacity=1)
        match = make_offer(make_mentee(newcomer=True), mentor, coach)
        mentoring_services.match_accept(match=match, by=mentor.user)
        Match.objects.filter(pk=match.pk).update(programme=funded)
    # The pairs are this year's: a funder sees them once the year has closed; a coach sees them now.
    attacker.force_login(coach)
    rows = {row["key"]: row for row in view(attacker, {"programme": funded.pk})["mentoring"]}
    bridging, ties, share = rows["bridging_ties"], rows["ties_created"], rows["bridging_share"]
    assert bridging["suppressed"]  # three: under the threshold
    if not share["suppressed"] and not ties["suppressed"]:
        # The share must come from the published counts: with a hidden count it cannot be shown at all.
        pytest.fail(f"a share of {share['value']} % of {ties['value']} ties gives the hidden count back")


def test_hidden_figures_are_words_never_a_number_with_a_unit(attacker):
    page = attacker.get("/app/impact/", {"period": "2025"}).content.decode()
    csv = attacker.get("/app/impact/export.csv", {"period": "2025"}).content.decode("utf-8-sig")
    needs = attacker.get("/app/impact/needs/", {"period": "2025"}).content.decode()
    for text in (page, csv, needs):
        assert "&lt; 5" not in text and "< 5" not in text


def test_the_page_the_export_and_the_api_show_the_same_protected_figures(attacker):
    body = view(attacker, {"period": "2025"})
    csv = attacker.get("/app/impact/export.csv", {"period": "2025"}).content.decode("utf-8-sig")
    page = attacker.get("/app/impact/", {"period": "2025"}).content.decode()
    label = gettext("people accompanied")
    rows = list(csv_module.reader(io.StringIO(csv), delimiter=";"))
    row = next(r for r in rows if len(r) > 1 and r[1] == label and r[2] == "")
    value = body["people"]["accompanied"]["value"]
    assert row[3] == str(value)
    assert f'<span class="kpi-value">{value}</span>' in page


def test_the_same_people_always_get_the_same_figure_whatever_the_view(attacker, funded):
    mine = view(attacker, {"period": "2025"})  # the funder's programmes: only the funded one
    programme = view(attacker, {"period": "2025", "programme": funded.pk})
    again = view(attacker, {"period": "2025"})
    assert cells(mine) == cells(programme) == cells(again)


def test_counts_carry_noise_within_the_published_bound(world, funder):
    """The noise is there (some counts differ from the exact ones) and never beyond the bound the page states."""
    scope = selectors.scope_for(funder, period="2025")
    published = selectors.core_figures(funder, scope)
    with disclosure.unperturbed():
        exact = selectors.core_figures(funder, scope)

    def counts(figures):
        out = {"accompanied": figures["people"]["accompanied"]}
        for name in BREAKDOWNS:
            out.update({f"{name}:{row['key']}": row for row in figures["people"][name]})
        out.update({f"funnel:{row['key']}": row for row in figures["funnel"]})
        return out

    moved = 0
    for name, cell in counts(published).items():
        truth = counts(exact)[name]
        if cell["suppressed"] or truth["suppressed"]:
            continue
        assert abs(cell["value"] - truth["value"]) <= disclosure.MAX_NOISE, name
        moved += cell["value"] != truth["value"]
    assert moved > 0


def test_a_cell_key_is_the_sum_of_its_peoples_record_keys(world, funder):
    """The noise of "people accompanied" is read at the key of exactly the people counted."""
    scope = selectors.scope_for(funder, period="2025")
    people = [p for key in ("L", "O", "S") for p in world[key]] + [world["paused"]]
    key = disclosure.cell_key(disclosure.record_key(p.pk, "person") for p in people)
    expected = disclosure.count_cell(len(people), key)
    assert selectors.core_figures(funder, scope)["people"]["accompanied"] == expected


def services_refresh():
    """Moving projects between cohorts reaches the stage spells' copies at the nightly sync; run it now."""
    from interlab.impact.tasks import sync_spell_scope

    sync_spell_scope()


def test_period_codes_name_whole_months_quarters_and_years():
    from interlab.impact import periods

    assert periods.parse("2025-Q3").start == date(2025, 7, 1) and periods.parse("2025-Q3").end == date(2025, 9, 30)
    assert periods.from_window(date(2025, 2, 1), date(2025, 2, 28)).code == "2025-02"
    assert periods.from_window(date(2025, 2, 1), date(2025, 2, 27)) is None
