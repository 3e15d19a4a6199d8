"""Event registrations were linked to a CRM file by the e-mail typed in the form, which proves nothing: anyone can
type anyone's address, and a file's address could be set to anyone's. None of those links can be checked after the
fact, so every one is dropped; the file's export and erasure no longer reach a stranger's registration.

What a coach recorded stays: a presence ticked on the attendance sheet keeps its workshop on the person's timeline
(a CRM note, which unticking still removes). Coaches link again, on the attendance sheet, a registration they know
to be the person's; a person registering while logged in is linked to their own file.
"""

from django.db import migrations


def unlink(apps, schema_editor):
    EventRegistration = apps.get_model("cms", "EventRegistration")
    EventRegistration.objects.filter(entrepreneur__isnull=False).update(entrepreneur=None)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_locales_and_intake_consent")]
    operations = [migrations.RunPython(unlink, migrations.RunPython.noop)]
