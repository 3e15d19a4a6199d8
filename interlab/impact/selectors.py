"""Read side of impact: every figure is an aggregate computed in the database, scoped to what the user may see.

A funder sees only the programmes it funds; every count under five is hidden (see suppression.py). Nothing
returned here names a person: no name, e-mail, phone or free text ever leaves these functions.
"""

import calendar
import copy
import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from interlab.core.errors import Forbidden
from interlab.core.models import Role, User
from interlab.core.text import normalise
from interlab.crm import selectors as crm_selectors
from interlab.crm.choices import LegalForm, Need, ReferralOutcome
from interlab.mentoring import selectors as mentoring_selectors
from interlab.tierslieu import selectors as tierslieu_selectors

from .models import (
    AgeBand,
    EducationLevel,
    Financing,
    FinancingSource,
    FollowUp,
    GenderCategory,
    Participant,
    StageSpell,
    SurvivalBaseline,
    ThirdCountry,
)
from .spells import days_between
from .suppression import THRESHOLD, cell, count_cell, median_cell, median_from_histogram, suppress_counts

if TYPE_CHECKING:  # names for the type hints only: impact reads the pipeline through crm.selectors
    from interlab.crm.models import Cohort, Programme, Project, Stage

logger = logging.getLogger(__name__)

SURVIVAL_MONTHS = (12, 36, 60)
MET_OUTCOMES = (ReferralOutcome.ACCEPTED, ReferralOutcome.COMPLETED)


def may_see_impact(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_staff_role or (user.is_active and user.role == Role.FUNDER))
    )


def programmes_visible(user: User) -> QuerySet["Programme"]:
    if user.is_staff_role:
        return crm_selectors.programmes_all()
    if user.role == Role.FUNDER:
        return crm_selectors.programmes_all().funded_by(user)
    return crm_selectors.programmes_all().none()


def cohorts_visible(user: User) -> QuerySet["Cohort"]:
    if user.is_staff_role:
        return crm_selectors.cohorts_all()
    return crm_selectors.cohorts_all().filter(programme__in=programmes_visible(user))


