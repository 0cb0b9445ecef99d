"""Trigram (pg_trgm) GIN indexes for the public directory's Thai substring search (issue 23).

Thai has no spaces between words, so the search is a substring match: Django's `icontains` on PostgreSQL is
`UPPER(col::text) LIKE UPPER('%word%')`, which a GIN index with gin_trgm_ops on the same expression answers.
PostgreSQL only: on SQLite (development, tests) the operation does nothing and the search stays a plain scan.
The indexes carry no model state, so they are raw SQL guarded by the connection's vendor."""

from django.db import migrations

INDEXES = [
    ("public_unit_name_trgm", "registry_unit", "name"),
    ("public_unit_sub_type_trgm", "registry_unit", "sub_type"),
    ("public_profile_summary_trgm", "public_publicprofile", "pub_summary"),
    ("public_district_name_trgm", "geo_district", "name_th"),
    ("public_subdistrict_name_trgm", "geo_subdistrict", "name_th"),
    ("public_village_name_trgm", "geo_village", "name"),
]


class PostgresOnly(migrations.RunSQL):
    """RunSQL that runs only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0002_privacy_contact"),
        ("registry", "0008_retention"),
        ("geo", "0003_province_abbr"),
    ]

    operations = [
        PostgresOnly("CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop),
        *[
            PostgresOnly(
                f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ((UPPER("{column}"::text)) gin_trgm_ops)',
                reverse_sql=f"DROP INDEX IF EXISTS {name}",
            )
            for name, table, column in INDEXES
        ],
    ]
