"""docker-compose.yml without Docker (no engine on the CI machines): the file's structure, and its services' own
commands and healthchecks run here as processes against the machine's PostgreSQL and Redis — migrate to an empty
database, collectstatic as the image build does, gunicorn until the web healthcheck passes, a Celery worker until
its healthcheck answers pong, beat staying up. What this cannot show is the images themselves (Dockerfile)."""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")


def test_services_start_in_order_and_report_health():
    assert set(SERVICES) == {"migrate", "web", "worker", "beat", "db", "redis", "minio", "createbucket"}
    for name in ("web", "worker", "db", "redis"):
        assert SERVICES[name]["healthcheck"]["test"], name
    for name in APP_SERVICES:
        deps = SERVICES[name]["depends_on"]
        assert deps["db"]["condition"] == "service_healthy", name
        assert deps["redis"]["condition"] == "service_healthy", name
        assert deps["migrate"]["condition"] == "service_completed_successfully", name
        assert deps["createbucket"]["condition"] == "service_completed_successfully", name
    assert SERVICES["beat"]["depends_on"]["worker"]["condition"] == "service_healthy"
    assert SERVICES["migrate"]["restart"] == "no" and SERVICES["createbucket"]["restart"] == "no"
    assert SERVICES["createbucket"]["depends_on"]["minio"]["condition"] == "service_healthy"
    assert SERVICES["minio"]["healthcheck"]["test"]
    # backups and the store's data outlive the containers
    volumes = {v.split(":")[0] for v in SERVICES["web"]["volumes"]}
    assert volumes == {"backups"} <= set(COMPOSE["volumes"])
    assert "miniodata" in COMPOSE["volumes"]


def test_several_nodes_share_nothing_on_a_local_disk():
    """2 web and 2 workers, one beat; uploads and generated files in the shared bucket, never a local folder."""
    assert SERVICES["web"]["deploy"]["replicas"] == 2 and SERVICES["worker"]["deploy"]["replicas"] == 2
    assert "deploy" not in SERVICES["beat"]  # one scheduler, or every reminder day would be sent twice
    assert SERVICES["web"]["ports"] == ["127.0.0.1:8000-8001:8000"]  # one host port per replica
    env = SERVICES["web"]["environment"]
    assert "MEDIA_ROOT" not in env and env["STORAGE_URL"].startswith("s3://")
    from mchch.storage_config import s3_options

    given = {"MINIO_ROOT_PASSWORD": "secret"}
    opts = s3_options(_interpolate(env["STORAGE_URL"], given), {})
    assert opts["bucket_name"] == "mchch" and opts["endpoint_url"] == "http://minio:9000"
    assert opts["public_endpoint_url"] == "http://localhost:9000" and opts["default_acl"] == "private"
    assert (opts["access_key"], opts["secret_key"]) == ("mchch", "secret")
    assert "mc mb --ignore-existing" in SERVICES["createbucket"]["command"][0]


def test_environment_names_are_read_by_the_settings():
    settings_py = (ROOT / "mchch" / "settings.py").read_text(encoding="utf-8")
    for name in SERVICES["web"]["environment"]:
        assert f'"{name}"' in settings_py, (
            f"{name} is set by docker-compose.yml but never read by mchch/settings.py"
        )