@dataclass(frozen=True)
class Scope:
    """Which projects the figures cover, and for which period (dates inclusive, Europe/Brussels)."""

    start: date
    end: date
    project_ids: QuerySet | None  # None: every project (staff without a filter), no join needed
    programme: "Programme | None" = None
    cohort: "Cohort | None" = None
    programme_ids: tuple[int, ...] | None = None  # the funder's programmes; None: every programme (staff)

    @property
    def t0(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def t1(self) -> datetime:
        """The first instant after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def project_q(self, prefix: str = "") -> Q:
        """The scope as a filter on a project's programme and cohort, with the ids written out (no subquery)."""
        q = Q()
        if self.programme is not None:
            q &= Q(**{f"{prefix}programme_id": self.programme.pk})
        elif self.programme_ids is not None:
            # A funder of no programme sees nothing (an empty IN would not compile to SQL).
            q &= Q(
                **{f"{prefix}programme_id__in": list(self.programme_ids)} if self.programme_ids else {f"{prefix}id": 0}
            )
        if self.cohort is not None:
            q &= Q(**{f"{prefix}cohort_id": self.cohort.pk})
        return q

    def projects(self) -> QuerySet["Project"]:
        return crm_selectors.projects_all().filter(self.project_q())

    def on_projects(self, qs: QuerySet, field: str = "project") -> QuerySet:
        """Rows of another table whose project is in scope, through a join on the project's programme."""
        return qs.filter(self.project_q(f"{field}__"))


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months up to today."""
    today = today or timezone.localdate()
    return today - timedelta(days=364), today


def scope_for(
    user: User,
    *,
    start: date | None = None,
    end: date | None = None,
    programme: int | None = None,
    cohort: int | None = None,
) -> Scope:
    """The scope a user asked for, narrowed to what they may see. 403 for other roles, 404 for unseen filters."""
    if not may_see_impact(user):
        raise Forbidden(_("Impact figures are for funders, coaches and administrators."))
    from django.core.exceptions import ValidationError

    if end is None:
        end = timezone.localdate()
    if not FIRST_DAY <= end <= LAST_DAY:
        raise ValidationError({"to": _("Choose dates between 1900 and 2100.")})
    if start is None:
        start = default_period(end)[0]
    if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
        # Far dates cannot be turned into instants (year 1 minus a month, year 9999 plus a day).
        raise ValidationError(
            {"from" if not FIRST_DAY <= start <= LAST_DAY else "to": _("Choose dates between 1900 and 2100.")}
        )
    if start > end:
        raise ValidationError({"from": _("The start of the period must come before its end.")})
    programmes = programmes_visible(user)
    chosen_programme = chosen_cohort = None
    if programme is not None:
        chosen_programme = programmes.filter(pk=programme).first()
        if chosen_programme is None:
            raise Http404
    if cohort is not None:
        chosen_cohort = cohorts_visible(user).filter(pk=cohort).first()
        if chosen_cohort is None:
            raise Http404
    project_ids = None
    if user.is_staff_role:
        qs = crm_selectors.projects_all()
        filtered = False
    else:
        qs = crm_selectors.projects_all().filter(programme__in=programmes.values("pk"))
        filtered = True
    if chosen_programme:
        qs, filtered = qs.filter(programme=chosen_programme), True
    if chosen_cohort:
        qs, filtered = qs.filter(cohort=chosen_cohort), True
    if filtered:
        project_ids = qs.values("pk")
    return Scope(
        start=start,
        end=end,
        project_ids=project_ids,
        programme=chosen_programme,
        cohort=chosen_cohort,
        programme_ids=None if user.is_staff_role else tuple(programmes.values_list("pk", flat=True)),
    )


# --- stages -----------------------------------------------------------------------------------------------


def _stages() -> list["Stage"]:
    return list(crm_selectors.stages_all().order_by("is_exit", "order", "id"))


def _labelled(counts: dict, labels: dict) -> list[dict]:
    """{key: cell} → [{"key", "label", "value", "suppressed"}] in the labels' order."""
    return [{"key": str(key), "label": str(labels.get(key, key)), **counts[key]} for key in labels if key in counts]


# --- people -----------------------------------------------------------------------------------------------


def _accompanied(scope: Scope, exit_ids: list[int]) -> QuerySet["Project"]:
    """Projects followed during the period: started before its end, not left through an exit before its start."""
    return (
        scope.projects()
        .filter(created_at__lt=scope.t1)
        .exclude(Q(stage_id__in=exit_ids) & Q(stage_entered_at__lt=scope.t0))
    )


def people_figures(user: User, scope: Scope, exit_ids: list[int]) -> dict:
    """ESF+ breakdowns of the people accompanied, counted on their participant rows (impact.participants)."""
    accompanied_sql, accompanied_params = (
        _accompanied(scope, exit_ids).order_by().values("entrepreneur_id").query.sql_with_params()
    )
    entrepreneur, participant = crm_selectors.tables()["entrepreneur"], Participant._meta.db_table
    columns = [
        ("pa.gender_category", GenderCategory.WOMAN),
        ("pa.gender_category", GenderCategory.MAN),
        ("pa.gender_category", GenderCategory.NON_BINARY),
        ("pa.age_band", AgeBand.UNDER_30),
        ("pa.age_band", AgeBand.FROM_30_TO_54),
        ("pa.age_band", AgeBand.FROM_55),
        ("pa.education_level", EducationLevel.ISCED_0_2),
        ("pa.education_level", EducationLevel.ISCED_3_4),
        ("pa.education_level", EducationLevel.ISCED_5_8),
        ("pa.third_country", ThirdCountry.YES),
        ("pa.third_country", ThirdCountry.NO),
    ]
    sums = ", ".join(f"SUM(CASE WHEN {column} = %s THEN 1 ELSE 0 END)" for column, _value in columns)
    # A person without a participant row yet counts as "not stated" everywhere (and in the total).
    sql = f"""
        SELECT COUNT(*), {sums}
        FROM {entrepreneur} e
        LEFT JOIN {participant} pa ON pa.entrepreneur_id = e.id
        WHERE e.id IN ({accompanied_sql})
    """
    params = [str(value) for _column, value in columns] + list(accompanied_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        values = [int(v or 0) for v in cursor.fetchone()]
    keys = [
        "total",
        "women",
        "men",
        "non_binary",
        "under_30",
        "from_30_to_54",
        "from_55",
        "isced_0_2",
        "isced_3_4",
        "isced_5_8",
        "third_country",
        "not_third_country",
    ]
    row = dict(zip(keys, values, strict=True))
    total = row["total"]
    gender_counts = {
        "women": row["women"],
        "men": row["men"],
        "non_binary": row["non_binary"],
    }
    gender_counts["other_or_unknown"] = total - sum(gender_counts.values())
    age_counts = {
        "under_30": row["under_30"],
        "30_54": row["from_30_to_54"],
        "55_plus": row["from_55"],
    }
    age_counts["unknown"] = total - sum(age_counts.values())
    education_counts = {key: row[key] for key in ("isced_0_2", "isced_3_4", "isced_5_8")}
    education_counts["unknown"] = total - sum(education_counts.values())
    tcn_counts = {"yes": row["third_country"], "no": row["not_third_country"]}
    tcn_counts["unknown"] = total - sum(tcn_counts.values())
    return {
        "accompanied": count_cell(total),
        "gender": _labelled(
            suppress_counts(gender_counts),
            {
                "women": _("women"),
                "men": _("men"),
                "non_binary": _("non-binary"),
                "other_or_unknown": _("other or not stated"),
            },
        ),
        "age": _labelled(
            suppress_counts(age_counts),
            {
                "under_30": _("under 30"),
                "30_54": _("30 to 54"),
                "55_plus": _("55 and over"),
                "unknown": _("not stated"),
            },
        ),
        "education": _labelled(
            suppress_counts(education_counts), {**dict(EducationLevel.choices), "unknown": _("not stated")}
        ),
        "third_country_nationals": _labelled(
            suppress_counts(tcn_counts),
            {"yes": _("third-country nationals"), "no": _("Belgian or EU/EEA nationals"), "unknown": _("not stated")},
        ),
    }


# --- path: funnel, launches, time ----------------------------------------------------------------------------


SPELL = StageSpell._meta.db_table
PROJECT = crm_selectors.tables()["project"]
FOLLOW_UP = FollowUp._meta.db_table


def _db_time(moment: datetime):
    """A datetime as the database stores it (raw SQL gets no conversion: SQLite keeps naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(moment)


def _spell_scope(scope: Scope, alias: str = "") -> tuple[str, list]:
    """The scope as conditions on a spell's copies of programme and cohort (no join, inside the indexes)."""
    column = f"{alias}." if alias else ""
    conditions, params = [], []
    if scope.programme is not None:
        conditions.append(f"{column}programme_id = %s")
        params.append(scope.programme.pk)
    elif scope.programme_ids is not None:
        if scope.programme_ids:
            conditions.append(f"{column}programme_id IN ({', '.join(['%s'] * len(scope.programme_ids))})")
            params += list(scope.programme_ids)
        else:
            conditions.append("1 = 0")
    if scope.cohort is not None:
        conditions.append(f"{column}cohort_id = %s")
        params.append(scope.cohort.pk)
    return "".join(f" AND {c}" for c in conditions), params


def _histogram(sql: str, params: list) -> dict:
    """{group: {days: count}} from SQL selecting (group, days, count)."""
    out: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for group, days, n in cursor.fetchall():
            out.setdefault(group, {})[days] = n
    return out


def path_figures(scope: Scope, stages: list["Stage"]) -> dict:
    ordinary = [s for s in stages if not s.is_exit]
    path_stages = [s for s in ordinary if not s.is_launch]
    where, where_params = _spell_scope(scope)
    t0, t1 = _db_time(scope.t0), _db_time(scope.t1)

    # Funnel: the projects that reached each stage for the first time during the period. One range search
    # per stage on a partial index, in one statement.
    entered: dict[int, int] = {}
    if ordinary:
        branch = f"SELECT %s, COUNT(*) FROM {SPELL} WHERE first_entry AND stage_id = %s AND entered_at >= %s AND entered_at < %s{where}"
        params: list = []
        for stage in ordinary:
            params += [stage.pk, stage.pk, t0, t1, *where_params]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join([branch] * len(ordinary)), params)
            entered = dict(cursor.fetchall())
    funnel = [{"key": s.key, "label": s.display_name(), **count_cell(entered.get(s.pk, 0))} for s in ordinary]

    # Businesses launched in the period (first entry into a launch stage), by legal form.
    where_s, where_s_params = _spell_scope(scope, "s")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT p.legal_form, COUNT(*) FROM {SPELL} s JOIN {PROJECT} p ON p.id = s.project_id
            WHERE s.first_launch AND s.entered_at >= %s AND s.entered_at < %s{where_s}
            GROUP BY p.legal_form
            """,
            [t0, t1, *where_s_params],
        )
        by_form = dict(cursor.fetchall())
    total_launched = sum(by_form.values())
    forms = {key: by_form[key] for key in LegalForm.values if by_form.get(key)}
    launched = {
        "total": count_cell(total_launched),
        "by_legal_form": _labelled(suppress_counts(forms), dict(LegalForm.choices)),
    }

    # Median days from intake to the first launch, for the businesses launched in the period.
    to_launch = _histogram(
        f"""
        SELECT 0, {days_between("s.entered_at", "p.created_at")} AS d, COUNT(*)
        FROM {SPELL} s JOIN {PROJECT} p ON p.id = s.project_id
        WHERE s.first_launch AND s.entered_at >= %s AND s.entered_at < %s{where_s}
        GROUP BY d
        """,
        [t0, t1, *where_s_params],
    )
    time_to_launch = median_cell(*median_from_histogram(to_launch.get(0, {})))

    # Median days spent in each stage, over the stays that ended in the period: per stage, the index is
    # read in the order of days, so the histogram needs no sort.
    dwell: dict = {}
    if path_stages:
        branch = f"SELECT stage_id, days, COUNT(*) FROM {SPELL} WHERE stage_id = %s AND left_at >= %s AND left_at < %s{where} GROUP BY stage_id, days"
        params = []
        for stage in path_stages:
            params += [stage.pk, t0, t1, *where_params]
        dwell = _histogram(
            " UNION ALL ".join(f"SELECT * FROM ({branch}) AS b{i}" for i in range(len(path_stages))), params
        )
    in_stage = [
        {"key": s.key, "label": s.display_name(), **median_cell(*median_from_histogram(dwell.get(s.pk, {})))}
        for s in path_stages
    ]
    shown = [row for row in in_stage if not row["suppressed"]]
    slowest = max(shown, key=lambda row: row["value"])["key"] if shown else None
    for row in in_stage:
        row["slowest"] = row["key"] == slowest
    return {
        "funnel": funnel,
        "launched": launched,
        "time_to_launch_days": time_to_launch,
        "time_in_stage_days": in_stage,
        "slowest_stage": slowest,
    }


# --- follow-up: survival, jobs ------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def follow_up_figures(scope: Scope, stages: list["Stage"]) -> dict:
    baselines = {b.months: b for b in SurvivalBaseline.objects.filter(region="Wallonie")}
    where_s, where_s_params = _spell_scope(scope, "s")
    cutoffs = {months: _db_time(months_before(scope.t1, months)) for months in SURVIVAL_MONTHS}
    columns, params = [], []
    for months in SURVIVAL_MONTHS:
        closed = (
            f"EXISTS (SELECT 1 FROM {FOLLOW_UP} f WHERE f.project_id = s.project_id AND NOT f.operating "
            "AND f.months_after_launch <= %s AND f.checked_on <= %s)"
        )
        columns.append("SUM(CASE WHEN s.entered_at < %s THEN 1 ELSE 0 END)")
        columns.append(f"SUM(CASE WHEN s.entered_at < %s AND {closed} THEN 1 ELSE 0 END)")
        params += [cutoffs[months], cutoffs[months], months, scope.end]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {SPELL} s WHERE s.first_launch AND s.entered_at < %s{where_s}",
            [*params, max(cutoffs.values()), *where_s_params],
        )
        row = [int(value or 0) for value in cursor.fetchone()]
    survival = []
    for index, months in enumerate(SURVIVAL_MONTHS):
        eligible, closed_count = row[2 * index], row[2 * index + 1]
        cells = suppress_counts({"operating": eligible - closed_count, "closed": closed_count})
        rate = None
        if not cells["operating"]["suppressed"] and eligible:
            rate = round(100 * cells["operating"]["value"] / eligible, 1)
        baseline = baselines.get(months)
        survival.append(
            {
                "months": months,
                "eligible": count_cell(eligible),
                "operating": cells["operating"],
                "closed": cells["closed"],
                "rate": cell(rate, suppressed=rate is None),
                "baseline": float(baseline.rate) if baseline else None,
                "baseline_source": baseline.source if baseline else "",
            }
        )

    # Each business at its latest follow-up within the period (the unique (project, milestone) index gives
    # the latest milestone per project without a sort).
    scoped = ""
    scope_params: list = []
    q = scope.project_q()
    if q:
        project_sql, scope_params = (
            crm_selectors.projects_all().filter(q).order_by().values("pk").query.sql_with_params()
        )
        scoped = f" AND f.project_id IN ({project_sql})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT SUM(CASE WHEN f.operating THEN 1 ELSE 0 END),
                   SUM(CASE WHEN f.operating THEN f.jobs_full_time ELSE 0 END),
                   SUM(CASE WHEN f.operating THEN f.jobs_part_time ELSE 0 END)
            FROM {FOLLOW_UP} f JOIN (
                SELECT project_id, MAX(months_after_launch) AS latest FROM {FOLLOW_UP}
                WHERE checked_on <= %s GROUP BY project_id
            ) AS last ON last.project_id = f.project_id AND last.latest = f.months_after_launch
            WHERE f.checked_on <= %s{scoped}
            """,
            [scope.end, scope.end, *scope_params],
        )
        businesses, full_time, part_time = (int(v or 0) for v in cursor.fetchone())
    jobs = {"businesses": businesses, "full_time": full_time, "part_time": part_time}
    hidden = jobs["businesses"] < THRESHOLD
    return {
        "survival": survival,
        "jobs": {
            "businesses_reporting": count_cell(jobs["businesses"]),
            "full_time": cell(jobs["full_time"] or 0, suppressed=hidden),
            "part_time": cell(jobs["part_time"] or 0, suppressed=hidden),
        },
    }


