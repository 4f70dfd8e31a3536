"""The CN's daily sequence number: the last seven digits of ``홍길동()0004045…0000001``."""

from django.db import connection
from django.utils import timezone

from issuance.models import DailySequence


def next_sequence(now) -> int:
    """The next number of ``now``'s day. One row per day, created or bumped in a single
    atomic statement: one round trip at 100,000 certificates as at 10, and two
    issuances never share a number. (The ORM has no upsert that increments and
    returns; PostgreSQL and SQLite ≥ 3.35 both run this one.)"""
    day = timezone.localtime(now).date()
    meta, quote = DailySequence._meta, connection.ops.quote_name
    sql = _BUMP_SEQUENCE_SQL.format(
        table=quote(meta.db_table),
        day=quote(meta.get_field("day").column),
        last=quote(meta.get_field("last").column),
    )
    day_value = meta.get_field("day").get_db_prep_value(day, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [day_value])
        (last,) = cursor.fetchone()
    return last


_BUMP_SEQUENCE_SQL = (
    "INSERT INTO {table} ({day}, {last}) VALUES (%s, 1) "
    "ON CONFLICT ({day}) DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}"
)
