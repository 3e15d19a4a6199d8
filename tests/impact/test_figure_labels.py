"""Every figure the funders see, under its label, against a count of exactly what the label says.

The world is conftest's (people, paths, follow-ups, financing, needs and referrals; the period is 2025), with
mentoring pairs and bookings added. Each expected value is worked out here with plain queries over the tables the
incubator writes (stage events, follow-ups, financing, pairs, sessions, bookings, referrals), never through impact's
selectors or its stage spells, and compared with what the funder's CSV export and page show under that label.
"""

import csv
import io
import re
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Min
from django.utils import translation

from interlab.core.models import Role
from interlab.crm.choices import LegalForm, Need, ReferralOutcome
from interlab.crm.models import Entrepreneur, Partner, Project, Referral, Stage, StageTransition
from interlab.impact.models import (
    EducationLevel,
    Financing,
    FinancingSource,
    FollowUp,
    GenderCategory,
    Participant,
    Release,
    SurvivalBaseline,
)
from interlab.mentoring.models import Feedback, Match, MentoringSession, MentorProfile
from interlab.tierslieu.models import Booking, OpeningHours, Space
from tests.factories import EntrepreneurFactory, PartnerFactory, UserFactory
from tests.impact.conftest import secret_person
from tests.impact.factories import history

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
FIRST, LAST = date(2025, 1, 1), date(2025, 12, 31)
T0, T1 = datetime(2025, 1, 1, tzinfo=BRUSSELS), datetime(2026, 1, 1, tzinfo=BRUSSELS)
PERIOD = {"period": "2025"}
HIDDEN = "not shown (fewer than 5)"


# --- what a figure is published as (the noise is off: conftest's _exact_counts) ------------------------------------


def count(n: int):
    return n if n >= 5 else HIDDEN


def median(values: list) -> float | str:
    return round(statistics.median(values), 1) if len(values) >= 5 else HIDDEN


def rate(part: int, whole: int):
    return round(100 * part / whole, 1) if part >= 5 and whole >= 5 else HIDDEN


def amount(values: list, contributors: int):
    """A total over `contributors`: hidden with their count, or when one value is more than 60 % of it."""
    total = sum(values)
    if contributors < 5 or (total and max(values) > 0.6 * total):
        return HIDDEN
    return total


def mean(values: list, basis: int):
    return round(statistics.mean(values), 1) if basis >= 20 else HIDDEN


def parsed(text: str):
    try:
        return float(text)
    except ValueError:
        return text


def csv_figures(client, url: str) -> dict[tuple, object]:
    """{(section, indicator, breakdown...): value} of a CSV export in English."""
    response = client.get(url, PERIOD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))[2:]
    figures = {tuple(row[:-1]): parsed(row[-1]) for row in rows}
    assert len(figures) == len(rows), "two figures under the same label"
    return figures


def mismatches(shown: dict, expected: dict) -> list[str]:
    wrong = []
    for key, value in expected.items():
        got = shown.get(key, "missing")
        same = got == value or (isinstance(got, float) and isinstance(value, int | float) and got == float(value))
        if not same:
            wrong.append(f"{' | '.join(key)}: shows {got!r}, counts {value!r}")
    return wrong


# --- the world, beside conftest's --------------------------------------------------------------------------------


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=BRUSSELS)