def financing_figures(scope: Scope) -> dict:
    rows = {
        source: (n, amount)
        for source, n, amount in scope.on_projects(
            Financing.objects.filter(obtained_on__gte=scope.start, obtained_on__lte=scope.end)
        )
        .values("source")
        .annotate(n=Count("project_id", distinct=True), amount=Sum("amount"))
        .order_by()
        .values_list("source", "n", "amount")
    }
    counts = {key: rows.get(key, (0, 0))[0] for key in FinancingSource.values if key in rows}
    cells = suppress_counts(counts)
    by_source = []
    total = Decimal(0)
    for key, label in FinancingSource.choices:
        if key not in rows:
            continue
        n, amount = rows[key]
        total += amount or 0
        hidden = cells[key]["suppressed"]
        by_source.append(
            {
                "key": key,
                "label": str(label),
                "projects": cells[key],
                "amount": cell(float(amount or 0), suppressed=hidden),
            }
        )
    total_projects = scope.on_projects(
        Financing.objects.filter(obtained_on__gte=scope.start, obtained_on__lte=scope.end)
    ).aggregate(n=Count("project_id", distinct=True))["n"]
    return {
        "projects": count_cell(total_projects),
        "amount": cell(float(total), suppressed=total_projects < THRESHOLD),
        "by_source": by_source,
    }


