"""A booking's revision for calendar apps: iCal SEQUENCE and LAST-MODIFIED."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import Coalesce


def last_change_known(apps, schema_editor):
    """Existing bookings were last changed when cancelled, or else when made."""
    Booking = apps.get_model("tierslieu", "Booking")
    Booking.objects.update(updated_at=Coalesce("cancelled_at", "created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("tierslieu", "0002_no_overlap_and_member_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="sequence",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="booking",
            name="updated_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.RunPython(last_change_known, migrations.RunPython.noop),
    ]
