"""The floors of docs/architecture.md: every views module is under the `entry-points` contract, every task
named in the code exists, and the import contracts hold."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _contract(contract_id):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["id"] == contract_id)


def test_every_views_module_is_an_entry_point():
    protected = set(_contract("entry-points")["protected_modules"])
    views = {".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "apps").glob("*/views*.py")}
    assert views - protected == set(), "add new views modules to the entry-points contract in pyproject.toml"
    tasks = {".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "apps").glob("*/tasks.py")}
    assert tasks <= protected


def test_every_task_named_in_the_code_is_registered():
    from apps.core.queue import task

    names = set()
    for path in (ROOT / "apps").rglob("*.py"):
        names |= set(re.findall(r"[\"'](apps\.\w+\.tasks\.\w+)[\"']", path.read_text()))
    assert names, "the code names its tasks by string (apps.core.queue.enqueue)"
    for name in sorted(names):
        assert task(name).name == name


def test_an_unknown_task_name_fails_in_the_caller():
    from apps.core.queue import enqueue

    with pytest.raises(LookupError):
        enqueue("apps.core.tasks.no_such_task", 1)


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("import-linter is not installed")
    run = subprocess.run([exe, "--no-logo", "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