# --- blocks of the apps built alongside ---------------------------------------------------------------------

LABEL_KEYS = ("space", "space_name", "week", "kind", "label", "key", "status")


def _flatten(data, prefix: str = "") -> list[dict]:
    """Turn another app's figures into rows a funder may see: numbers only, counts under five hidden.

    Text is dropped unless it is a label (a space's name, a week): another app's free text never gets through.
    """
    rows: list[dict] = []
    if isinstance(data, dict):
        label = " · ".join(
            str(data[k]) for k in LABEL_KEYS if isinstance(data.get(k), str | int) and not isinstance(data[k], bool)
        )
        base = f"{prefix} · {label}" if prefix and label else (label or prefix)
        for key, value in data.items():
            if key in LABEL_KEYS:
                continue
            rows += _flatten(value, f"{base} · {key}" if base else str(key))
    elif isinstance(data, list | tuple):
        for item in data:
            rows += _flatten(item, prefix)
    elif isinstance(data, bool):
        return []
    elif isinstance(data, int):
        rows.append({"label": prefix, **count_cell(data)})
    elif isinstance(data, float | Decimal):
        rows.append({"label": prefix, **cell(round(float(data), 2))})
    return rows


def optional_block(module: ModuleType, function: str, **kwargs) -> dict | None:
    """Another app's figures, read through its selectors: None when the function is not there, fails, or has
    nothing to say.

    The other app's failure must not take the funders' dashboard down: it is logged and its block left out.
    """
    func = getattr(module, function, None)
    if func is None:
        return None
    try:
        with transaction.atomic():  # a savepoint: a failed query there leaves our transaction usable
            data = func(**kwargs)
    except Exception:  # noqa: BLE001 - any failure of another app's block only hides that block
        logger.exception("impact: %s.%s failed; its block is left out", module.__name__, function)
        return None
    return data if isinstance(data, dict) and data else None


