"""PostgreSQL plans a connection's frequent queries once: parameters go apart from the SQL (server-side binding)
and psycopg prepares a statement run often, so a staff page's many-join queries are not planned again on every
request (planning them cost more than running them under load)."""

import pytest
from django.db import connection

from apps.registry.models import Unit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def _prepared():
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_prepared_statements")
        return cur.fetchone()[0]


def test_a_query_run_often_is_prepared_once():
    before = _prepared()
    for pk in range(10):
        list(Unit.objects.filter(pk=pk, district__province_id="65").values_list("name", flat=True))
    assert _prepared() > before