@pytest.fixture
def pairs(world, funded, unfunded, coach):
    """Mentoring: eleven ties accepted in 2025 in the funded programme among ten mentors and ten mentees, five of
    them joining a local person and a newcomer; one tie formed twice (a pair completed, then taken up again). A
    pair accepted in 2024, one of another programme and an offer never accepted count nowhere."""
    mentors = [
        MentorProfile.objects.create(user=UserFactory(role=Role.MENTOR), is_local=index < 6) for index in range(10)
    ]
    mentees = [
        EntrepreneurFactory(first_name=f"Mentee{index}", arrival_year=None if index in (0, 1, 2, 6, 7) else 2019)
        for index in range(10)
    ]

    def pair(mentor, mentee, accepted: date, status="active", early=False, programme=funded, answers=(4, 5)):
        match = Match.objects.create(
            mentor=mentor,
            mentee=mentee,
            programme=programme,
            status=status,
            offered_at=noon(accepted) - timedelta(days=3),
            accepted_at=noon(accepted) if status != "offered" else None,
            ended_at=noon(accepted) + timedelta(days=90) if status == "ended" else None,
            ended_early=early,
        )
        for index, satisfaction in enumerate(answers):
            MentoringSession.objects.create(match=match, held_on=accepted + timedelta(days=7 * (index + 1)))
            Feedback.objects.create(match=match, satisfaction=satisfaction)
        return match

    for index in range(10):
        pair(mentors[index], mentees[index], date(2025, 3, 1 + index), "active" if index < 6 else "ended")
    pair(mentors[0], mentees[1], date(2025, 2, 1), "ended", early=True, answers=(2, 3))
    pair(mentors[2], mentees[2], date(2025, 1, 15), "ended", answers=(5, 5))
    outsider_mentor = MentorProfile.objects.create(user=UserFactory(role=Role.MENTOR), is_local=True)
    pair(outsider_mentor, EntrepreneurFactory(arrival_year=2020), date(2024, 12, 15), answers=(1, 1))
    pair(outsider_mentor, EntrepreneurFactory(arrival_year=2020), date(2025, 5, 1), programme=unfunded, answers=(1,))
    pair(mentors[9], EntrepreneurFactory(arrival_year=2021), date(2025, 6, 1), "offered", answers=())


@pytest.fixture
def bookings(db, coach):
    """A room and a workshop space open every day 8:00–20:00; whole-day bookings in 2025 (and one in 2024)."""
    spaces = {}
    for name, kind in (("Salle Meuse", "room"), ("Atelier partagé", "workshop")):
        space = Space.objects.create(name=name, kind=kind, capacity=16, closed_on_public_holidays=False)
        for weekday in range(7):
            OpeningHours.objects.create(space=space, weekday=weekday, opens=time(8), closes=time(20))
        spaces[kind] = space
    day = iter(date(2025, 2, 3) + timedelta(days=n) for n in range(300))

    def book(kind: str, status: str, *, checked_in: bool = False, seats: int = 1, on: date | None = None):
        start = datetime.combine(on or next(day), time(8), tzinfo=BRUSSELS)
        end = start + timedelta(hours=12)
        Booking.objects.create(
            space=spaces[kind],
            user=coach,
            title="Atelier",
            start=start,
            end=end,
            blocks_until=end,
            seats=seats,
            status=status,
            checked_in_at=start if checked_in else None,
        )

    for index in range(8):
        book("room", "confirmed", checked_in=index < 6)
    for _index in range(5):
        book("room", "released")
    for _index in range(3):
        book("room", "cancelled")
    for index in range(6):
        book("workshop", "confirmed", checked_in=index < 5, seats=3)
    book("room", "confirmed", checked_in=True, on=date(2024, 12, 2))


@pytest.fixture
def language_needs(world, funded):
    """Six more people in Liège who need French classes, five of them taken up by a partner that gives them."""
    partner = PartnerFactory(name="Cours de français", needs=["language"])
    for index in range(6):
        person = secret_person(100 + index, commune="Liège", needs=["language"])
        history(person, [("intake", "2025-04-01"), ("idea", "2025-05-01")], programme=funded)
        Referral.objects.create(
            entrepreneur=person,
            partner=partner,
            purpose="Cours",
            outcome="accepted" if index < 5 else "declined",
            referred_on=date(2025, 5, 1),
            closed_on=date(2025, 5, 8 + index),
        )


# --- what the labels say, counted plainly ------------------------------------------------------------------------


def accompanied(funded) -> list[int]:
    """People with a project of the programme started before the period's end that had not left it before."""
    projects = Project.objects.filter(programme=funded, created_at__lt=T1).exclude(
        stage__is_exit=True, stage_entered_at__lt=T0
    )
    return sorted(set(projects.values_list("entrepreneur_id", flat=True)))


def first_launches(funded) -> dict[int, datetime]:
    return dict(
        StageTransition.objects.filter(project__programme=funded, to_stage__is_launch=True)
        .values("project_id")
        .annotate(first=Min("at"))
        .values_list("project_id", "first")
    )


def stays(funded) -> list[tuple[int, datetime, datetime]]:
    """(stage, entered, left) of every stay of the programme's projects that has ended."""
    out = []
    events = defaultdict(list)
    for event in StageTransition.objects.filter(project__programme=funded).order_by("at", "id"):
        events[event.project_id].append(event)
    for path in events.values():
        for entered, left in zip(path, path[1:], strict=False):
            out.append((entered.to_stage_id, entered.at, left.at))
    return out