MENTORING_COUNTS = {
    "pairs_active": gettext_lazy("active mentoring pairs"),
    "pairs_completed": gettext_lazy("mentoring pairs completed"),
    "pairs_ended_early": gettext_lazy("mentoring pairs ended early"),
    "sessions": gettext_lazy("mentoring sessions"),
    "ties_created": gettext_lazy("local–newcomer ties created"),
    "bridging_ties": gettext_lazy("ties joining a local person and a newcomer"),
    "people_in_network": gettext_lazy("people in the mentoring network"),
}


def mentoring_rows(data: dict | None) -> list[dict] | None:
    """Mentoring figures a funder may see: counts under five hidden, averages over fewer than five hidden."""
    if not data or not any(isinstance(v, int | float) and not isinstance(v, bool) and v for v in data.values()):
        return None  # no pair and no tie yet: nothing to report
    rows = [
        {"key": key, "label": str(label), **count_cell(data.get(key))}
        for key, label in MENTORING_COUNTS.items()
        if key in data
    ]

    def ratio(key: str, label, basis: str, scale: float = 1, digits: int = 2) -> None:
        if key not in data:
            return
        value = data.get(key)
        hidden = (data.get(basis) or 0) < THRESHOLD or value is None
        rows.append(
            {
                "key": key,
                "label": str(label),
                **cell(None if hidden else round(float(value) * scale, digits), suppressed=hidden),
            }
        )

    ratio("mean_satisfaction", gettext_lazy("mean satisfaction (1–5)"), "satisfaction_responses")
    ratio("bridging_share", gettext_lazy("share of local–newcomer ties (%)"), "ties_created", 100, 1)
    ratio(
        "reach_two_steps_mean", gettext_lazy("people reached within two steps, on average"), "people_in_network", 1, 1
    )
    known = {
        *MENTORING_COUNTS,
        "mean_satisfaction",
        "bridging_share",
        "reach_two_steps_mean",
        "satisfaction_responses",
        "reach_two_steps_total",
    }
    rows += [{"key": row["label"], **row} for row in _flatten({k: v for k, v in data.items() if k not in known})]
    return rows or None


