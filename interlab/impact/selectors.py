"""Read side of impact: every figure is an aggregate computed in the database, scoped to what the user may see.

A funder sees only the programmes it funds; every count is protected (see disclosure.py). Nothing
returned here names a person: no name, e-mail, phone or free text ever leaves these functions.
"""

import calendar
import copy
import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import ModuleType
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from interlab.core.errors import Forbidden
from interlab.core.models import Role, User
from interlab.core.text import normalise
from interlab.crm import selectors as crm_selectors
from interlab.crm.choices import LegalForm, Need, ReferralOutcome
from interlab.mentoring import selectors as mentoring_selectors
from interlab.tierslieu import selectors as tierslieu_selectors

from . import labels as figure_labels
from . import periods
from .disclosure import (
    MIN_GROUP,
    MODULUS,
    THRESHOLD,
    amount_cell,
    cell,
    cell_key,
    count_cell,
    count_cells,
    mean_cell,
    median_cell,
    median_from_histogram,
    opaque_key,
    rate_cell,
    record_key_expr,
    record_key_sql,
    remainder,
)
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
    period: "periods.Period | None" = None

    @property
    def closed(self) -> bool:
        """A closed period's figures are released once and kept; an open one's are in progress (staff only)."""
        return self.period is not None and self.period.closed()

    @property
    def group(self) -> str:
        """Everything that shapes the figures, as the release is filed under: the projects (programme, cohort) and
        the programmes the other apps' blocks are read for (a funder's programmes, or every programme)."""
        parts = [
            f"cohort:{self.cohort.pk}" if self.cohort is not None else "",
            f"programme:{self.programme.pk}" if self.programme is not None else "",
            "programmes:"
            + (",".join(str(pk) for pk in sorted(self.programme_ids)) if self.programme_ids is not None else "all"),
        ]
        return "|".join(part for part in parts if part)

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


def group_size(programme_ids, cohort: "Cohort | None" = None) -> int:
    """People ever followed in the programmes (None: all) or the cohort: a published group's size."""
    projects = crm_selectors.projects_all()
    if programme_ids is not None:
        projects = projects.filter(programme_id__in=list(programme_ids))
    if cohort is not None:
        projects = projects.filter(cohort=cohort)
    return projects.values("entrepreneur_id").distinct().count()


def _sizes(field: str, ids) -> dict[int, int]:
    """People ever followed in each programme or cohort."""
    return dict(
        crm_selectors.projects_all()
        .filter(**{f"{field}__in": ids})
        .values(field)
        .annotate(n=Count("entrepreneur_id", distinct=True))
        .values_list(field, "n")
    )


def published_programmes(user: User) -> QuerySet["Programme"]:
    """The programmes a user may choose: for a funder, those of at least MIN_GROUP people. A smaller one is left
    out of the funder's figures altogether: else "all my programmes" minus the others would give it back."""
    programmes = programmes_visible(user)
    if user.is_staff_role:
        return programmes
    sizes = _sizes("programme_id", programmes.values("pk"))
    return programmes.filter(pk__in=[pk for pk, n in sizes.items() if n >= MIN_GROUP])


def published_cohorts(user: User) -> QuerySet["Cohort"]:
    """The cohorts a user may choose: for a funder, a cohort of at least MIN_GROUP people in a published programme
    whose other people are none or also at least MIN_GROUP (else the programme minus the cohort gives them)."""
    cohorts = cohorts_visible(user)
    if user.is_staff_role:
        return cohorts
    programmes = published_programmes(user)
    cohorts = cohorts.filter(programme__in=programmes)
    cohort_sizes = _sizes("cohort_id", cohorts.values("pk"))
    programme_sizes = _sizes("programme_id", programmes.values("pk"))
    allowed = []
    for cohort_id, programme_id in cohorts.values_list("pk", "programme_id"):
        n = cohort_sizes.get(cohort_id, 0)
        rest = programme_sizes.get(programme_id, 0) - n
        if n >= MIN_GROUP and (rest == 0 or rest >= MIN_GROUP):
            allowed.append(cohort_id)
    return cohorts.filter(pk__in=allowed)


def offered_periods(user: User, today: date | None = None) -> list[periods.Period]:
    return periods.offered(include_open=bool(user.is_staff_role), today=today)


