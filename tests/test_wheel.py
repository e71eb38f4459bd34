"""The wheel installs into a fresh environment, ships its data and runs there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.builders import PROJECT_ROOT, SEEDS

pytestmark = pytest.mark.slow


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command and fail the test, with what it printed, unless it exits with 0."""
    # Without PYTHONPATH, which would put a checkout's reader before the installed one.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    completed = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert completed.returncode == 0, f"{command} exited with {completed.returncode}\n{completed.stderr}"
    return completed


def environment_with_our_dependencies(where: Path) -> Path:
    """A new virtual environment that sees the packages of this one, but not its ``reader``.

    The running environment's site-packages are added after the new one's own
    through a ``.pth`` file; ``.pth`` files inside them (such as an editable
    install of this checkout) are not read from there, so the only ``reader``
    the new environment can import is the one installed into it.
    """
    venv.create(where, with_pip=True)
    python = where / ("Scripts" if os.name == "nt" else "bin") / "python"
    own_site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=where).stdout.strip()
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(own_site) / "dependencies_of_the_tests.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return python


def test_the_wheel_installs_runs_and_ships_its_samples_and_styles(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    # --no-isolation: build offline with the hatchling installed alongside the tests.
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, PROJECT_ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("reader-*.whl")

    python = environment_with_our_dependencies(tmp_path / "venv")
    run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # Every dependency the wheel declares is satisfied by what the environment can import.
    run(python, "-m", "pip", "check", cwd=tmp_path)

    where = run(
        python,
        "-c",
        "import reader.paths as p; print(p.__file__); print(p.seeds_dir()); print(p.assets_dir())",
        cwd=tmp_path,
    ).stdout.splitlines()
    assert len(where) == 3 and all(line.startswith(str(tmp_path / "venv")) for line in where), where
    module, seeds_dir, assets_dir = map(Path, where)
    assert module.name == "paths.py"
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert [seed.name for seed in seeds] == sorted(path.name for path in SEEDS.glob("*.txt"))
    assert any(assets_dir.glob("*.tcss"))

    reader = python.parent / ("reader.exe" if os.name == "nt" else "reader")
    assert "add" in run(reader, "--help", cwd=tmp_path).stdout
    db = tmp_path / "library.db"
    added = run(reader, "--db", db, "add", seeds[0], cwd=tmp_path)
    assert "1 added" in added.stdout + added.stderr
    listed = json.loads(run(reader, "--db", db, "list", "--json", cwd=tmp_path).stdout)
    assert [article["path"] for article in listed] == [str(seeds[0])]