def spaces_rows(data: dict | None) -> dict | None:
    """Occupancy per space and week (ratios of open hours, not people) and workshop attendance (counts)."""
    if not data:
        return None
    totals = [
        {"key": key, "label": str(label), **count_cell(data.get(key))}
        for key, label in (
            ("bookings", gettext_lazy("bookings")),
            ("checked_in", gettext_lazy("check-ins")),
            ("no_shows", gettext_lazy("no-shows")),
            ("workshop_sessions", gettext_lazy("workshop sessions")),
            ("workshop_attendance", gettext_lazy("workshop attendance")),
        )
        if key in data
    ]
    if data.get("occupancy") is not None:
        totals.insert(
            0,
            {
                "key": "occupancy",
                "label": str(gettext_lazy("occupancy of the house (%)")),
                **cell(round(100 * float(data["occupancy"]), 1)),
            },
        )
    spaces = []
    for space in data.get("spaces") or []:
        if not isinstance(space, dict):
            continue
        weeks = [
            {
                "week": str(week.get("week", "")),
                **cell(None if week.get("occupancy") is None else round(100 * float(week["occupancy"]), 1)),
            }
            for week in space.get("weeks") or []
            if isinstance(week, dict)
        ]
        occupancy = space.get("occupancy")
        spaces.append(
            {
                "label": str(space.get("name") or space.get("space") or ""),
                "kind": str(space.get("kind") or ""),
                **cell(None if occupancy is None else round(100 * float(occupancy), 1)),
                "weeks": weeks,
            }
        )
    if not spaces and not any(data.get(row["key"]) for row in totals):
        return None  # no space and no booking yet: nothing to report
    return {"totals": totals, "spaces": spaces}


