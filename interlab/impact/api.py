"""HTTP API of the impact app; registered on the root API in interlab/api.py."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from interlab.core.api_docs import errors
from interlab.core.api_tools import ParamId

from . import selectors, services

router = Router(tags=["impact"])

DAY = r"^\d{4}-\d{2}-\d{2}$"


class SummaryFilters(Schema):
    period: str | None = Field(
        None,
        pattern=r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$",
        description="A reporting period: a year (2025), a quarter (2025-Q3) or a month (2025-07). Funders reach "
        "closed periods only. Default: the last closed year (funders), the current year (staff).",
    )
    start: str | None = Field(
        None,
        alias="from",
        pattern=DAY,
        description="Instead of `period`: the first day of a month, quarter or year (YYYY-MM-DD), with `to` its "
        "last day. Any other window is refused with 422: figures are published for fixed periods only.",
    )
    end: str | None = Field(None, alias="to", pattern=DAY, description="The last day of the period (YYYY-MM-DD).")
    programme: ParamId | None = Field(None, description="A programme of at least 20 people (smaller ones: 422).")
    cohort: ParamId | None = Field(None, description="A cohort of at least 20 people (smaller ones: 422).")


class Figure(Schema):
    value: float | int | None
    suppressed: bool


class SummaryOut(Schema):
    period: str = Field(..., description="The reporting period the figures cover (2025, 2025-Q3, 2025-07).")
    from_: date = Field(..., alias="from")
    to: date
    programme: int | None
    cohort: int | None
    released_at: datetime | None = Field(
        ..., description="When the period's figures were released; they stay as released (null: in progress)."
    )
    provisional: bool = Field(..., description="True for the current period (staff only): figures still change.")
    generated_at: datetime
    threshold: int = Field(..., description="Counts under this, after perturbation, are null with suppressed: true.")
    protection: dict = Field(..., description="The disclosure control applied (cell key method) and its parameters.")
    people: dict
    funnel: list[dict]
    launched: dict
    time_to_launch_days: dict
    time_in_stage_days: list[dict]
    slowest_stages: list[str] = Field(
        ...,
        description="The keys of the stages with the highest median days in the stage, as published; several when "
        "they tie, in the path's order; empty when no median is shown.",
    )
    slowest_stage_days: float | int | None = Field(..., description="Their median days in the stage.")
    slowest_stage: str | None = Field(
        ...,
        description="Deprecated: read `slowest_stages`. The slowest stage when it is the only one; null when several "
        "tie (naming one of them would say it is slower than the others) or none is shown.",
    )
    survival: list[dict]
    jobs: dict = Field(
        ...,
        description="At each business's latest follow-up on or before the period's end: `businesses_reporting` counts "
        "the businesses operating then (the name is kept for existing readers: businesses that reported closing are "
        "not in it), `full_time` and `part_time` the jobs in them.",
    )
    financing: dict
    mentoring: list[dict] | None = Field(
        ...,
        description='Rows {key, label, value, suppressed}, `unit` "%" on percentages. `ties_created` counts every '
        "mentor–mentee tie created in the period; `bridging_ties` those joining a local person and a newcomer.",
    )
    spaces: dict | None


def _day(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError({field: "Not a date: write YYYY-MM-DD."}) from None


@router.get("/impact/summary", response={200: SummaryOut, **errors(403, 404, 422)}, by_alias=True)
def impact_summary(request: HttpRequest, filters: Query[SummaryFilters]):
    """Aggregates only, for funders (their programmes), coaches and admins, for one reporting period.

    Every count is perturbed by the cell key method and null (suppressed) under the threshold; a closed period's
    figures are released once and then stay the same.
    """
    scope = selectors.scope_for(
        request.auth,
        period=filters.period,
        start=_day(filters.start, "from"),
        end=_day(filters.end, "to"),
        programme=filters.programme,
        cohort=filters.cohort,
    )
    data = services.summary(request.auth, scope)
    for name in ("programme_name", "cohort_name", "period_label"):
        data.pop(name, None)
    return data
