"""Import 5,000 units from an xlsx (issue 4: under 20 s). Run after seed_demo:

    DEBUG=1 .venv/bin/python benchmarks/registry_import.py [rows]

Parses and imports into district 6501 / FY 2570 inside a transaction that is rolled back at the end.
"""

import io
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mchch.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.geo.models import District  # noqa: E402
from apps.registry import excel  # noqa: E402
from apps.registry.models import ProgrammeYear  # noqa: E402


class Rollback(Exception):
    pass


def main(n=5000):
    district = District.objects.get(code="6501")
    year = ProgrammeYear.objects.get(province_id="65", fiscal_year=2570)
    by = User.objects.get(email="district6501@example.org")
    wb = Workbook()
    ws = wb.active
    ws.append([h for _k, h in excel.COLUMNS])
    for i in range(n):
        values = {"target_type": "กลุ่ม/องค์กรชุมชน", "sub_type": "กลุ่มออมทรัพย์เพื่อการผลิต",
                  "name": f"กลุ่มทดสอบความเร็ว {i}", "subdistrict": "ในเมือง", "founded_on": "01/03/2555",
                  "members_count": 30 + i % 50, "coordinator": "นางทดสอบ", "enrol": "ใช่" if i % 2 else "ไม่"}
        ws.append([values.get(k, "") for k, _h in excel.COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    t0 = time.perf_counter()
    rows = excel.parse(buf, district, year)
    t1 = time.perf_counter()
    bad = [r for r in rows if r["errors"]]
    try:
        with transaction.atomic():
            units, enrolled = excel.import_units(district, year, rows, by=by)
            t2 = time.perf_counter()
            raise Rollback
    except Rollback:
        pass
    print(f"{n} rows: parse {t1 - t0:.2f} s, import {t2 - t1:.2f} s, total {t2 - t0:.2f} s "
          f"({len(units)} units, {len(enrolled)} enrolled, {len(bad)} rows with errors; rolled back)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