def partner_block_sources(scope: Scope) -> dict[str, tuple[ModuleType, str, dict]]:
    """Where the mentoring and tiers-lieu blocks come from: the app's selectors module, function, arguments."""
    programme_ids = None
    if scope.programme is not None:
        programme_ids = [scope.programme.pk]
    elif scope.programme_ids is not None:
        programme_ids = list(scope.programme_ids)
    return {
        "mentoring": (
            mentoring_selectors,
            "impact_figures",
            {"programme_ids": programme_ids, "start": scope.start, "end": scope.end},
        ),
        # Rooms are shared by every programme: occupancy is the same whoever funds the reader.
        "spaces": (tierslieu_selectors, "occupancy", {"start": scope.start, "end": scope.end}),
    }


def block_key(module: ModuleType, function: str, kwargs: dict) -> str:
    """The arguments (period, programmes) are in the key, so two funders never share a block they may not both see."""
    parts = (module.__name__, function, sorted(kwargs.items()))
    return "impact:block:" + hashlib.sha256(repr(parts).encode()).hexdigest()


# --- the summary ------------------------------------------------------------------------------------------------


def last_stage_event() -> int:
    return StageSpell.objects.aggregate(m=Max("transition_id"))["m"] or 0


def summary_key(scope: Scope, last_event: int, version: str) -> str:
    """The key the figures of a scope are kept under; `version` is freshness.version(), replaced on every write."""
    parts = (
        scope.start.isoformat(),
        scope.end.isoformat(),
        scope.programme.pk if scope.programme else None,
        scope.cohort.pk if scope.cohort else None,
        scope.programme_ids,
        get_language(),
        last_event,
        version,
    )
    return "impact:summary:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def core_figures(user: User, scope: Scope) -> dict:
    """The dashboard's own figures for one scope (people, path, follow-up, financing), computed afresh."""
    stages = _stages()
    exit_ids = [s.pk for s in stages if s.is_exit]
    return {
        "people": people_figures(user, scope, exit_ids),
        **path_figures(scope, stages),
        **follow_up_figures(scope, stages),
        "financing": financing_figures(scope),
    }


def summary_document(scope: Scope, kept: dict, blocks: dict) -> dict:
    """Every figure of the dashboard for one scope, aggregated and protected, from the figures computed (and kept,
    see services.summary) and the other apps' raw blocks."""
    return {
        "from": scope.start,
        "to": scope.end,
        "programme": scope.programme.pk if scope.programme else None,
        "programme_name": scope.programme.name if scope.programme else "",
        "cohort": scope.cohort.pk if scope.cohort else None,
        "cohort_name": scope.cohort.name if scope.cohort else "",
        "generated_at": kept["generated_at"],
        "threshold": THRESHOLD,
        **copy.deepcopy(kept["figures"]),
        "mentoring": mentoring_rows(blocks.get("mentoring")),
        "spaces": spaces_rows(blocks.get("spaces")),
    }


# --- needs report -----------------------------------------------------------------------------------------------


