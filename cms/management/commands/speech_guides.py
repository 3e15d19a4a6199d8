"""Make the read-aloud audio of every live guide now, in this process (the demo's guides after seeding, say)."""

from django.core.management.base import BaseCommand

from cms.models import GuidePage
from interlab.core.speech import speak


class Command(BaseCommand):
    help = "Make the read-aloud audio of every live guide that lacks it (each text is synthesised once)."

    def handle(self, *args, **options):
        count = 0
        for guide in GuidePage.objects.live().select_related("locale", "alias_of__locale"):
            speak(guide.speech_text(), guide.content_language())
            count += 1
        self.stdout.write(f"{count} guides have their audio.")
