"""`make restore BACKUP=<folder>`: put a backup back into the configured database and file stores."""

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from interlab.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder into the configured (empty) database and put its files back."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder (var/backups/interlab-YYYYmmdd-HHMMSS).")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds data (everything in it)."
        )

    def handle(self, *args, **options):
        try:
            restored = restore(source=options["backup"], force=options["force"])
        except (BackupError, OperationalError) as error:
            raise CommandError(str(error)) from None
        files = ", ".join(f"{count} {alias}" for alias, count in restored["files"].items()) or "none"
        self.stdout.write(self.style.SUCCESS(f"Restored the {restored['database']} database; files: {files}."))
