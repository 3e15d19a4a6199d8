"""`make backup`: the database and every stored file into a timestamped folder under var/backups/."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError

from interlab.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or SQLite's online backup) and the public and private files."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Folder that receives the backup (default: BACKUP_DIR or var/backups).")
        parser.add_argument(
            "--no-files",
            action="store_true",
            help="Only the database: for buckets whose versioning or replication already keeps the files.",
        )

    def handle(self, *args, **options):
        into = Path(options["dir"] or settings.BACKUP_DIR)
        try:
            folder = backup(into=into, files=not options["no_files"])
        except (BackupError, OperationalError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