def choose_period(
    user: User, *, period: "str | periods.Period | None" = None, start: date | None = None, end: date | None = None
) -> periods.Period:
    """The reporting period asked for: a code, or the exact first and last days of one; a funder's is closed."""
    from django.core.exceptions import ValidationError

    today = timezone.localdate()
    if isinstance(period, periods.Period):
        chosen = period
    elif period:
        chosen = periods.parse(period)
        if chosen is None:
            raise ValidationError(
                {"period": _("Choose a year, a quarter or a month, written 2025, 2025-Q3 or 2025-07.")}
            )
    elif start is not None or end is not None:
        chosen = periods.from_window(start, end)
        if chosen is None:
            # Two windows a day apart would show one person in their difference: only fixed periods are published.
            raise ValidationError(
                {
                    "from": _(
                        "Figures are published for whole months, quarters and years only: choose one of them "
                        "(for example 2025, 2025-Q3 or 2025-07)."
                    )
                }
            )
    else:
        chosen = periods.default(include_open=bool(user.is_staff_role), today=today)
    if chosen.start > today:
        raise ValidationError({"period": _("This period has not started yet.")})
    if not user.is_staff_role and not chosen.closed(today):
        raise ValidationError(
            {
                "period": _("The figures of %(period)s are released once it has closed, after %(end)s.")
                % {"period": chosen.label, "end": formats.date_format(chosen.end, "DATE_FORMAT")}
            }
        )
    return chosen


def scope_for(
    user: User,
    *,
    period: "str | periods.Period | None" = None,
    start: date | None = None,
    end: date | None = None,
    programme: int | None = None,
    cohort: int | None = None,
) -> Scope:
    """The scope a user asked for, narrowed to what they may see. 403 for other roles, 404 for unseen filters,
    ValidationError (422) for a window that is not a published period or a group too small to publish."""
    if not may_see_impact(user):
        raise Forbidden(_("Impact figures are for funders, coaches and administrators."))
    from django.core.exceptions import ValidationError

    chosen_period = choose_period(user, period=period, start=start, end=end)
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
    if chosen_cohort is not None and chosen_programme is not None and chosen_cohort.programme_id != chosen_programme.pk:
        raise ValidationError({"cohort": _("This cohort belongs to another programme.")})
    if chosen_cohort is not None and chosen_programme is None and chosen_cohort.programme_id is not None:
        chosen_programme = programmes.filter(pk=chosen_cohort.programme_id).first()
    programme_ids = None
    if not user.is_staff_role:
        # A funder's figures cover its published programmes only (published_programmes says why).
        published = published_programmes(user)
        programme_ids = tuple(published.values_list("pk", flat=True))
        refused = None
        if chosen_cohort is not None:
            refused = None if published_cohorts(user).filter(pk=chosen_cohort.pk).exists() else "cohort"
        elif chosen_programme is not None:
            refused = None if chosen_programme.pk in programme_ids else "programme"
        elif group_size(programme_ids) < MIN_GROUP:
            refused = "programme"
        if refused:
            raise ValidationError(
                {
                    refused: _(
                        "This group is too small for its figures to be published: fewer than %(n)s people, or "
                        "fewer than %(n)s beside it in its programme."
                    )
                    % {"n": MIN_GROUP}
                }
            )
        programmes = published
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
        start=chosen_period.start,
        end=chosen_period.end,
        project_ids=project_ids,
        programme=chosen_programme,
        cohort=chosen_cohort,
        programme_ids=programme_ids,
        period=chosen_period,
    )


# --- stages -----------------------------------------------------------------------------------------------


