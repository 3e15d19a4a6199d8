from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interlab.core.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo


class Command(BaseCommand):
    help = "Create the demo users and a believable pipeline (DEBUG only; safe to run twice)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is only created with DEBUG on: demo passwords must never reach production.")
        result = seed_demo()
        if result["people"]:
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {result['people']} entrepreneurs."))
        else:
            self.stdout.write("Demo data already there.")
        logins = ", ".join(u[0] for u in DEMO_USERS)
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}): {logins}")
