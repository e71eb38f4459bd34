"""The core runs without the UI: importing it never imports Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import reader

CORE_MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(reader.__path__, prefix="reader.")
    if not module.name.startswith(("reader.tui", "reader.cli", "reader.__main__"))
)
# Imports every module it is given in turn and prints the first after which Textual is loaded.
FIRST_TO_IMPORT_TEXTUAL = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    if "textual" in sys.modules:
        print(name)
        break
"""


def test_there_is_a_core_to_check() -> None:
    assert {"reader.store", "reader.operations.imports", "reader.models"} <= set(CORE_MODULES)


def test_no_core_module_imports_textual() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_TO_IMPORT_TEXTUAL, *CORE_MODULES], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "", f"{completed.stdout.strip()} imports textual"


def test_the_check_sees_a_module_that_imports_textual() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_TO_IMPORT_TEXTUAL, "reader.models", "reader.tui.app"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.stdout.strip() == "reader.tui.app"


def test_import_linter_contract_holds() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports() == 0


# Runs a command as the ``reader`` script does, then prints whether the import machinery was loaded.
LOADS_THE_IMPORT_MACHINERY = """
import sys
from reader.cli import cli
try:
    cli(sys.argv[1:], prog_name="reader")
except SystemExit:
    pass
print("reader.operations" in sys.modules, file=sys.stderr)
"""


def test_commands_that_only_read_start_without_the_import_machinery(tmp_path: Path) -> None:
    db = str(tmp_path / "library.db")

    def loads_it(*command: str) -> bool:
        completed = subprocess.run(
            [sys.executable, "-c", LOADS_THE_IMPORT_MACHINERY, "--db", db, *command],
            capture_output=True,
            text=True,
            check=False,
        )
        return completed.stderr.strip().splitlines()[-1] == "True"

    assert not loads_it("list")
    assert not loads_it("search", "budget")
    assert loads_it("add", str(tmp_path / "missing.txt"))  # the check sees the machinery when it is loaded