def summary_expected(funded) -> dict[tuple, object]:
    """Every figure of the summary's CSV, keyed by (section, label, breakdown), counted from the tables."""
    expected: dict[tuple, object] = {}
    people = accompanied(funded)
    expected[("people", "people accompanied", "")] = count(len(people))

    participants = {p.entrepreneur_id: p for p in Participant.objects.filter(entrepreneur_id__in=people)}

    def category(field: str) -> Counter:
        return Counter(getattr(participants[e], field, "") if e in participants else "" for e in people)

    gender = category("gender_category")
    named = {GenderCategory.WOMAN: "women", GenderCategory.MAN: "men", GenderCategory.NON_BINARY: "non-binary"}
    for value, label in named.items():
        expected[("people", "people accompanied, by gender", label)] = count(gender[value])
    expected[("people", "people accompanied, by gender", "other or not stated")] = count(
        len(people) - sum(gender[value] for value in named)
    )
    age = category("age_band")
    for value, label in (("under_30", "under 30"), ("30_54", "30 to 54"), ("55_plus", "55 and over")):
        expected[("people", "people accompanied, by age at entry", label)] = count(age[value])
    expected[("people", "people accompanied, by age at entry", "not stated")] = count(
        len(people) - age["under_30"] - age["30_54"] - age["55_plus"]
    )
    education = category("education_level")
    for value, label in EducationLevel.choices:
        expected[("people", "people accompanied, by education level (ISCED)", str(label))] = count(education[value])
    expected[("people", "people accompanied, by education level (ISCED)", "not stated")] = count(
        len(people) - sum(education[value] for value in EducationLevel.values)
    )
    tcn = category("third_country")
    tcn_label = "people accompanied, third-country nationals or not (at entry)"
    expected[("people", tcn_label, "third-country nationals")] = count(tcn["yes"])
    expected[("people", tcn_label, "Belgian or EU/EEA nationals")] = count(tcn["no"])
    expected[("people", tcn_label, "not stated")] = count(len(people) - tcn["yes"] - tcn["no"])

    # The path: first entries into each stage, launches, and stays.
    firsts = (
        StageTransition.objects.filter(project__programme=funded)
        .values("project_id", "to_stage_id")
        .annotate(first=Min("at"))
    )
    stages = list(Stage.objects.order_by("order", "id"))
    for stage in stages:
        if stage.is_exit:
            continue
        entering = [row for row in firsts if row["to_stage_id"] == stage.pk and T0 <= row["first"] < T1]
        expected[("path", "projects entering the stage for the first time", stage.display_name("en"))] = count(
            len(entering)
        )
    launches = {pk: at for pk, at in first_launches(funded).items() if T0 <= at < T1}
    projects = Project.objects.in_bulk(list(launches))
    expected[("launches", "businesses launched in the period", "")] = count(len(launches))
    forms = Counter(projects[pk].legal_form for pk in launches)
    for value, label in LegalForm.choices:
        expected[("launches", "businesses launched in the period, by legal form", str(label))] = count(forms[value])
    expected[("time", "median days from intake to launch, businesses launched in the period", "")] = median(
        [(at - projects[pk].created_at).days for pk, at in launches.items()]
    )
    ended = [(stage_id, (left - entered).days) for stage_id, entered, left in stays(funded) if T0 <= left < T1]
    medians = {}
    for stage in stages:
        if stage.is_exit or stage.is_launch:
            continue
        medians[stage] = median([days for stage_id, days in ended if stage_id == stage.pk])
        label = "median days in the stage, stays that ended in the period"
        expected[("time", label, stage.display_name("en"))] = medians[stage]
    top = max(value for value in medians.values() if value != HIDDEN)
    slowest = [stage for stage, value in medians.items() if value == top]
    indicator = "slowest stage" if len(slowest) == 1 else "slowest stages, tied"
    for stage in slowest:
        expected[("time", f"{indicator} (highest median days in the stage)", stage.display_name("en"))] = top

    # Survival: businesses launched at least 12, 36 or 60 months before the period's end, and those of them that no
    # follow-up recorded closed by that milestone.
    every_launch = first_launches(funded)
    baselines = {b.months: float(b.rate) for b in SurvivalBaseline.objects.filter(region="Wallonie")}
    for months, cutoff in (
        (12, T0),
        (36, datetime(2023, 1, 1, tzinfo=BRUSSELS)),
        (60, datetime(2021, 1, 1, tzinfo=BRUSSELS)),
    ):
        after = f"after {months} months"
        old_enough = [pk for pk, at in every_launch.items() if at < cutoff]
        closed = set(
            FollowUp.objects.filter(
                project_id__in=old_enough, operating=False, months_after_launch__lte=months, checked_on__lte=LAST
            ).values_list("project_id", flat=True)
        )
        operating = len(old_enough) - len(closed)
        label = "businesses launched at least that many months before the end of the period"
        expected[("survival", label, after)] = count(len(old_enough))
        expected[("survival", "of them, not recorded as closed by that milestone", after)] = count(operating)
        expected[("survival", "survival rate (%)", after)] = rate(operating, len(old_enough))
        expected[("survival", "Wallonia, Statbel baseline (%)", after)] = baselines.get(months, "")

    # Jobs: each business at its latest follow-up checked by the period's end.
    latest = {}
    for follow_up in FollowUp.objects.filter(project__programme=funded, checked_on__lte=LAST).order_by(
        "months_after_launch"
    ):
        latest[follow_up.project_id] = follow_up
    operating_now = [f for f in latest.values() if f.operating]
    expected[("jobs", "businesses operating at their latest follow-up", "")] = count(len(operating_now))
    for field, word in (("jobs_full_time", "full-time"), ("jobs_part_time", "part-time")):
        label = f"{word} jobs in the businesses operating at their latest follow-up"
        expected[("jobs", label, "")] = amount([getattr(f, field) for f in operating_now], len(operating_now))

    # Financing obtained in the period.
    financings = list(Financing.objects.filter(project__programme=funded, obtained_on__range=(FIRST, LAST)))
    projects_financed = {f.project_id for f in financings}
    expected[("financing", "projects with financing obtained in the period", "")] = count(len(projects_financed))
    expected[("financing", "financing obtained in the period (EUR)", "")] = amount(
        [float(f.amount) for f in financings], len(projects_financed)
    )
    for value, label in FinancingSource.choices:
        rows = [f for f in financings if f.source == value]
        financed = {f.project_id for f in rows}
        expected[("financing", "projects with financing obtained in the period", str(label))] = count(len(financed))
        expected[("financing", "financing obtained in the period (EUR)", str(label))] = amount(
            [float(f.amount) for f in rows] or [0], len(financed)
        )
    return expected


