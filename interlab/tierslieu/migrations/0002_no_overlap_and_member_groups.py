"""On PostgreSQL, the database itself refuses two active bookings of an exclusive space whose blocked
ranges meet (btree_gist exclusion constraint); on SQLite, `services.book` decides under an IMMEDIATE
transaction. Also the member groups a fresh install starts with (admins edit them)."""

from django.db import migrations

CONSTRAINT = """
ALTER TABLE tierslieu_booking ADD CONSTRAINT booking_no_overlap
EXCLUDE USING gist (space_id WITH =, tstzrange("start", blocks_until, '[)') WITH &&)
WHERE (exclusive AND status IN ('held', 'pending', 'confirmed'))
"""


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(CONSTRAINT)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE tierslieu_booking DROP CONSTRAINT IF EXISTS booking_no_overlap")


GROUPS = [
    ("Entrepreneurs accompagnés", ["entrepreneur"], 10, 30, 60, 12, False),
    ("Équipe", ["coach", "admin"], 0, 365, 0, None, True),
    ("Mentors et partenaires", ["mentor", "partner"], 20, 30, 120, 6, False),
]


def add_groups(apps, schema_editor):
    MemberGroup = apps.get_model("tierslieu", "MemberGroup")
    for name, roles, order, window, notice, quota, others in GROUPS:
        MemberGroup.objects.get_or_create(
            name=name,
            defaults={
                "roles": roles,
                "order": order,
                "booking_window_days": window,
                "min_notice_minutes": notice,
                "weekly_quota_hours": quota,
                "can_book_for_others": others,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("tierslieu", "0001_initial")]

    operations = [
        migrations.RunPython(add_constraint, drop_constraint),
        migrations.RunPython(add_groups, migrations.RunPython.noop),
    ]
