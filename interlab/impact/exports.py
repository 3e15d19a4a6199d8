"""Exports of the impact figures and of the needs report: CSV, XLSX and the PDF report.

They are built from the same protected aggregates as the pages: a hidden cell is written in words, never as its
value. Text cells that a spreadsheet would read as a formula are neutralised.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from interlab.core import pdf, spreadsheet
from interlab.core.spreadsheet import plain_cell

from . import labels
from .disclosure import THRESHOLD


def shown(figure: dict):
    """A published figure's value, or the mark of a hidden one."""
    if figure.get("suppressed"):
        return _("not shown (fewer than %(n)s)") % {"n": THRESHOLD}
    return figure.get("value")


def summary_rows(data: dict) -> list[list]:
    """One row per figure: section, indicator (what it counts: impact.labels), breakdown, value."""
    label = labels.summary
    rows: list[list] = [
        [_("period"), data.get("period_label") or data.get("period", ""), "", ""],
        [_("section"), _("indicator"), _("breakdown"), _("value")],
    ]
    people = data["people"]
    rows.append([_("people"), label("people.accompanied"), "", shown(people["accompanied"])])
    for key in ("gender", "age", "education", "third_country_nationals"):
        for row in people[key]:
            rows.append([_("people"), label(f"people.{key}"), row["label"], shown(row)])
    for row in data["funnel"]:
        rows.append([_("path"), label("funnel"), row["label"], shown(row)])
    rows.append([_("launches"), label("launched.total"), "", shown(data["launched"]["total"])])
    for row in data["launched"]["by_legal_form"]:
        rows.append([_("launches"), label("launched.by_legal_form"), row["label"], shown(row)])
    jobs = data["jobs"]
    for key in ("businesses_reporting", "full_time", "part_time"):
        rows.append([_("jobs"), label(f"jobs.{key}"), "", shown(jobs[key])])
    for row in data["survival"]:
        after = _("after %(months)s months") % {"months": row["months"]}
        rows.append([_("survival"), label("survival.eligible"), after, shown(row["eligible"])])
        rows.append([_("survival"), label("survival.operating"), after, shown(row["operating"])])
        rows.append([_("survival"), label("survival.rate"), after, shown(row["rate"])])
        rows.append([_("survival"), label("survival.baseline"), after, row["baseline"]])
    financing = data["financing"]
    rows.append([_("financing"), label("financing.projects"), "", shown(financing["projects"])])
    rows.append([_("financing"), label("financing.amount"), "", shown(financing["amount"])])
    for row in financing["by_source"]:
        rows.append([_("financing"), label("financing.projects"), row["label"], shown(row["projects"])])
        rows.append([_("financing"), label("financing.amount"), row["label"], shown(row["amount"])])
    rows.append([_("time"), label("time_to_launch_days"), "", shown(data["time_to_launch_days"])])
    for row in data["time_in_stage_days"]:
        rows.append([_("time"), label("time_in_stage_days"), row["label"], shown(row)])
    slowest = [row for row in data["time_in_stage_days"] if row.get("slowest")]
    for row in slowest:
        indicator = label("slowest_stage") if len(slowest) == 1 else label("slowest_stages")
        rows.append([_("time"), indicator, row["label"], shown(row)])
    for row in data.get("mentoring") or []:
        rows.append([_("mentoring"), row["label"], "", shown(row)])
    spaces = data.get("spaces") or {}
    for row in spaces.get("totals", []):
        rows.append([_("tiers-lieu"), row["label"], "", shown(row)])
    occupancy = str(labels.SPACE_OCCUPANCY)
    for space in spaces.get("spaces", []):
        rows.append([_("tiers-lieu"), occupancy, space["label"], shown(space)])
        for week in space["weeks"]:
            rows.append([_("tiers-lieu"), occupancy, f"{space['label']} · {week['week']}", shown(week)])
    return [[plain_cell(value) for value in row] for row in rows]


def needs_rows(data: dict) -> list[list]:
    """One row per figure, as the summary's: section, indicator (what it counts), need or partner, commune or
    outcome, value."""
    label = labels.needs
    rows: list[list] = [
        [_("period"), data.get("period_label") or data.get("period", ""), "", "", ""],
        [_("section"), _("indicator"), _("need or partner"), _("commune or outcome"), _("value")],
        [_("people"), label("people"), "", "", shown(data["people"])],
    ]
    for need in data["needs"]:
        for key in ("declared", "unmet"):
            rows.append([_("needs"), label(key), need["label"], "", shown(need[key])])
            for commune in need["communes"]:
                rows.append([_("needs"), label(key), need["label"], commune["commune"], shown(commune[key])])
    for partner in data["referrals"]:
        for outcome in partner["outcomes"]:
            rows.append([_("referrals"), label("referrals"), partner["partner"], outcome["label"], shown(outcome)])
        rows.append([_("referrals"), label("referrals.total"), partner["partner"], "", shown(partner["total"])])
    rows.append([_("waiting"), label("median_wait_days"), "", "", shown(data["median_wait_days"])])
    for partner in data["waiting"]:
        rows.append([_("waiting"), label("median_days"), partner["partner"], "", shown(partner["median_days"])])
        rows.append([_("waiting"), label("pending"), partner["partner"], "", shown(partner["pending"])])
    return [[plain_cell(value) for value in row] for row in rows]


def to_csv(rows: list[list]) -> bytes:
    return spreadsheet.to_csv(rows)


def to_xlsx(rows: list[list], title: str) -> bytes:
    return spreadsheet.to_xlsx(rows, title)


def report_pdf(context: dict, *, base_url: str) -> bytes:
    """The report in the active language (the reader's), as a tagged PDF."""
    html = render_to_string("impact/report_pdf.html", context)
    return pdf.html_to_pdf(html, base_url=base_url)