def mentoring_expected(funded) -> dict[tuple, object]:
    matches = list(
        Match.objects.filter(programme=funded, accepted_at__gte=T0, accepted_at__lt=T1).select_related(
            "mentor", "mentee"
        )
    )
    ties = {(m.mentor_id, m.mentee_id): m.mentor.is_local != (m.mentee.arrival_year is None) for m in matches}
    bridging = sum(ties.values())
    answers = list(Feedback.objects.filter(match__in=matches).values_list("satisfaction", flat=True))
    neighbours = defaultdict(set)
    for mentor, mentee in ties:
        neighbours[("mentor", mentor)].add(("mentee", mentee))
        neighbours[("mentee", mentee)].add(("mentor", mentor))
    reach = []
    for person, near in neighbours.items():
        two_steps = set(near).union(*(neighbours[other] for other in near)) - {person}
        reach.append(len(two_steps))
    figures = {
        "mentoring pairs started in the period, still active": count(sum(m.status == "active" for m in matches)),
        "mentoring pairs started in the period, completed": count(
            sum(m.status == "ended" and not m.ended_early for m in matches)
        ),
        "mentoring pairs started in the period, ended early": count(
            sum(m.status == "ended" and m.ended_early for m in matches)
        ),
        "sessions logged by the mentoring pairs started in the period": count(
            MentoringSession.objects.filter(match__in=matches).count()
        ),
        "mentor–mentee ties created in the period (all)": count(len(ties)),
        "ties created in the period joining a local person and a newcomer": count(bridging),
        "people (mentors and mentees) with a tie created in the period": count(len(neighbours)),
        "mean satisfaction (1–5), answers about the pairs started in the period": mean(answers, len(answers)),
        "share of the ties created in the period joining a local person and a newcomer (%)": rate(bridging, len(ties)),
        "people each person reaches within two steps of these ties, on average": mean(reach, len(neighbours)),
    }
    return {("mentoring", label, ""): value for label, value in figures.items()}


