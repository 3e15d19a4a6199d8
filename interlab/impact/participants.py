"""The ESF+ categories of each person, derived from the CRM file and kept in impact.Participant.

Gender as a category, age band at entry and third-country national or not are worked out once, when the
file is written, instead of at every view of the dashboard; the dashboard then counts one narrow row per
person. An erased file is never derived again: its categories stay as they were at erasure, so the anonymous
counts are the same before and after (the erasure itself blanks the file with queryset updates, which send no
signal). Clearing the residence situation of a file that stays (the retention schedule) clears its
third-country category too. A nightly refresh repairs whatever reached the tables without Django's signals (bulk loads).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from interlab.crm import selectors as crm_selectors
from interlab.crm.choices import ResidenceSituation

from .models import AgeBand, GenderCategory, Participant, ThirdCountry

WOMEN = ("f", "femme", "woman", "female", "vrouw", "frau", "mujer", "امرأة", "жінка")
MEN = ("m", "h", "homme", "man", "male", "hombre", "mann", "رجل", "чоловік")
NON_BINARY = ("x", "nb", "non-binaire", "non binaire", "non-binary", "non binary", "non-binair", "no binario")
THIRD_COUNTRY = (
    ResidenceSituation.UNLIMITED,
    ResidenceSituation.LIMITED,
    ResidenceSituation.REFUGEE,
    ResidenceSituation.SUBSIDIARY,
    ResidenceSituation.TEMPORARY,
    ResidenceSituation.APPLICANT,
)
NOT_THIRD_COUNTRY = (ResidenceSituation.BELGIAN, ResidenceSituation.EEA)


def _in_list(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def _entry_year_sql() -> str:
    """The local year of the file's creation (the person's entry), in SQL."""
    if connection.vendor == "postgresql":
        return "CAST(EXTRACT(YEAR FROM e.created_at AT TIME ZONE %s) AS INTEGER)"
    # SQLite keeps naive UTC text; years change in winter, so one offset (the zone's on 1 January) is exact.
    return "CAST(strftime('%%Y', e.created_at, %s) AS INTEGER)"


def _entry_year_param() -> str:
    if connection.vendor == "postgresql":
        return settings.TIME_ZONE
    offset = datetime(timezone.now().year, 1, 1, tzinfo=ZoneInfo(settings.TIME_ZONE)).utcoffset()
    return f"{int(offset.total_seconds() // 60):+d} minutes"


def participants_refresh(entrepreneur_ids: list[int] | None = None) -> int:
    """Derive the categories of these files, or of every file when None. Returns the rows written.

    An erased file is derived only when it has no participant row yet (one erased before these categories
    existed, or loaded in bulk): from what its erasure kept, the best there is.
    """
    if entrepreneur_ids is not None and not entrepreneur_ids:
        return 0
    entry_year = _entry_year_sql()
    params = [_entry_year_param(), _entry_year_param()]
    if entrepreneur_ids is None:
        where = (
            f"e.erased_at IS NULL OR NOT EXISTS (SELECT 1 FROM {Participant._meta.db_table} p "
            "WHERE p.entrepreneur_id = e.id)"
        )
    else:
        where = f"e.erased_at IS NULL AND e.id IN ({', '.join(['%s'] * len(entrepreneur_ids))})"
        params += [int(pk) for pk in entrepreneur_ids]
    gender = "LOWER(TRIM(e.gender))"
    sql = f"""
        INSERT INTO {Participant._meta.db_table}
            (entrepreneur_id, education_level, gender_category, age_band, third_country, updated_at)
        SELECT e.id, '',
               CASE WHEN {gender} IN ({_in_list(WOMEN)}) THEN '{GenderCategory.WOMAN}'
                    WHEN {gender} IN ({_in_list(MEN)}) THEN '{GenderCategory.MAN}'
                    WHEN {gender} IN ({_in_list(NON_BINARY)}) THEN '{GenderCategory.NON_BINARY}'
                    ELSE '{GenderCategory.OTHER}' END,
               CASE WHEN e.birth_year IS NULL THEN ''
                    WHEN {entry_year} - e.birth_year < 30 THEN '{AgeBand.UNDER_30}'
                    WHEN {entry_year} - e.birth_year <= 54 THEN '{AgeBand.FROM_30_TO_54}'
                    ELSE '{AgeBand.FROM_55}' END,
               CASE WHEN s.residence_situation IN ({_in_list(THIRD_COUNTRY)}) THEN '{ThirdCountry.YES}'
                    WHEN s.residence_situation IN ({_in_list(NOT_THIRD_COUNTRY)}) THEN '{ThirdCountry.NO}'
                    ELSE '' END,
               %s
        FROM {crm_selectors.tables()["entrepreneur"]} e
        LEFT JOIN {crm_selectors.tables()["sensitive_profile"]} s ON s.entrepreneur_id = e.id
        WHERE {where}
        ON CONFLICT (entrepreneur_id) DO UPDATE SET
            gender_category = excluded.gender_category,
            age_band = excluded.age_band,
            third_country = excluded.third_country,
            updated_at = excluded.updated_at
    """
    # The two entry-year placeholders come first in the statement; the moment of the write comes after them.
    params = params[:2] + [connection.ops.adapt_datetimefield_value(timezone.now())] + params[2:]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def participants_stale() -> bool:
    """Files newer than the newest participant row: written without signals (a bulk load). Two index reads."""
    last_file = crm_selectors.entrepreneurs_all().aggregate(m=Max("id"))["m"] or 0
    last_row = Participant.objects.aggregate(m=Max("entrepreneur_id"))["m"] or 0
    return last_file > last_row


def participants_refresh_if_stale() -> None:
    if participants_stale():
        participants_refresh()


def _entrepreneur_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.erased_at is None:
        participants_refresh([instance.pk])


def _sensitive_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        participants_refresh([instance.entrepreneur_id])


def _sensitive_deleted(sender, instance, **kwargs) -> None:
    # Residence cleared (the retention schedule): the file no longer says, nor do its categories. Decided once
    # the transaction commits, when an erasure (which deletes the profile first) has marked the file erased and
    # the refresh leaves it as it was.
    entrepreneur_id = instance.entrepreneur_id
    transaction.on_commit(lambda: participants_refresh([entrepreneur_id]))


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    entrepreneur, profile = crm_selectors.category_models()
    post_save.connect(_entrepreneur_saved, sender=entrepreneur, dispatch_uid="impact-participant-entrepreneur")
    post_save.connect(_sensitive_saved, sender=profile, dispatch_uid="impact-participant-sensitive")
    post_delete.connect(_sensitive_deleted, sender=profile, dispatch_uid="impact-participant-sensitive-gone")
