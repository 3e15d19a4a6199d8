"""HTTP API of the impact app; registered on the root API in interlab/api.py."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from interlab.core.api_docs import errors

from . import selectors, services

router = Router(tags=["impact"])


class SummaryFilters(Schema):
    start: date | None = Field(None, alias="from", description="First day of the period (default: a year ago).")
    end: date | None = Field(None, alias="to", description="Last day of the period (default: today).")
    programme: int | None = Field(None, ge=1, le=2**63 - 1)
    cohort: int | None = Field(None, ge=1, le=2**63 - 1)


class Figure(Schema):
    value: float | int | None
    suppressed: bool


class SummaryOut(Schema):
    from_: date = Field(..., alias="from")
    to: date
    programme: int | None
    cohort: int | None
    generated_at: datetime
    threshold: int = Field(..., description="Counts under this are null with suppressed: true.")
    people: dict
    funnel: list[dict]
    launched: dict
    time_to_launch_days: dict
    time_in_stage_days: list[dict]
    slowest_stage: str | None
    survival: list[dict]
    jobs: dict
    financing: dict
    mentoring: list[dict] | None
    spaces: dict | None


@router.get("/impact/summary", response={200: SummaryOut, **errors(403, 404)}, by_alias=True)
def impact_summary(request: HttpRequest, filters: Query[SummaryFilters]):
    """Aggregates only, for funders (their programmes), coaches and admins. Counts under 5 are null."""
    scope = selectors.scope_for(
        request.auth, start=filters.start, end=filters.end, programme=filters.programme, cohort=filters.cohort
    )
    data = services.summary(request.auth, scope)
    data.pop("programme_name", None)
    data.pop("cohort_name", None)
    return data