def stage_names() -> dict[str, str]:
    """Each stage's name in the reader's language, by key."""
    return {stage.key: stage.display_name() for stage in crm_selectors.stages_all()}


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
    key_sql, key_params = record_key_sql("e.id", "person")
    sums = ", ".join(
        f"SUM(CASE WHEN {column} = %s THEN 1 ELSE 0 END), SUM(CASE WHEN {column} = %s THEN {key_sql} ELSE 0 END)"
        for column, _value in columns
    )
    # A person without a participant row yet counts as "not stated" everywhere (and in the total).
    sql = f"""
        SELECT COUNT(*), SUM({key_sql}), {sums}
        FROM {entrepreneur} e
        LEFT JOIN {participant} pa ON pa.entrepreneur_id = e.id
        WHERE e.id IN ({accompanied_sql})
    """
    params = [*key_params]
    for _column, value in columns:
        params += [str(value), str(value), *key_params]
    params += list(accompanied_params)
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
    # Each figure is (count, cell key): the key is the sum of the counted people's record keys (disclosure.py).
    row = {key: (values[2 * i], values[2 * i + 1] % MODULUS) for i, key in enumerate(keys)}
    total = row["total"]

    def breakdown(names: dict[str, str]) -> dict[str, tuple[int, int]]:
        counts = {name: row[column] for name, column in names.items()}
        counts["unknown"] = remainder(total, counts.values())
        return counts

    gender_counts = breakdown({"women": "women", "men": "men", "non_binary": "non_binary"})
    gender_counts["other_or_unknown"] = gender_counts.pop("unknown")
    age_counts = breakdown({"under_30": "under_30", "30_54": "from_30_to_54", "55_plus": "from_55"})
    education_counts = breakdown({key: key for key in ("isced_0_2", "isced_3_4", "isced_5_8")})
    tcn_counts = breakdown({"yes": "third_country", "no": "not_third_country"})
    return {
        "accompanied": count_cell(*total),
        "gender": _labelled(
            count_cells(gender_counts),
            {
                "women": _("women"),
                "men": _("men"),
                "non_binary": _("non-binary"),
                "other_or_unknown": _("other or not stated"),
            },
        ),
        "age": _labelled(
            count_cells(age_counts),
            {
                "under_30": _("under 30"),
                "30_54": _("30 to 54"),
                "55_plus": _("55 and over"),
                "unknown": _("not stated"),
            },
        ),
        "education": _labelled(
            count_cells(education_counts), {**dict(EducationLevel.choices), "unknown": _("not stated")}
        ),
        "third_country_nationals": _labelled(
            count_cells(tcn_counts),
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


def _histogram(sql: str, params: list) -> tuple[dict, dict]:
    """({group: {days: count}}, {group: cell key}) from SQL selecting (group, days, count, sum of record keys)."""
    out: dict = {}
    keys: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for group, days, n, key in cursor.fetchall():
            out.setdefault(group, {})[days] = n
            keys[group] = (keys.get(group, 0) + int(key or 0)) % MODULUS
    return out, keys


def _median(histograms: tuple[dict, dict], group) -> dict:
    hist, keys = histograms
    return median_cell(*median_from_histogram(hist.get(group, {})), keys.get(group, 0))


def path_figures(scope: Scope, stages: list["Stage"]) -> dict:
    ordinary = [s for s in stages if not s.is_exit]
    path_stages = [s for s in ordinary if not s.is_launch]
    where, where_params = _spell_scope(scope)
    t0, t1 = _db_time(scope.t0), _db_time(scope.t1)

    # Funnel: the projects that reached each stage for the first time during the period. One range search
    # per stage on a partial index, in one statement.
    entered: dict[int, tuple[int, int]] = {}
    key_sql, key_params = record_key_sql("project_id", "project")
    if ordinary:
        branch = (
            f"SELECT %s, COUNT(*), SUM({key_sql}) FROM {SPELL} "
            f"WHERE first_entry AND stage_id = %s AND entered_at >= %s AND entered_at < %s{where}"
        )
        params: list = []
        for stage in ordinary:
            params += [stage.pk, *key_params, stage.pk, t0, t1, *where_params]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join([branch] * len(ordinary)), params)
            entered = {stage: (int(n or 0), int(k or 0)) for stage, n, k in cursor.fetchall()}
    funnel = [{"key": s.key, "label": s.display_name(), **count_cell(*entered.get(s.pk, (0, 0)))} for s in ordinary]

    # Businesses launched in the period (first entry into a launch stage), by legal form.
    where_s, where_s_params = _spell_scope(scope, "s")
    s_key_sql, s_key_params = record_key_sql("s.project_id", "project")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT p.legal_form, COUNT(*), SUM({s_key_sql}) FROM {SPELL} s JOIN {PROJECT} p ON p.id = s.project_id
            WHERE s.first_launch AND s.entered_at >= %s AND s.entered_at < %s{where_s}
            GROUP BY p.legal_form
            """,
            [*s_key_params, t0, t1, *where_s_params],
        )
        by_form = {form: (int(n or 0), int(k or 0)) for form, n, k in cursor.fetchall()}
    total_launched = (sum(n for n, _k in by_form.values()), cell_key(k for _n, k in by_form.values()))
    # Every legal form is listed, an empty one too: leaving it out would say it is empty.
    forms = {key: by_form.get(key, (0, 0)) for key in LegalForm.values}
    launched = {
        "total": count_cell(*total_launched),
        "by_legal_form": _labelled(count_cells(forms), dict(LegalForm.choices)),
    }

    # Median days from intake to the first launch, for the businesses launched in the period.
    to_launch = _histogram(
        f"""
        SELECT 0, {days_between("s.entered_at", "p.created_at")} AS d, COUNT(*), SUM({s_key_sql})
        FROM {SPELL} s JOIN {PROJECT} p ON p.id = s.project_id
        WHERE s.first_launch AND s.entered_at >= %s AND s.entered_at < %s{where_s}
        GROUP BY d
        """,
        [*s_key_params, t0, t1, *where_s_params],
    )
    time_to_launch = _median(to_launch, 0)

    # Median days spent in each stage, over the stays that ended in the period: per stage, the index is
    # read in the order of days, so the histogram needs no sort.
    dwell: tuple[dict, dict] = ({}, {})
    if path_stages:
        branch = (
            f"SELECT stage_id, days, COUNT(*), SUM({key_sql}) FROM {SPELL} "
            f"WHERE stage_id = %s AND left_at >= %s AND left_at < %s{where} GROUP BY stage_id, days"
        )
        params = []
        for stage in path_stages:
            params += [*key_params, stage.pk, t0, t1, *where_params]
        dwell = _histogram(
            " UNION ALL ".join(f"SELECT * FROM ({branch}) AS b{i}" for i in range(len(path_stages))), params
        )
    in_stage = [{"key": s.key, "label": s.display_name(), **_median(dwell, s.pk)} for s in path_stages]
    return mark_slowest(
        {
            "funnel": funnel,
            "launched": launched,
            "time_to_launch_days": time_to_launch,
            "time_in_stage_days": in_stage,
        }
    )


def mark_slowest(figures: dict) -> dict:
    """The slowest stages: every stage whose median, as shown, is the highest; several when they tie.

    `slowest_stages` lists them all (in the path's order) and `slowest_stage_days` gives their median;
    `slowest_stage`, the field the API had first, names the stage only when it is the only one, else it is None:
    picking one of the tied stages would say it is slower than the others. Applied again to a released document,
    which may have been released before ties were said (services.summary)."""
    rows = figures.get("time_in_stage_days") or []
    shown = [row for row in rows if not row.get("suppressed") and isinstance(row.get("value"), int | float)]
    top = max((round(row["value"], 1) for row in shown), default=None)
    slowest = [row["key"] for row in shown if round(row["value"], 1) == top]
    for row in rows:
        row["slowest"] = row.get("key") in slowest
    figures["slowest_stages"] = slowest
    figures["slowest_stage_days"] = top
    figures["slowest_stage"] = slowest[0] if len(slowest) == 1 else None
    return figures


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
    key_sql, key_params = record_key_sql("s.project_id", "project")
    cutoffs = {months: _db_time(months_before(scope.t1, months)) for months in SURVIVAL_MONTHS}
    columns, params = [], []
    for months in SURVIVAL_MONTHS:
        closed = (
            f"EXISTS (SELECT 1 FROM {FOLLOW_UP} f WHERE f.project_id = s.project_id AND NOT f.operating "
            "AND f.months_after_launch <= %s AND f.checked_on <= %s)"
        )
        # (count, key) of the businesses old enough, then of those closed by the milestone.
        columns.append("SUM(CASE WHEN s.entered_at < %s THEN 1 ELSE 0 END)")
        columns.append(f"SUM(CASE WHEN s.entered_at < %s THEN {key_sql} ELSE 0 END)")
        columns.append(f"SUM(CASE WHEN s.entered_at < %s AND {closed} THEN 1 ELSE 0 END)")
        columns.append(f"SUM(CASE WHEN s.entered_at < %s AND {closed} THEN {key_sql} ELSE 0 END)")
        params += [cutoffs[months], cutoffs[months], *key_params]
        params += [cutoffs[months], months, scope.end, cutoffs[months], months, scope.end, *key_params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {SPELL} s WHERE s.first_launch AND s.entered_at < %s{where_s}",
            [*params, max(cutoffs.values()), *where_s_params],
        )
        row = [int(value or 0) for value in cursor.fetchone()]
    survival = []
    for index, months in enumerate(SURVIVAL_MONTHS):
        eligible = (row[4 * index], row[4 * index + 1] % MODULUS)
        closed_count = (row[4 * index + 2], row[4 * index + 3] % MODULUS)
        eligible_cell = count_cell(*eligible)
        operating = count_cell(*remainder(eligible, [closed_count]))
        baseline = baselines.get(months)
        survival.append(
            {
                "months": months,
                "eligible": eligible_cell,
                "operating": operating,
                "closed": count_cell(*closed_count),
                "rate": rate_cell(operating, eligible_cell),
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
    f_key_sql, f_key_params = record_key_sql("f.project_id", "project")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT SUM(CASE WHEN f.operating THEN 1 ELSE 0 END),
                   SUM(CASE WHEN f.operating THEN {f_key_sql} ELSE 0 END),
                   SUM(CASE WHEN f.operating THEN f.jobs_full_time ELSE 0 END),
                   SUM(CASE WHEN f.operating THEN f.jobs_part_time ELSE 0 END),
                   MAX(CASE WHEN f.operating THEN f.jobs_full_time ELSE 0 END),
                   MAX(CASE WHEN f.operating THEN f.jobs_part_time ELSE 0 END)
            FROM {FOLLOW_UP} f JOIN (
                SELECT project_id, MAX(months_after_launch) AS latest FROM {FOLLOW_UP}
                WHERE checked_on <= %s GROUP BY project_id
            ) AS last ON last.project_id = f.project_id AND last.latest = f.months_after_launch
            WHERE f.checked_on <= %s{scoped}
            """,
            [*f_key_params, scope.end, scope.end, *scope_params],
        )
        businesses, key, full_time, part_time, most_full, most_part = (int(v or 0) for v in cursor.fetchone())
    key %= MODULUS
    return {
        "survival": survival,
        "jobs": {
            "businesses_reporting": count_cell(businesses, key),
            "full_time": amount_cell(full_time, businesses, key, rounding=1, salt="full_time", largest=most_full),
            "part_time": amount_cell(part_time, businesses, key, rounding=1, salt="part_time", largest=most_part),
        },
    }


def financing_figures(scope: Scope) -> dict:
    financings = scope.on_projects(Financing.objects.filter(obtained_on__gte=scope.start, obtained_on__lte=scope.end))
    # A project's record key is a bijection of its id, so summing the distinct keys sums over distinct projects.
    project_key = record_key_expr("project_id", "project")
    rows = {
        source: (n or 0, int(key or 0) % MODULUS, amount or 0, largest or 0)
        for source, n, key, amount, largest in financings.values("source")
        .annotate(
            n=Count("project_id", distinct=True),
            key=Sum(project_key, distinct=True),
            total=Sum("amount"),
            largest=Max("amount"),
        )
        .order_by()
        .values_list("source", "n", "key", "total", "largest")
    }
    by_source = []
    for source, label in FinancingSource.choices:
        n, key, amount, largest = rows.get(source, (0, 0, 0, 0))
        by_source.append(
            {
                "key": source,
                "label": str(label),
                "projects": count_cell(n, key),
                "amount": amount_cell(amount, n, key, largest=largest),
            }
        )
    total = financings.aggregate(
        n=Count("project_id", distinct=True),
        key=Sum(project_key, distinct=True),
        total=Sum("amount"),
        largest=Max("amount"),
    )
    n, key = total["n"] or 0, int(total["key"] or 0) % MODULUS
    return {
        "projects": count_cell(n, key),
        "amount": amount_cell(total["total"], n, key, largest=total["largest"]),
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
        rows.append({"label": prefix, **opaque_count(prefix, data)})
    # Another app's decimals (means, shares) say nothing of how many they are taken over: left out.
    return rows


def opaque_count(what: str, value) -> dict:
    """A count another app gives as a number only: perturbed at a key made of what it counts and its value."""
    value = int(value or 0)
    return count_cell(value, opaque_key(what, value))


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


# The mentoring counts a funder may see (their labels: impact.labels.MENTORING).
MENTORING_COUNTS = (
    "pairs_active",
    "pairs_completed",
    "pairs_ended_early",
    "sessions",
    "ties_created",
    "bridging_ties",
    "people_in_network",
)


def _row(key: str, labels: dict, value: dict) -> dict:
    """A row of another app's block: its label said by key (impact.labels), "%" for a percentage."""
    row = {"key": key, "label": str(labels[key]), **value}
    if key in figure_labels.PERCENT_ROWS:
        row["unit"] = "%"
    return row


def mentoring_rows(data: dict | None) -> list[dict] | None:
    """Mentoring figures a funder may see: counts under five hidden, averages over fewer than five hidden."""
    if not data or not any(isinstance(v, int | float) and not isinstance(v, bool) and v for v in data.values()):
        return None  # no pair and no tie yet: nothing to report
    labels = figure_labels.MENTORING
    published = {key: opaque_count(f"mentoring.{key}", data.get(key)) for key in MENTORING_COUNTS if key in data}
    rows = [_row(key, labels, published[key]) for key in published]

    def mean(key: str, basis: str, digits: int = 1) -> None:
        """A mean over MIN_GROUP answers or more only (disclosure.mean_cell), rounded."""
        if key not in data:
            return
        n = int(data.get(basis) or 0)
        rows.append(_row(key, labels, mean_cell(data.get(key), n, opaque_key(f"mentoring.{basis}", n), digits=digits)))

    mean("mean_satisfaction", "satisfaction_responses")
    if "bridging_share" in data and "bridging_ties" in published and "ties_created" in published:
        # From the published counts: a share of exact counts would give a hidden count back.
        rows.append(_row("bridging_share", labels, rate_cell(published["bridging_ties"], published["ties_created"])))
    mean("reach_two_steps_mean", "people_in_network", 1)
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
    labels = figure_labels.SPACES
    totals = [
        _row(key, labels, opaque_count(f"spaces.{key}", data.get(key)))
        for key in ("bookings", "checked_in", "no_shows", "workshop_sessions", "workshop_attendance")
        if key in data
    ]
    if data.get("occupancy") is not None:
        totals.insert(0, _row("occupancy", labels, cell(round(100 * float(data["occupancy"]), 1))))
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
        "cohort": scope.cohort.pk if scope.cohort else None,
        "generated_at": kept["generated_at"],
        "threshold": THRESHOLD,
        **copy.deepcopy(kept["figures"]),
        "mentoring": mentoring_rows(blocks.get("mentoring")),
        "spaces": spaces_rows(blocks.get("spaces")),
    }


# --- needs report -----------------------------------------------------------------------------------------------


COMMUNE_MIN = 2 * THRESHOLD  # a commune with fewer people accompanied is counted with the other communes


def needs_report(user: User, scope: Scope) -> dict:
    """Needs declared and still unmet, by need and commune; referrals by partner and outcome; waiting times."""
    exit_ids = list(crm_selectors.stages_all().filter(is_exit=True).values_list("pk", flat=True))
    people = crm_selectors.entrepreneurs_all().filter(pk__in=_accompanied(scope, exit_ids).values("entrepreneur_id"))
    person_key = record_key_expr("id", "person")
    # Communes named: those with enough people accompanied; a small one would point at the few people in it.
    not_stated = _("not stated")
    others = _("other communes")
    sizes: dict[str, int] = {}
    for commune, n in people.values("commune").annotate(n=Count("id")).order_by().values_list("commune", "n"):
        name = (commune or "").strip()
        sizes[name] = sizes.get(name, 0) + n

    def group(commune: str) -> str:
        name = (commune or "").strip()
        if not name:
            return not_stated
        return name if sizes.get(name, 0) >= COMMUNE_MIN else others

    groups = sorted({group(c) for c in sizes} - {not_stated, others}, key=str.casefold)
    groups += [g for g in (others, not_stated) if g in {group(c) for c in sizes}]
    partner_needs = {
        key: list(crm_selectors.partners_all().filter(needs__icontains=f'"{key}"').values_list("pk", flat=True))
        for key in Need.values
    }
    # One annotated pass per need keeps the SQL portable (JSON lists differ between SQLite and PostgreSQL).
    labels = dict(Need.choices)
    by_need = []
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
            .annotate(
                declared=Count("id"),
                declared_key=Sum(person_key),
                unmet=Count("id", filter=Q(met=False)),
                unmet_key=Sum(person_key, filter=Q(met=False)),
            )
            .order_by()
        )
        declared = {g: [0, 0] for g in groups}
        unmet = {g: [0, 0] for g in groups}
        for row in rows:
            name = group(row["commune"])
            declared[name][0] += row["declared"]
            declared[name][1] += row["declared_key"] or 0
            unmet[name][0] += row["unmet"]
            unmet[name][1] += row["unmet_key"] or 0
        declared_total = (sum(v[0] for v in declared.values()), cell_key(v[1] for v in declared.values()))
        unmet_total = (sum(v[0] for v in unmet.values()), cell_key(v[1] for v in unmet.values()))
        by_need.append(
            {
                "key": key,
                "label": str(labels[key]),
                "declared": count_cell(*declared_total),
                "unmet": count_cell(*unmet_total),
                "communes": [
                    {
                        "commune": g,
                        "declared": count_cell(declared[g][0], declared[g][1] % MODULUS),
                        "unmet": count_cell(unmet[g][0], unmet[g][1] % MODULUS),
                    }
                    for g in groups
                ],
            }
        )

    referrals = crm_selectors.referrals_all().filter(referred_on__gte=scope.start, referred_on__lte=scope.end)
    if scope.project_ids is not None:
        referrals = referrals.filter(entrepreneur__in=scope.projects().values("entrepreneur_id"))
    referral_key = record_key_expr("id", "referral")
    outcome_labels = dict(ReferralOutcome.choices)
    by_partner: dict[str, dict[str, tuple[int, int]]] = {}
    for name, outcome, n, key in (
        referrals.values("partner__name", "outcome")
        .annotate(n=Count("id"), key=Sum(referral_key))
        .order_by()
        .values_list("partner__name", "outcome", "n", "key")
    ):
        by_partner.setdefault(name, {})[outcome] = (n, int(key or 0) % MODULUS)
    # Every partner organisation is listed, whether it got a referral or not: a row only for those that did would
    # say "someone here was sent there" however small its counts.
    partner_names = sorted(
        {*crm_selectors.partners_all().values_list("name", flat=True), *by_partner}, key=str.casefold
    )
    partner_rows = []
    for name in partner_names:
        by_partner.setdefault(name, {})
        counts = {key: by_partner[name].get(key, (0, 0)) for key in ReferralOutcome.values}
        total = (sum(n for n, _k in counts.values()), cell_key(k for _n, k in counts.values()))
        partner_rows.append(
            {
                "partner": name,
                "total": count_cell(*total),
                "outcomes": _labelled(count_cells(counts), outcome_labels),
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
    r_key_sql, r_key_params = record_key_sql("r.id", "referral")
    waits = _histogram(
        f"""
        SELECT p.name, {wait}, COUNT(*), SUM({r_key_sql}) FROM {crm_selectors.tables()["referral"]} r
        JOIN {crm_selectors.tables()["partner"]} p ON p.id = r.partner_id
        WHERE r.closed_on IS NOT NULL AND r.closed_on >= %s AND r.closed_on <= %s{scope_sql}
        GROUP BY p.name, {wait}
        """,
        [*r_key_params, scope.start, scope.end, *scope_params],
    )
    pending = {
        name: (n, int(key or 0) % MODULUS)
        for name, n, key in referrals.filter(outcome=ReferralOutcome.PENDING)
        .values("partner__name")
        .annotate(n=Count("id"), key=Sum(referral_key))
        .order_by()
        .values_list("partner__name", "n", "key")
    }
    waiting = [
        {
            "partner": name,
            "median_days": _median(waits, name),
            "pending": count_cell(*pending.get(name, (0, 0))),
        }
        for name in partner_names
    ]
    all_waits: dict[int, int] = {}
    for buckets in waits[0].values():
        for days, n in buckets.items():
            all_waits[days] = all_waits.get(days, 0) + n
    all_key = cell_key(waits[1].values())
    return {
        "from": scope.start,
        "to": scope.end,
        "programme": scope.programme.pk if scope.programme else None,
        "programme_name": scope.programme.name if scope.programme else "",
        "threshold": THRESHOLD,
        "people": count_cell(*_count_and_key(people, person_key)),
        "needs": by_need,
        "referrals": partner_rows,
        "waiting": waiting,
        "median_wait_days": median_cell(*median_from_histogram(all_waits), all_key),
    }


def _count_and_key(qs: QuerySet, key) -> tuple[int, int]:
    row = qs.aggregate(n=Count("id"), key=Sum(key))
    return row["n"] or 0, (row["key"] or 0) % MODULUS


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
