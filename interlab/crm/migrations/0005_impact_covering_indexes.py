"""Covering indexes for the impact dashboard's people breakdowns (indexes only, no change to the models' state).

The accompanied people of a scope are read from crm_project by programme and start date, then each person's
gender, birth year and residence situation: with these, every one of those reads stays inside an index instead
of fetching the wide rows. Written as SQL that both SQLite and PostgreSQL accept, so the models are untouched.
"""

from django.db import migrations

INDEXES = {
    "crm_project_impact_scope_idx": (
        "crm_project",
        "programme_id, created_at, stage_id, stage_entered_at, entrepreneur_id",
    ),
    "crm_entrepreneur_impact_idx": ("crm_entrepreneur", "id, gender, birth_year"),
    "crm_sensitive_impact_idx": ("crm_sensitiveprofile", "entrepreneur_id, residence_situation"),
}


class Migration(migrations.Migration):
    dependencies = [("crm", "0004_verbose_names")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, (table, columns) in INDEXES.items()
    ]
