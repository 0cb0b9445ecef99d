"""PostgreSQL: pg_dump's custom format out, pg_restore's script into psql in one transaction back.

The dump runs on a snapshot exported by our own REPEATABLE READ transaction, so the row counts and the
migration state in the manifest describe exactly the rows in the dump. The same session holds an advisory
lock for the whole backup or restore: a second one on any machine is refused while it runs, and a process
that dies frees it with its connection.

The restore empties the tables, views and sequences of the schema and replays pg_restore's script in one
transaction that is committed only after pg_restore itself succeeded: a refused or broken restore leaves the
database as it was, and a finished one is the dump exactly (tables that newer migrations created are gone too,
so ``migrate`` can create them again).
"""

import contextlib
import os
import re
import shutil
import subprocess
import tempfile

import psycopg
from django.utils.translation import gettext as _
from psycopg import sql

from .errors import BackupError

LOCK_KEY = 0x6D636863_68626B  # "mchchbk"
BLOCK = 1024 * 1024
LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "application_name",
    "options",
}

EMPTY_SCHEMA = b"""
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype IN ('e', 'a', 'i'))
  LOOP
    EXECUTE format('DROP %s IF EXISTS %I CASCADE',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                     WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname);
  END LOOP;
  -- functions the migrations made (the audit trail's append-only trigger function): the dump creates them again
  FOR r IN
    SELECT p.oid::regprocedure AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                      AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', r.sig);
  END LOOP;
END $$;
"""


def libpq_params(settings_dict):
    """Connection keywords of a Django database, password included (never put on a command line)."""
    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict["PORT"]) if settings_dict.get("PORT") else None,
    }
    params.update({k: v for k, v in (settings_dict.get("OPTIONS") or {}).items() if k in LIBPQ_OPTIONS})
    return {k: v for k, v in params.items() if v is not None}


def _tool(name):
    path = shutil.which(name)
    if not path:
        raise BackupError(
            _("ไม่พบโปรแกรม %(tool)s ในเครื่องนี้ ติดตั้งแพ็กเกจ postgresql-client (scripts/sysdeps.sh) ก่อน")
            % {"tool": name}
        )
    return path


def tool_major(name):
    out = subprocess.run([_tool(name), "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else 0


def check_tool(name, server_version_num):
    """pg_dump and pg_restore refuse or misread a server newer than themselves: say so before starting."""
    server_major = server_version_num // 10000
    major = tool_major(name)
    if major < server_major:
        raise BackupError(
            _(
                "%(tool)s รุ่น %(mine)s เก่ากว่าเซิร์ฟเวอร์ PostgreSQL รุ่น %(server)s ติดตั้ง postgresql-client รุ่นเดียวกับเซิร์ฟเวอร์"
            )
            % {"tool": name, "mine": major, "server": server_major}
        )
    return major


class Session:
    """One libpq session of our own: the advisory lock, the exported snapshot, the facts of the manifest."""

    def __init__(self, settings_dict):
        self.params = libpq_params(settings_dict)
        self.conn = psycopg.connect(**self.params, autocommit=True)
        self.server_version = self.conn.info.server_version

    def close(self):
        self.conn.close()

    def try_lock(self):
        return self.conn.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY]).fetchone()[0]

    def begin_snapshot(self):
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return self.conn.execute("SELECT pg_export_snapshot()").fetchone()[0]

    def end_snapshot(self):
        self.conn.execute("COMMIT")

    def tables(self):
        rows = self.conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname"
        )
        return [r[0] for r in rows]

    def row_counts(self, tables=None):
        counts = {}
        for table in tables if tables is not None else self.tables():
            query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            counts[table] = self.conn.execute(query).fetchone()[0]
        return counts

    def migrations(self):
        if "django_migrations" not in self.tables():
            return {}
        applied = {}
        for app, name in self.conn.execute("SELECT app, name FROM django_migrations ORDER BY app, id"):
            applied.setdefault(app, []).append(name)
        return applied


def _env(params):
    env = dict(os.environ)
    if "password" in params:
        env["PGPASSWORD"] = params["password"]
    return env


def _conninfo(params):
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in params.items() if k != "password"})


def dump_blocks(session, snapshot):
    """pg_dump's custom-format output, block by block, from the exported snapshot; BackupError if it fails."""
    check_tool("pg_dump", session.server_version)
    cmd = [
        _tool("pg_dump"),
        "--format=custom",
        "--no-owner",
        f"--snapshot={snapshot}",
        _conninfo(session.params),
    ]
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=_env(session.params))
        try:
            while block := proc.stdout.read(BLOCK):
                yield block
            code = proc.wait()
        finally:
            if proc.poll() is None:  # stopped early (an error downstream): pg_dump must not run on
                proc.kill()
                proc.wait()
            proc.stdout.close()
        if code != 0:
            err.seek(0)
            raise BackupError(
                _("pg_dump ทำงานไม่สำเร็จ: %(err)s") % {"err": err.read().decode(errors="replace")[-500:]}
            )


def restore(session, blocks):
    """Replace the schema's content by the dump read from blocks, in one transaction (see the module doc)."""
    check_tool("pg_restore", session.server_version)
    params = session.params
    with tempfile.TemporaryFile() as psql_err, tempfile.TemporaryFile() as restore_err:
        psql = subprocess.Popen(
            [_tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", _conninfo(params)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
            env=_env(params),
        )
        pg_restore = None
        try:
            # A site still running holds locks: fail after a minute with psql's message rather than hang.
            psql.stdin.write(b"BEGIN;\nSET LOCAL lock_timeout = '60s';\n" + EMPTY_SCHEMA)
            psql.stdin.flush()
            pg_restore = subprocess.Popen(
                [_tool("pg_restore"), "--no-owner", "--file=-"],
                stdin=subprocess.PIPE,
                stdout=psql.stdin,
                stderr=restore_err,
            )
            for block in blocks:
                pg_restore.stdin.write(block)
            pg_restore.stdin.close()
            if pg_restore.wait() != 0:
                raise _failed("pg_restore", restore_err)
            psql.stdin.write(b"\nCOMMIT;\n")
            psql.stdin.close()
            if psql.wait() != 0:
                raise _failed("psql", psql_err)
        except BrokenPipeError:
            raise _failed("psql", psql_err) from None
        finally:
            _stop(pg_restore, psql)


def _stop(*procs):
    """Never leave a child behind: an unfinished psql exits without COMMIT, so its transaction rolls back."""
    for proc in procs:
        if proc is None:
            continue
        with contextlib.suppress(OSError):
            if proc.stdin and not proc.stdin.closed:
                proc.stdin.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _failed(tool, errfile):
    errfile.seek(0)
    detail = errfile.read().decode(errors="replace")[-800:]
    return BackupError(
        _("กู้คืนฐานข้อมูลไม่สำเร็จ (%(tool)s): %(err)s ฐานข้อมูลยังคงเป็นแบบเดิม") % {"tool": tool, "err": detail}
    )
