"""Exports of the impact figures and of the needs report: CSV, XLSX and the PDF report.

They are built from the same protected aggregates as the pages: a hidden cell is written in words, never as its
value. Text cells that a spreadsheet would read as a formula are neutralised.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from interlab.core import spreadsheet
from interlab.core.spreadsheet import safe_cell

from .disclosure import THRESHOLD


def shown(figure: dict):
    """A published figure's value, or the mark of a hidden one."""
    if figure.get("suppressed"):
        return _("not shown (fewer than %(n)s)") % {"n": THRESHOLD}
    return figure.get("value")


def summary_rows(data: dict) -> list[list]:
    """One row per figure: section, indicator, breakdown, value."""
    rows: list[list] = [
        [_("period"), data.get("period_label") or data.get("period", ""), "", ""],
        [_("section"), _("indicator"), _("breakdown"), _("value")],
    ]
    people = data["people"]
    rows.append([_("people"), _("people accompanied"), "", shown(people["accompanied"])])
    for key, title in (
        ("gender", _("gender")),
        ("age", _("age band")),
        ("education", _("education level")),
        ("third_country_nationals", _("third-country nationals")),
    ):
        for row in people[key]:
            rows.append([_("people"), title, row["label"], shown(row)])
    for row in data["funnel"]:
        rows.append([_("path"), _("projects entering the stage"), row["label"], shown(row)])
    rows.append([_("launches"), _("businesses launched"), "", shown(data["launched"]["total"])])
    for row in data["launched"]["by_legal_form"]:
        rows.append([_("launches"), _("businesses launched"), row["label"], shown(row)])
    jobs = data["jobs"]
    rows.append([_("jobs"), _("businesses reporting"), "", shown(jobs["businesses_reporting"])])
    rows.append([_("jobs"), _("full-time jobs"), "", shown(jobs["full_time"])])
    rows.append([_("jobs"), _("part-time jobs"), "", shown(jobs["part_time"])])
    for row in data["survival"]:
        label = _("after %(months)s months") % {"months": row["months"]}
        rows.append([_("survival"), _("businesses old enough"), label, shown(row["eligible"])])
        rows.append([_("survival"), _("still operating"), label, shown(row["operating"])])
        rows.append([_("survival"), _("survival rate (%)"), label, shown(row["rate"])])
        rows.append([_("survival"), _("Wallonia baseline (%)"), label, row["baseline"]])
    financing = data["financing"]
    rows.append([_("financing"), _("projects financed"), "", shown(financing["projects"])])
    rows.append([_("financing"), _("amount (EUR)"), "", shown(financing["amount"])])
    for row in financing["by_source"]:
        rows.append([_("financing"), _("projects financed"), row["label"], shown(row["projects"])])
        rows.append([_("financing"), _("amount (EUR)"), row["label"], shown(row["amount"])])
    rows.append([_("time"), _("median days from intake to launch"), "", shown(data["time_to_launch_days"])])
    for row in data["time_in_stage_days"]:
        rows.append([_("time"), _("median days in the stage"), row["label"], shown(row)])
    for row in data.get("mentoring") or []:
        rows.append([_("mentoring"), row["label"], "", shown(row)])
    spaces = data.get("spaces") or {}
    for row in spaces.get("totals", []):
        rows.append([_("tiers-lieu"), row["label"], "", shown(row)])
    for space in spaces.get("spaces", []):
        rows.append([_("tiers-lieu"), _("occupancy (%)"), space["label"], shown(space)])
        for week in space["weeks"]:
            rows.append([_("tiers-lieu"), _("occupancy (%)"), f"{space['label']} · {week['week']}", shown(week)])
    return [[safe_cell(value) for value in row] for row in rows]


def needs_rows(data: dict) -> list[list]:
    rows: list[list] = [
        [_("period"), data.get("period_label") or data.get("period", ""), "", "", ""],
        [_("table"), _("need or partner"), _("commune or outcome"), _("value"), _("second value")],
    ]
    for need in data["needs"]:
        rows.append([_("needs (declared, unmet)"), need["label"], "", shown(need["declared"]), shown(need["unmet"])])
        for commune in need["communes"]:
            rows.append(
                [
                    _("needs (declared, unmet)"),
                    need["label"],
                    commune["commune"],
                    shown(commune["declared"]),
                    shown(commune["unmet"]),
                ]
            )
    for partner in data["referrals"]:
        for outcome in partner["outcomes"]:
            rows.append([_("referrals"), partner["partner"], outcome["label"], shown(outcome), ""])
    for partner in data["waiting"]:
        rows.append(
            [
                _("waiting (median days, pending)"),
                partner["partner"],
                "",
                shown(partner["median_days"]),
                shown(partner["pending"]),
            ]
        )
    return [[safe_cell(value) for value in row] for row in rows]


def to_csv(rows: list[list]) -> bytes:
    return spreadsheet.to_csv(rows)


def to_xlsx(rows: list[list], title: str) -> bytes:
    return spreadsheet.to_xlsx(rows, title)


def report_pdf(context: dict, *, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("impact/report_pdf.html", context)
    return HTML(string=html, base_url=base_url).write_pdf()
