"""Every figure of the summary against the hand-computed world of conftest.py (period: the year 2025)."""

from datetime import date

import pytest

from interlab.core.models import SensitiveRead
from interlab.impact import selectors, services

pytestmark = pytest.mark.django_db

YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


def values(rows, field="value"):
    return {row["key"]: row[field] for row in rows}


@pytest.fixture
def funder_summary(world, funder):
    return services.summary(funder, selectors.scope_for(funder, **YEAR))


def test_people_accompanied_leave_out_those_who_left_before_the_period(funder_summary):
    # 6 launched + 1 paused in 2025 + 4 started in September + 12 launched in 2022; the 2 who abandoned in 2024 are out.
    assert funder_summary["people"]["accompanied"] == {"value": 23, "suppressed": False}


def test_gender_breakdown_hides_the_small_cell(funder_summary):
    # women 6+2=8, men 4+5=9, non-binary 1 (hidden), not stated 5. The published figures carry noise
    # (test_attacker.py), so 23-8-9-5 gives no one back: no second cell needs hiding.
    gender = values(funder_summary["people"]["gender"])
    assert gender == {"women": 8, "men": 9, "non_binary": None, "other_or_unknown": 5}
    assert values(funder_summary["people"]["gender"], "suppressed") == {
        "women": False,
        "men": False,
        "non_binary": True,
        "other_or_unknown": False,
    }


def test_age_education_and_third_country_breakdowns(funder_summary):
    people = funder_summary["people"]
    # born 2000 (6) → under 30; 1980 (4) → 30–54 hidden; 1960 (12) → 55+; one unknown, hidden.
    assert values(people["age"]) == {"under_30": 6, "30_54": None, "55_plus": 12, "unknown": None}
    # ISCED 5–8: 5; 3–4: 2 (hidden); 0–2: 0 (hidden); not stated 16.
    assert values(people["education"]) == {"isced_0_2": None, "isced_3_4": None, "isced_5_8": 5, "unknown": 16}
    # refugee 6 + limited 2 = 8; belgian 4 + EEA 1 = 5; 10 without a profile.
    assert values(people["third_country_nationals"]) == {"yes": 8, "no": 5, "unknown": 10}


def test_counting_third_country_nationals_is_logged_as_a_sensitive_read(world, funder):
    services.summary(funder, selectors.scope_for(funder, **YEAR))
    read = SensitiveRead.objects.get()
    assert read.user == funder and read.entrepreneur is None and read.fields == ["residence_situation"]


def test_funnel_counts_the_projects_entering_each_stage_in_the_period(funder_summary):
    assert values(funder_summary["funnel"]) == {
        "intake": 10,
        "idea": 10,
        "project": 6,
        "financing": 6,
        "admin-legal": 6,
        "registration": 6,
        "launched": 6,
        "follow-up": None,  # 0 in 2025: under five
    }


def test_launches_by_legal_form_list_every_form(funder_summary):
    launched = funder_summary["launched"]
    assert launched["total"] == {"value": 6, "suppressed": False}
    # 5 SRL and 1 ASBL: the ASBL is hidden; the forms nobody chose are listed (hidden) too, so that a missing row
    # never says "none".
    assert values(launched["by_legal_form"]) == {
        "undecided": None,
        "sole": None,
        "srl": 5,
        "sc": None,
        "asbl": None,
        "snc": None,
        "sa": None,
    }


def test_median_time_to_launch(funder_summary):
    # 132, 143, 154, 165, 176, 187 days from intake: median (154 + 165) / 2.
    assert funder_summary["time_to_launch_days"] == {"value": 159.5, "suppressed": False}


def test_median_time_in_each_stage_and_the_slowest(funder_summary):
    in_stage = funder_summary["time_in_stage_days"]
    # intake: six stays of 10 days and four of 14; idea: 20..70 and the paused 92 → 50; registration 12..17 → 14.5.
    assert values(in_stage) == {
        "intake": 10,
        "idea": 50,
        "project": 30,
        "financing": 30,
        "admin-legal": 30,
        "registration": 14.5,
    }
    assert funder_summary["slowest_stage"] == "idea"
    assert [row["key"] for row in in_stage if row["slowest"]] == ["idea"]


def test_survival_at_12_36_and_60_months_beside_the_statbel_baseline(funder_summary):
    survival = {row["months"]: row for row in funder_summary["survival"]}
    assert survival[12]["eligible"]["value"] == 12
    assert survival[12]["operating"]["value"] == 7
    assert survival[12]["closed"]["value"] == 5
    assert survival[12]["rate"]["value"] == 58.3
    assert survival[12]["baseline"] == 90.9
    assert survival[36]["operating"]["value"] == 6 and survival[36]["closed"]["value"] == 6
    assert survival[36]["rate"]["value"] == 50.0
    assert survival[36]["baseline"] is None
    # Nobody launched before 2021: nothing to show at 60 months.
    assert survival[60]["eligible"]["suppressed"] and survival[60]["rate"]["value"] is None
    assert survival[60]["baseline"] == 65.4


def test_jobs_at_the_latest_follow_up_within_the_period(funder_summary):
    # Six businesses still operating at 36 months with 2 full-time and 1 part-time job each; the 60-month
    # follow-up of 2027 is after the period.
    assert funder_summary["jobs"] == {
        "businesses_reporting": {"value": 6, "suppressed": False},
        "full_time": {"value": 12, "suppressed": False},
        "part_time": {"value": 6, "suppressed": False},
    }


def test_financing_by_source_hides_small_sources_and_their_amounts(funder_summary):
    financing = funder_summary["financing"]
    by_source = {row["key"]: row for row in financing["by_source"]}
    # grant: 2 projects, hidden with its amount; microcredit: 5 projects, 50,000.
    assert by_source["grant"]["projects"]["suppressed"] and by_source["grant"]["amount"]["value"] is None
    assert by_source["microcredit"]["projects"]["value"] == 5 and by_source["microcredit"]["amount"]["value"] == 50000
    assert by_source["own_funds"]["projects"]["value"] == 6 and by_source["own_funds"]["amount"]["value"] == 6000
    # A source nobody used is listed, hidden: a missing row would say "none".
    assert by_source["loan"]["projects"]["suppressed"] and by_source["loan"]["amount"]["suppressed"]
    # 50,000 + 6,000 + 6,000 in 2025; the 99,999 of 2024 is outside the period.
    assert financing["amount"]["value"] == 62000
    assert financing["projects"]["value"] == 6


def test_a_funder_sees_only_the_programmes_it_funds_and_staff_see_all(world, funder, coach):
    staff = services.summary(coach, selectors.scope_for(coach, **YEAR))
    assert staff["people"]["accompanied"]["value"] == 28
    assert staff["launched"]["total"]["value"] == 11
    funder_view = services.summary(funder, selectors.scope_for(funder, **YEAR))
    assert funder_view["launched"]["total"]["value"] == 6


def test_a_programme_filter_narrows_the_figures(world, coach, unfunded):
    scoped = services.summary(coach, selectors.scope_for(coach, programme=unfunded.pk, **YEAR))
    assert scoped["people"]["accompanied"]["value"] == 5
    assert scoped["launched"]["total"]["value"] == 5