def test_secret_key_must_be_given():
    assert SERVICES["web"]["environment"]["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert SERVICES["minio"]["environment"]["MINIO_ROOT_PASSWORD"].startswith("${MINIO_ROOT_PASSWORD:?")


# --- the services' commands, run as processes ---------------------------------------------------------------


def _answers(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _interpolate(value, env):
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?message} (what docker-compose.yml uses) and $$ → $."""

    def one(m):
        name, op, arg = m.group(1), m.group(2), m.group(3) or ""
        if env.get(name):
            return env[name]
        if op == ":?":
            raise AssertionError(f"{name} must be set: {arg}")
        return arg

    return re.sub(r"\$\{(\w+)(:-|:\?)?([^}]*)\}", one, str(value)).replace("$$", "$")


def _argv(command, port):
    argv = shlex.split(command.replace("0.0.0.0:8000", f"127.0.0.1:{port}"))
    return [str(Path(sys.executable).parent / argv[0]) if argv[0] != "python" else sys.executable, *argv[1:]]


def _healthcheck(name, env, port):
    test = SERVICES[name]["healthcheck"]["test"]
    if test[0] == "CMD-SHELL":
        cmd = test[1].replace("$$", "$").replace("celery ", f"{Path(sys.executable).parent / 'celery'} ", 1)
        return subprocess.run(["sh", "-c", cmd], cwd=ROOT, env=env, capture_output=True, timeout=60)
    argv = [a.replace(":8000/", f":{port}/") for a in test[1:]]
    argv[0] = sys.executable if argv[0] == "python" else argv[0]
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, timeout=60)


def _wait_healthy(name, env, port, proc, log, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"{name} exited: {log.read_text()[-2000:]}"
        if _healthcheck(name, env, port).returncode == 0:
            return
        time.sleep(2)
    raise AssertionError(f"{name} not healthy after {seconds}s: {log.read_text()[-2000:]}")


@pytest.fixture
def compose_env(tmp_path, moto_s3):  # moto_s3: the S3 server standing in for MinIO (tests/objectstore.py)
    if not (_answers(5432) and _answers(6379)):
        pytest.skip("needs PostgreSQL and Redis on 127.0.0.1 (as in CI)")
    import psycopg

    db = f"mchch_compose_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{db}"')
    given = {
        "SECRET_KEY": "compose-test-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "MINIO_ROOT_PASSWORD": "testing",
    }
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    env.update({k: _interpolate(v, given) for k, v in SERVICES["web"]["environment"].items()})
    # the compose hosts db and redis are 127.0.0.1 here; a Redis database of its own so no other worker answers;
    # MinIO is the moto S3 server on the loopback (the createbucket job: a new bucket)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        REDIS_URL="redis://127.0.0.1:6379/7",
        STORAGE_URL=moto_s3.storage_url(moto_s3.new_bucket()),
        HOSTNAME=socket.gethostname(),
    )  # as in a container
    procs = []
    yield env, procs, tmp_path
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


@pytest.mark.redis
def test_the_services_commands_start_and_pass_their_healthchecks(compose_env):
    env, procs, tmp = compose_env
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    migrate = subprocess.run(
        _argv(SERVICES["migrate"]["command"], port),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert migrate.returncode == 0, migrate.stderr[-2000:]
    # the image build's last step (Dockerfile), so that pages render with DEBUG off
    static = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert static.returncode == 0, static.stderr[-2000:]

    def start(name, command):
        log = tmp / f"{name}.log"
        procs.append(
            subprocess.Popen(
                _argv(command, port), cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
            )
        )
        return procs[-1], log

    web, web_log = start("web", SERVICES["web"]["command"])
    worker, worker_log = start("worker", SERVICES["worker"]["command"])
    _wait_healthy("web", env, port, web, web_log)
    _wait_healthy("worker", env, port, worker, worker_log)
    beat, beat_log = start(
        "beat",
        SERVICES["beat"]["command"].replace("/tmp/celerybeat-schedule", str(tmp / "celerybeat-schedule")),
    )
    import urllib.request

    page = urllib.request.urlopen(
        urllib.request.Request(f"http://127.0.0.1:{port}/verify/", headers={"Host": "localhost"}), timeout=10
    )
    assert page.status == 200 and "ตรวจสอบ" in page.read().decode()
    deadline = time.monotonic() + 60  # a loaded machine: beat may take a while to say it started
    while "beat: Starting" not in beat_log.read_text() and time.monotonic() < deadline:
        assert beat.poll() is None, beat_log.read_text()[-2000:]
        time.sleep(1)
    assert beat.poll() is None, beat_log.read_text()[-2000:]
    assert "beat: Starting" in beat_log.read_text()
