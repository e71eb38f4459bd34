"""The core runs without the UI: importing it never imports Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import reader

CORE_MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(reader.__path__, prefix="reader.")
    if not module.name.startswith(("reader.tui", "reader.cli", "reader.__main__"))
)


def test_there_is_a_core_to_check() -> None:
    assert {"reader.store", "reader.ingest.pipeline", "reader.models"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; sys.exit('textual' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert completed.returncode == 0, f"{module} imports textual\n{completed.stderr}"


def test_import_linter_contract_holds() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports() == 0