def needs_report(user: User, scope: Scope) -> dict:
    """Needs declared and still unmet, by need and commune; referrals by partner and outcome; waiting times."""
    exit_ids = list(crm_selectors.stages_all().filter(is_exit=True).values_list("pk", flat=True))
    people = crm_selectors.entrepreneurs_all().filter(pk__in=_accompanied(scope, exit_ids).values("entrepreneur_id"))
    partner_needs = {
        key: list(crm_selectors.partners_all().filter(needs__icontains=f'"{key}"').values_list("pk", flat=True))
        for key in Need.values
    }
    # One annotated pass per need keeps the SQL portable (JSON lists differ between SQLite and PostgreSQL).
    table: dict[str, dict[str, dict]] = {}
    for key in Need.values:
        met = Exists(
            crm_selectors.referrals_all().filter(
                entrepreneur=OuterRef("pk"), outcome__in=MET_OUTCOMES, partner_id__in=partner_needs[key] or [0]
            )
        )
        rows = (
            people.filter(needs__icontains=f'"{key}"')
            .annotate(met=met)
            .values("commune")
            .annotate(declared=Count("id"), unmet=Count("id", filter=Q(met=False)))
            .order_by()
        )
        for row in rows:
            commune = (row["commune"] or "").strip() or _("not stated")
            entry = table.setdefault(key, {}).setdefault(commune, {"declared": 0, "unmet": 0})
            entry["declared"] += row["declared"]
            entry["unmet"] += row["unmet"]
    labels = dict(Need.choices)
    by_need = []
    for key in Need.values:
        communes = table.get(key, {})
        declared = suppress_counts({c: v["declared"] for c, v in communes.items()})
        unmet = suppress_counts({c: v["unmet"] for c, v in communes.items()})
        by_need.append(
            {
                "key": key,
                "label": str(labels[key]),
                "declared": count_cell(sum(v["declared"] for v in communes.values())),
                "unmet": count_cell(sum(v["unmet"] for v in communes.values())),
                "communes": [
                    {"commune": c, "declared": declared[c], "unmet": unmet[c]}
                    for c in sorted(communes, key=str.casefold)
                ],
            }
        )

    referrals = crm_selectors.referrals_all().filter(referred_on__gte=scope.start, referred_on__lte=scope.end)
    if scope.project_ids is not None:
        referrals = referrals.filter(entrepreneur__in=scope.projects().values("entrepreneur_id"))
    outcome_labels = dict(ReferralOutcome.choices)
    by_partner: dict[str, dict[str, int]] = {}
    for name, outcome, n in (
        referrals.values("partner__name", "outcome")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("partner__name", "outcome", "n")
    ):
        by_partner.setdefault(name, {})[outcome] = n
    partner_rows = []
    for name in sorted(by_partner, key=str.casefold):
        counts = {key: by_partner[name].get(key, 0) for key in ReferralOutcome.values}
        total = sum(counts.values())
        partner_rows.append(
            {
                "partner": name,
                "total": count_cell(total),
                "outcomes": _labelled(suppress_counts(counts), outcome_labels),
            }
        )

    # Waiting: days from referral to its closing, per partner, over referrals closed in the period.
    scope_sql, scope_params = ("", [])
    if scope.project_ids is not None:
        sql, params = scope.projects().order_by().values("entrepreneur_id").query.sql_with_params()
        scope_sql, scope_params = f" AND r.entrepreneur_id IN ({sql})", list(params)
    if connection.vendor == "postgresql":
        wait = "(r.closed_on - r.referred_on)"
    else:
        wait = "CAST(julianday(r.closed_on) - julianday(r.referred_on) AS INTEGER)"
    waits = _histogram(
        f"""
        SELECT p.name, {wait}, COUNT(*) FROM {crm_selectors.tables()["referral"]} r
        JOIN {crm_selectors.tables()["partner"]} p ON p.id = r.partner_id
        WHERE r.closed_on IS NOT NULL AND r.closed_on >= %s AND r.closed_on <= %s{scope_sql}
        GROUP BY p.name, {wait}
        """,
        [scope.start, scope.end, *scope_params],
    )
    pending = dict(
        referrals.filter(outcome=ReferralOutcome.PENDING)
        .values("partner__name")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("partner__name", "n")
    )
    waiting = [
        {
            "partner": name,
            "median_days": median_cell(*median_from_histogram(waits.get(name, {}))),
            "pending": count_cell(pending.get(name, 0)),
        }
        for name in sorted(set(waits) | set(pending), key=str.casefold)
    ]
    all_waits: dict[int, int] = {}
    for buckets in waits.values():
        for days, n in buckets.items():
            all_waits[days] = all_waits.get(days, 0) + n
    return {
        "from": scope.start,
        "to": scope.end,
        "programme": scope.programme.pk if scope.programme else None,
        "programme_name": scope.programme.name if scope.programme else "",
        "threshold": THRESHOLD,
        "people": count_cell(people.count()),
        "needs": by_need,
        "referrals": partner_rows,
        "waiting": waiting,
        "median_wait_days": median_cell(*median_from_histogram(all_waits)),
    }


def latest_generated() -> datetime | None:
    return StageSpell.objects.aggregate(m=Max("entered_at"))["m"]


def launched_projects(user: User, *, q: str = "") -> QuerySet["Project"]:
    """Projects that reached a launch stage, for the coach who records their follow-ups (staff only)."""
    launch_ids = list(crm_selectors.stages_all().filter(is_launch=True).values_list("pk", flat=True))
    qs = crm_selectors.projects_visible(user).filter(
        pk__in=crm_selectors.stage_transitions_all().filter(to_stage_id__in=launch_ids).values("project_id")
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(entrepreneur__search_text__contains=normalise(q)))
    return qs.select_related("entrepreneur", "stage").order_by("-stage_entered_at", "-id")
