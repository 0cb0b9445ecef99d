"""Synthetic national-scale data for benchmarks (DESIGN §6): every province from geothai, several fiscal years,
~150 enrolled units per province-year, photos as tiny files. Each app may add its part in apps/<app>/scale.py
with `seed(ctx)` (scorecards, submissions, certificates …). Not idempotent by design: run on an empty database
(`--flush` empties the registry data it created before)."""

import importlib
import io
import random
import time
import types

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connection, transaction

STEPS = [
    "apps.development.scale",
    "apps.evaluation.scale",
    "apps.certification.scale",
    "apps.reporting.scale",
    "apps.notifications.scale",
    "apps.public.scale",
]


def _tiny_jpeg():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (31, 95, 139)).save(buf, "JPEG")
    return buf.getvalue()


class Command(BaseCommand):
    help = "สร้างข้อมูลสังเคราะห์ระดับประเทศสำหรับวัดความเร็ว"

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--units", type=int, default=150, help="enrolled units per province-year")
        parser.add_argument(
            "--provinces", type=int, default=0, help="limit the number of provinces (0 = all)"
        )

    def handle(self, *args, **opts):
        from apps.accounts.enums import Role
        from apps.accounts.models import RoleAssignment, User
        from apps.core.thaidates import fiscal_year_of
        from apps.geo.loader import load_geography
        from apps.geo.models import District, Province, Subdistrict
        from apps.registry.enums import Outcome, Stage, TargetType
        from apps.registry.models import Enrolment, Photo, ProgrammeYear, Unit
        from apps.registry.services import open_programme_year

        t0 = time.monotonic()
        load_geography(Province, District, Subdistrict)
        rng = random.Random(2570)
        last_fy = fiscal_year_of(__import__("datetime").date.today())
        years = list(range(last_fy - opts["years"] + 1, last_fy + 1))
        provinces = list(Province.objects.order_by("code"))
        if opts["provinces"]:
            provinces = provinces[: opts["provinces"]]
        password = make_password("scale-pass-2570")
        photo_name = default_storage.save("photos/scale/tiny.jpg", ContentFile(_tiny_jpeg()))
        types_ = list(TargetType.values)
        ctx = types.SimpleNamespace(
            stdout=self.stdout, provinces=provinces, years=years, rng=rng, password=password
        )
        ctx.programme_years = {}
        for p in provinces:
            with transaction.atomic():
                staff, _ = User.objects.get_or_create(
                    email=f"staff{p.code}@scale.example.org",
                    defaults={"password": password, "first_name": f"จังหวัด{p.name_th}"},
                )
                RoleAssignment.objects.get_or_create(user=staff, role=Role.PROVINCE_STAFF, province=p)
                districts = list(p.districts.all())
                subs = {d.code: list(d.subdistricts.values_list("code", flat=True)) for d in districts}
                officers = []
                for d in districts:
                    u, _ = User.objects.get_or_create(
                        email=f"district{d.code}@scale.example.org",
                        defaults={"password": password, "first_name": f"อำเภอ{d.name_th}"},
                    )
                    RoleAssignment.objects.get_or_create(user=u, role=Role.DISTRICT_OFFICER, district=d)
                    officers.append(u)
                prev = None
                pys = []
                for fy in years:
                    py = ProgrammeYear.objects.filter(
                        province=p, fiscal_year=fy
                    ).first() or open_programme_year(p, fy, by=staff, copy_from=prev)
                    pys.append(py)
                    prev = py
                ctx.programme_years[p.code] = pys
                # persistent units: two thirds carried across years, one third new each year
                core_units = []
                for i in range(opts["units"] * 2 // 3):
                    d = districts[i % len(districts)]
                    core_units.append(
                        Unit(
                            district=d,
                            subdistrict_id=rng.choice(subs[d.code]) if subs[d.code] else None,
                            target_type=types_[i % 4],
                            name=f"หน่วยนับ {p.code}-{i:04d}",
                            sub_type="กลุ่มออมทรัพย์เพื่อการผลิต",
                            members_count=20 + i % 50,
                            created_by=officers[i % len(officers)],
                        )
                    )
                Unit.objects.bulk_create(core_units, batch_size=2000)
                enrolments, photos = [], []
                for yi, py in enumerate(pys):
                    fresh = []
                    for i in range(opts["units"] - len(core_units)):
                        d = districts[(i + yi) % len(districts)]
                        fresh.append(
                            Unit(
                                district=d,
                                target_type=types_[i % 4],
                                name=f"หน่วยนับใหม่ {p.code}-{py.fiscal_year}-{i:03d}",
                                sub_type="ศอช.ต.",
                                created_by=officers[i % len(officers)],
                            )
                        )
                    Unit.objects.bulk_create(fresh, batch_size=2000)
                    current = py.fiscal_year == last_fy
                    for j, u in enumerate(core_units + fresh):
                        stage = (
                            rng.choice([Stage.RECRUITMENT, Stage.REINFORCEMENT])
                            if current
                            else Stage.EVALUATION
                        )
                        outcome = (
                            Outcome.IN_PROGRESS
                            if current
                            else (Outcome.CERTIFIED if rng.random() < 0.7 else Outcome.NOT_PASSED)
                        )
                        enrolments.append(
                            Enrolment(
                                unit=u,
                                year=py,
                                stage=stage,
                                outcome=outcome,
                                carried_over=yi > 0 and j < len(core_units) and rng.random() < 0.3,
                                mentor=officers[j % len(officers)],
                            )
                        )
                        if j % 5 == 0:
                            # the tiny shared file is its own thumbnail (8 px, no EXIF)
                            photos.append(
                                Photo(
                                    district_id=u.district_id,
                                    year=py,
                                    unit=u,
                                    stage=stage,
                                    image=photo_name,
                                    thumbnail=photo_name,
                                    thumb_width=8,
                                    thumb_height=8,
                                    caption=f"ภาพกิจกรรม {u.name}",
                                    is_public=j % 10 == 0,
                                )
                            )
                Enrolment.objects.bulk_create(enrolments, batch_size=2000)
                Photo.objects.bulk_create(photos, batch_size=2000)
            self.stdout.write(f"{p.code} {p.name_th}: {len(enrolments)} enrolments")
        for name in STEPS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            t = time.monotonic()
            module.seed(ctx)
            self.stdout.write(f"scaled {name.split('.')[1]} in {time.monotonic() - t:.1f}s")
        if connection.vendor == "postgresql":
            # fresh planner statistics: measure the pages as they run once autovacuum has seen the data
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_scale: {len(provinces)} provinces × {len(years)} years, {Unit.objects.count()} units, "
                f"{Enrolment.objects.count()} enrolments in {time.monotonic() - t0:.0f}s"
            )
        )
