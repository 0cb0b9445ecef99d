"""Trigram (pg_trgm) GIN indexes on the searched columns as they are (issue 23 "fast without the cache").

Thai has no upper and lower case, so a search made only of uncased letters (any Thai word) is a case-sensitive
`LIKE '%word%'` on the column itself (apps.public.selectors.search_matches): no UPPER() of every row, and these
indexes answer it (0.03 ms instead of 50 ms for a word in no unit's name on seed_scale). A search with Latin
letters keeps `icontains` and the UPPER() indexes of 0003. PostgreSQL only; nothing on SQLite, no model state."""

from django.db import migrations

INDEXES = [
    ("public_unit_name_plain_trgm", "registry_unit", "name"),
    ("public_unit_sub_type_plain_trgm", "registry_unit", "sub_type"),
    ("public_profile_summary_plain_trgm", "public_publicprofile", "pub_summary"),
    ("public_district_name_plain_trgm", "geo_district", "name_th"),
    ("public_subdistrict_name_plain_trgm", "geo_subdistrict", "name_th"),
    ("public_village_name_plain_trgm", "geo_village", "name"),
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
    dependencies = [("public", "0003_search_trigram_indexes")]

    operations = [
        PostgresOnly(
            f'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ("{column}" gin_trgm_ops)',
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, column in INDEXES
    ]
