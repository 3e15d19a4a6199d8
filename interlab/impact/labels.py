"""What each published figure counts, in words: one label per figure for the pages, the charts, the CSV and XLSX
exports and the PDF report, so that the same figure never says two things (tests/impact/test_figure_labels.py ties
each label to a count of exactly what it says)."""

from django.utils.translation import gettext_lazy as _

# The dashboard's own figures, by their place in the summary document.
SUMMARY = {
    "people.accompanied": _("people accompanied"),
    "people.gender": _("people accompanied, by gender"),
    "people.age": _("people accompanied, by age at entry"),
    "people.education": _("people accompanied, by education level (ISCED)"),
    "people.third_country_nationals": _("people accompanied, third-country nationals or not (at entry)"),
    "funnel": _("projects entering the stage for the first time"),
    "launched.total": _("businesses launched in the period"),
    "launched.by_legal_form": _("businesses launched in the period, by legal form"),
    "time_to_launch_days": _("median days from intake to launch, businesses launched in the period"),
    "time_in_stage_days": _("median days in the stage, stays that ended in the period"),
    "slowest_stage": _("slowest stage (highest median days in the stage)"),
    "slowest_stages": _("slowest stages, tied (highest median days in the stage)"),
    "survival.eligible": _("businesses launched at least that many months before the end of the period"),
    "survival.operating": _("of them, not recorded as closed by that milestone"),
    "survival.rate": _("survival rate (%)"),
    "survival.baseline": _("Wallonia, Statbel baseline (%)"),
    # The key keeps its first name for the API's readers; it never counted the businesses that reported closing.
    "jobs.businesses_reporting": _("businesses operating at their latest follow-up"),
    "jobs.full_time": _("full-time jobs in the businesses operating at their latest follow-up"),
    "jobs.part_time": _("part-time jobs in the businesses operating at their latest follow-up"),
    "financing.projects": _("projects with financing obtained in the period"),
    "financing.amount": _("financing obtained in the period (EUR)"),
}

# Rows of the other apps' blocks, by key: a released document is shown with these, not with the words it was
# released with (services.relabel), so a label corrected here is corrected in every period.
MENTORING = {
    "pairs_active": _("mentoring pairs started in the period, still active"),
    "pairs_completed": _("mentoring pairs started in the period, completed"),
    "pairs_ended_early": _("mentoring pairs started in the period, ended early"),
    "sessions": _("sessions logged by the mentoring pairs started in the period"),
    "ties_created": _("mentor–mentee ties created in the period (all)"),
    "bridging_ties": _("ties created in the period joining a local person and a newcomer"),
    "people_in_network": _("people (mentors and mentees) with a tie created in the period"),
    "mean_satisfaction": _("mean satisfaction (1–5), answers about the pairs started in the period"),
    "bridging_share": _("share of the ties created in the period joining a local person and a newcomer (%)"),
    "reach_two_steps_mean": _("people each person reaches within two steps of these ties, on average"),
}
SPACES = {
    "occupancy": _("booked share of the open hours, all spaces (%)"),
    "bookings": _("confirmed bookings starting in the period, no-shows included"),
    "checked_in": _("bookings checked in"),
    "no_shows": _("bookings released as no-shows"),
    "workshop_sessions": _("confirmed bookings of workshop spaces"),
    "workshop_attendance": _("seats of the workshop bookings checked in"),
}
SPACE_OCCUPANCY = _("booked share of the open hours (%)")
# Rows shown as percentages (the others are counts or means).
PERCENT_ROWS = {"bridging_share", "occupancy"}
ROWS = {"mentoring": MENTORING, "totals": SPACES}

# The needs report.
NEEDS = {
    "people": _("people accompanied"),
    "declared": _("people who declared the need"),
    "unmet": _("of them, need still unmet"),
    "referrals": _("referrals made in the period, by current outcome"),
    "referrals.total": _("referrals made in the period, all outcomes"),
    "median_days": _("median days from referral to its closing, referrals closed in the period"),
    "pending": _("referrals made in the period, still pending"),
    "median_wait_days": _("median days from referral to its closing, all partners, referrals closed in the period"),
}


def summary(key: str) -> str:
    return str(SUMMARY[key])


def needs(key: str) -> str:
    return str(NEEDS[key])