def spaces_expected() -> dict[tuple, object]:
    in_period = Booking.objects.filter(start__gte=T0, start__lt=T1)
    confirmed = in_period.filter(status="confirmed")
    workshops = in_period.filter(space__kind="workshop")

    def open_hours(space) -> float:
        hours = {o.weekday: (o.closes.hour - o.opens.hour) for o in space.opening_hours.all()}
        return sum(hours.get((FIRST + timedelta(days=n)).weekday(), 0) for n in range((LAST - FIRST).days + 1))

    def booked_hours(space=None) -> float:
        rows = confirmed.filter(space=space) if space else confirmed
        return sum((b.end - b.start).total_seconds() / 3600 for b in rows)

    spaces = list(Space.objects.all())
    total_open = sum(open_hours(space) for space in spaces)
    expected = {
        ("tiers-lieu", "booked share of the open hours, all spaces (%)", ""): round(
            100 * booked_hours() / total_open, 1
        ),
        ("tiers-lieu", "confirmed bookings starting in the period, no-shows included", ""): count(
            in_period.filter(status__in=["confirmed", "released"]).count()
        ),
        ("tiers-lieu", "bookings checked in", ""): count(in_period.exclude(checked_in_at=None).count()),
        ("tiers-lieu", "bookings released as no-shows", ""): count(in_period.filter(status="released").count()),
        ("tiers-lieu", "confirmed bookings of workshop spaces", ""): count(
            workshops.filter(status="confirmed").count()
        ),
        ("tiers-lieu", "seats of the workshop bookings checked in", ""): count(
            sum(workshops.exclude(checked_in_at=None).values_list("seats", flat=True))
        ),
    }
    for space in spaces:
        share = round(100 * booked_hours(space) / open_hours(space), 1)
        expected[("tiers-lieu", "booked share of the open hours (%)", space.name)] = share
    return expected


def needs_expected(funded) -> dict[tuple, object]:
    people = list(Entrepreneur.objects.filter(pk__in=accompanied(funded)))
    expected: dict[tuple, object] = {("people", "people accompanied", "", ""): count(len(people))}
    sizes = Counter((p.commune or "").strip() for p in people)

    def commune(person) -> str:
        name = (person.commune or "").strip()
        return "not stated" if not name else name if sizes[name] >= 10 else "other communes"

    communes = {commune(p) for p in people}
    answering = {key: [pt.pk for pt in Partner.objects.all() if key in (pt.needs or [])] for key in Need.values}
    for key, label in Need.choices:
        declared = [p for p in people if key in (p.needs or [])]
        unmet = [
            p
            for p in declared
            if not Referral.objects.filter(
                entrepreneur=p, outcome__in=["accepted", "completed"], partner_id__in=answering[key]
            ).exists()
        ]
        for what, who in (("people who declared the need", declared), ("of them, need still unmet", unmet)):
            expected[("needs", what, str(label), "")] = count(len(who))
            for name in communes:
                expected[("needs", what, str(label), name)] = count(sum(commune(p) == name for p in who))
    in_scope = Referral.objects.filter(entrepreneur__projects__programme=funded).distinct()
    made = in_scope.filter(referred_on__range=(FIRST, LAST))
    closed = in_scope.filter(closed_on__range=(FIRST, LAST))
    for partner in Partner.objects.all():
        outcomes = Counter(made.filter(partner=partner).values_list("outcome", flat=True))
        for value, label in ReferralOutcome.choices:
            key = ("referrals", "referrals made in the period, by current outcome", partner.name, str(label))
            expected[key] = count(outcomes[value])
        key = ("referrals", "referrals made in the period, all outcomes", partner.name, "")
        expected[key] = count(sum(outcomes.values()))
        waits = [(r.closed_on - r.referred_on).days for r in closed.filter(partner=partner)]
        label = "median days from referral to its closing, referrals closed in the period"
        expected[("waiting", label, partner.name, "")] = median(waits)
        expected[("waiting", "referrals made in the period, still pending", partner.name, "")] = count(
            outcomes["pending"]
        )
    label = "median days from referral to its closing, all partners, referrals closed in the period"
    expected[("waiting", label, "", "")] = median([(r.closed_on - r.referred_on).days for r in closed])
    return expected


# --- the tests -----------------------------------------------------------------------------------------------------


