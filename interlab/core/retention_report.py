"""The retention schedule's reports: the runs for the admin page, their rows in words, the mail to admins."""

import logging

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import translation

from . import mail
from .models import RetentionRun, RetentionUnit, Role, User, retention_action_choices
from .retention_actions import ACTIONS

logger = logging.getLogger(__name__)


def retention_admins() -> QuerySet:
    return User.objects.filter(Q(role=Role.ADMIN) | Q(is_superuser=True), is_active=True).exclude(email="")


def retention_report_send(run: RetentionRun) -> int:
    """Mail the run's report to every admin, each in their own language. Returns how many were sent."""
    sent = 0
    for admin in retention_admins():
        with translation.override(admin.preferred_language or settings.LANGUAGE_CODE):
            context = {"run": run, "rows": report_rows(run), "site_url": settings.SITE_URL}
        try:
            mail.send_templated(
                "core/admin_retention_email",
                context,
                [admin.email],
                language=admin.preferred_language or settings.LANGUAGE_CODE,
            )
        except Exception:  # one bad address must not keep the report from the other admins
            logger.exception("retention report to admin %s failed", admin.pk)
            continue
        sent += 1
    return sent


def retention_runs(*, limit: int = 20) -> list[RetentionRun]:
    return list(RetentionRun.objects.select_related("triggered_by")[:limit])


def retention_last_dry_run() -> RetentionRun | None:
    return RetentionRun.objects.filter(dry_run=True).select_related("triggered_by").first()


def retention_run_get(pk: int) -> RetentionRun | None:
    return RetentionRun.objects.select_related("triggered_by").filter(pk=pk).first()


def report_rows(run: RetentionRun) -> list[dict]:
    """The report's rules with their labels, in the language being spoken."""
    labels = dict(retention_action_choices())
    units = dict(RetentionUnit.choices)
    rows = []
    for entry in run.rules:
        spec = ACTIONS.get(entry.get("action"))
        rows.append(
            {
                **entry,
                "label": labels.get(entry.get("action"), entry.get("action")),
                "unit_label": units.get(entry.get("unit"), entry.get("unit")),
                "rows_text": str(spec.rows % {"count": entry.get("count", 0)}) if spec else str(entry.get("count", 0)),
                "failed": entry.get("failed", len(entry.get("failures", []))),
            }
        )
    return rows
