"""The wheel installs into a fresh environment, ships its data and runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow


def test_wheel_installs_and_imports_a_seed(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # --no-isolation: build offline with the hatchling installed alongside the tests.
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(PROJECT_ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("reader-*.whl")

    # The dependencies come from this environment; the package itself only from the wheel.
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True, system_site_packages=True)
    bindir = environment / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [bindir / "python", "-m", "pip", "install", "--no-deps", "--no-index", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
    )
    run_outside_checkout = {"cwd": tmp_path, "capture_output": True, "text": True}

    where = subprocess.run(
        [
            bindir / "python",
            "-c",
            "import reader.paths as p; print(p.__file__); print(p.seeds_dir()); print(p.assets_dir())",
        ],
        **run_outside_checkout,
    ).stdout.split()
    assert all(line.startswith(str(environment)) for line in where), where
    seeds = sorted(Path(where[1]).glob("*.txt"))
    assert [seed.name for seed in seeds] == sorted(p.name for p in (PROJECT_ROOT / "seeds").glob("*.txt"))
    assert any(Path(where[2]).glob("*.tcss"))

    help_run = subprocess.run([bindir / "reader", "--help"], **run_outside_checkout)
    assert help_run.returncode == 0 and "add" in help_run.stdout

    db = tmp_path / "library.db"
    added = subprocess.run([bindir / "reader", "--db", db, "add", seeds[0]], **run_outside_checkout)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([bindir / "reader", "--db", db, "list", "--json"], **run_outside_checkout)
    assert len(json.loads(listed.stdout)) == 1