def test_every_figure_of_the_summary_export_counts_what_its_label_says(client, world, pairs, bookings, funder, funded):
    client.force_login(funder)
    shown = csv_figures(client, "/app/impact/export.csv")
    with translation.override("en"):
        expected = {**summary_expected(funded), **mentoring_expected(funded), **spaces_expected()}
    assert mismatches(shown, expected) == []
    # Every figure of the export is one of those: none goes unchecked under a label of its own.
    unchecked = {key for key in shown if key not in expected and not re.search(r" · \d{4}-\d{2}-\d{2}$", key[2])}
    assert unchecked == set()


def test_every_figure_of_the_needs_report_export_counts_what_its_label_says(
    client, world, language_needs, funder, funded
):
    client.force_login(funder)
    shown = csv_figures(client, "/app/impact/needs/export.csv")
    with translation.override("en"):
        expected = needs_expected(funded)
    assert mismatches(shown, expected) == []
    assert set(shown) - set(expected) == set()


def test_all_ties_and_local_newcomer_ties_are_told_apart_on_the_page(client, world, pairs, funder, funded):
    """The issue: "local–newcomer ties created: 10" beside "ties joining a local person and a newcomer: 5"."""
    client.force_login(funder)
    html = client.get("/app/impact/", PERIOD, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = page_rows(html)
    matches = Match.objects.filter(programme=funded, accepted_at__gte=T0, accepted_at__lt=T1)
    ties = set(matches.values_list("mentor_id", "mentee_id"))
    bridging = {(m.mentor_id, m.mentee_id) for m in matches if m.mentor.is_local != (m.mentee.arrival_year is None)}
    assert (len(ties), len(bridging)) == (11, 5)
    assert rows["mentor–mentee ties created in the period (all)"] == "11"
    assert rows["ties created in the period joining a local person and a newcomer"] == "5"
    assert rows["share of the ties created in the period joining a local person and a newcomer (%)"] == "45.5%"
    assert "local–newcomer ties created" not in html


def test_the_page_shows_each_figure_under_the_label_of_the_export(client, world, pairs, bookings, funder, funded):
    client.force_login(funder)
    html = client.get("/app/impact/", PERIOD, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    kpis = {
        label: value
        for value, label in re.findall(
            r'<span class="kpi-value">(.*?)</span><span class="kpi-label">(.*?)</span>', html
        )
    }
    with translation.override("en"):
        expected = {**summary_expected(funded), **mentoring_expected(funded), **spaces_expected()}
    by_label = {label: value for (_section, label, breakdown), value in expected.items() if not breakdown}
    assert len(kpis) == 6
    for label, value in kpis.items():
        assert value == english(by_label[label], label), label
    rows = page_rows(html)
    for (section, label, _breakdown), value in expected.items():
        if section in ("mentoring", "tiers-lieu") and label in rows:
            assert rows[label] == english(value, label), label
    assert {label for (section, label, _b) in expected if section == "mentoring"} <= set(rows)


def test_a_period_released_under_the_old_labels_is_shown_under_the_new_ones(client, world, pairs, funder):
    """A released document keeps the words it was released with; the page says each row as the code says it now."""
    client.force_login(funder)
    client.get("/app/impact/", PERIOD)
    release = Release.objects.get(kind=Release.Kind.SUMMARY)
    document = release.document
    for row in document["mentoring"]:
        if row["key"] == "ties_created":
            row["label"] = "local–newcomer ties created"
        row.pop("unit", None)
    Release.objects.filter(pk=release.pk).update(document=document)
    html = client.get("/app/impact/", PERIOD, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = page_rows(html)
    assert "local–newcomer ties created" not in html
    assert rows["mentor–mentee ties created in the period (all)"] == "11"
    assert rows["share of the ties created in the period joining a local person and a newcomer (%)"] == "45.5%"
    api = client.get("/api/v1/impact/summary", PERIOD, HTTP_ACCEPT_LANGUAGE="en").json()
    labels = {row["key"]: row["label"] for row in api["mentoring"]}
    assert labels["ties_created"] == "mentor–mentee ties created in the period (all)"


def english(value, label: str) -> str:
    """A figure as the English page writes it."""
    if value == HIDDEN:
        return "not shown"
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return f"{text}%" if label.endswith("(%)") else text


def page_rows(html: str) -> dict[str, str]:
    """{row label: value} of the page's two-column tables, tags taken out."""
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td></tr>', html, re.S)
    return {re.sub(r"<[^>]+>", "", label).strip(): re.sub(r"<[^>]+>", "", value).strip() for label, value in rows}
