"""The search's trigram indexes take every change at once (GIN `fastupdate = off`) instead of through a pending
list that only VACUUM empties.

With the pending list, a bulk load (seed_scale, a history import, a province joining with its units) left up to
4 MB of unsorted entries that every search read in full until autovacuum came by: 6–9 ms for each search on
seed_scale, against 0.1 ms once the list is merged (the uncached directory then answered 133 instead of 260
requests a second). Units and place names change a few at a time, so writing into the index directly costs
nothing noticeable. The existing lists are merged now (gin_clean_pending_list). PostgreSQL only."""

import importlib

from django.db import migrations

plain = importlib.import_module("apps.public.migrations.0004_search_trigram_plain_indexes")
upper = importlib.import_module("apps.public.migrations.0003_search_trigram_indexes")

NAMES = [name for name, _table, _column in plain.INDEXES] + [name for name, *_rest in upper.INDEXES]


class Migration(migrations.Migration):
    dependencies = [("public", "0004_search_trigram_plain_indexes")]

    operations = [
        plain.PostgresOnly(
            f"ALTER INDEX {name} SET (fastupdate = off); SELECT gin_clean_pending_list('{name}')",
            reverse_sql=f"ALTER INDEX {name} RESET (fastupdate)",
        )
        for name in NAMES
    ]
