"""Run the retention schedule now: `manage.py retention --dry-run` lists what would go, without it acts."""

from django.core.management.base import BaseCommand
from django.utils import translation

from interlab.core.retention import retention_run
from interlab.core.retention_report import report_rows


class Command(BaseCommand):
    help = "Apply the retention rules now (or, with --dry-run, only report what they would do)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; report what would be done.")
        parser.add_argument("--no-mail", action="store_true", help="Do not mail the report to the admins.")

    def handle(self, *args, dry_run: bool = False, no_mail: bool = False, **options):
        run = retention_run(dry_run=dry_run, notify=not no_mail)
        with translation.override("en"):
            kind = "dry run" if run.dry_run else "run"
            self.stdout.write(f"Retention {kind} #{run.pk}")
            for row in report_rows(run):
                if not row["enabled"]:
                    self.stdout.write(f"  {row['action']}: disabled")
                    continue
                line = f"  {row['action']}: {row['rows_text']}"
                if row["skipped"]:
                    line += f", {row['skipped']} skipped"
                if row["failures"]:
                    failed = ", ".join(f"{f['id'] or '-'} {f['error']}" for f in row["failures"])
                    line += f", {row['failed']} failed ({failed})"
                self.stdout.write(line)
        if run.failures:
            self.stderr.write(f"{run.failures} failure(s); see the log.")
