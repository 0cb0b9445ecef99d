"""What an archive says about itself, and whether this code can restore it."""

import os
import subprocess
import tomllib
from functools import cache

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import BackupError

FORMAT = 1


@cache
def app_version():
    """The version in pyproject.toml and the git commit when there is one (APP_COMMIT in an image)."""
    version = ""
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as f:
            version = tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, ValueError):
        pass
    commit = os.environ.get("APP_COMMIT", "")
    if not commit:
        try:
            commit = subprocess.run(
                ["git", "rev-parse", "HEAD"],
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
                timeout=5,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            commit = ""
    return {"version": version, "commit": commit}


def build(vendor, server_version, migrations, row_counts):
    """The manifest written before the data; the index at the end adds the dump's and every file's digest."""
    return {
        "format": FORMAT,
        "app": app_version(),
        "vendor": vendor,
        "server_version": server_version,
        "created_at": timezone.now().isoformat(),
        "migrations": migrations,
        "row_counts": row_counts,
    }


def code_migrations(connection):
    """Every migration the code on disk knows, as a set of (app, name)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True, load=True)
    known = set(loader.disk_migrations)
    for key, migration in loader.disk_migrations.items():  # a squash stands for the migrations it replaces
        known.update(migration.replaces or [])
        known.add(key)
    return known


def needs_migrate(manifest, connection):
    """True when the archive is behind the code (restore, then migrate); BackupError when it is ahead."""
    if manifest.get("format") != FORMAT:
        raise BackupError(_("ไฟล์สำรองนี้ใช้รูปแบบรุ่น %(v)s ซึ่งโปรแกรมนี้ไม่รองรับ") % {"v": manifest.get("format")})
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            _("ไฟล์สำรองนี้มาจากฐานข้อมูล %(src)s กู้คืนลงฐานข้อมูล %(dst)s ไม่ได้")
            % {"src": manifest["vendor"], "dst": connection.vendor}
        )
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    known = code_migrations(connection)
    unknown = sorted(archived - known)
    if unknown:
        shown = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            _(
                "ไฟล์สำรองนี้มาจากโปรแกรมรุ่นที่ใหม่กว่า (มี migration ที่โปรแกรมนี้ไม่รู้จัก: %(names)s) "
                "ให้ติดตั้งโปรแกรมรุ่น %(version)s ขึ้นไปก่อนกู้คืน"
            )
            % {"names": shown, "version": manifest["app"].get("version") or "?"}
        )
    return bool(known - archived)
