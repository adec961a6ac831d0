"""The services share only contracts and plumbing (shared/asn_shared), never each other's code.

Each service is deployed, migrated and scaled on its own; an import of another service's package
would couple their releases and let one service reach into another's tables. Read with `ast`, so
nothing is imported and a service that is still an empty directory is simply nothing to check.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SERVICES = REPO / "services"
SHARED = REPO / "shared" / "asn_shared"
SERVICE_PACKAGES = {
    "assessment": "asn_assessment",
    "feedback": "asn_feedback",
    "sanctions": "asn_sanctions",
    "notifications": "asn_notifications",
    "audit": "asn_audit",
}
IMPORT_FUNCTIONS = {"import_module", "__import__"}


def python_files(root: Path) -> list[Path]:
    skip = {".venv", "build", "__pycache__"}
    return sorted(
        p for p in root.rglob("*.py") if not skip & set(p.parts) and ".egg-info" not in str(p)
    )


def imported_packages(path: Path) -> Iterator[tuple[str, int]]:
    """Top-level packages a file imports, with line numbers (relative imports stay inside)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno
        elif _is_dynamic_import(node):
            yield node.args[0].value.split(".")[0], node.lineno


def _is_dynamic_import(node: ast.AST) -> bool:
    # importlib.import_module("asn_feedback.domain") would dodge a check of import statements.
    if not isinstance(node, ast.Call) or not node.args:
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    first = node.args[0]
    return (
        name in IMPORT_FUNCTIONS
        and isinstance(first, ast.Constant)
        and isinstance(first.value, str)
    )


def violations(files: list[Path], forbidden: set[str]) -> list[str]:
    return [
        f"{path.relative_to(REPO)}:{line} imports {package}"
        for path in files
        for package, line in imported_packages(path)
        if package in forbidden
    ]


@pytest.mark.parametrize("service", sorted(SERVICE_PACKAGES))
def test_a_service_imports_no_other_service(service: str) -> None:
    others = set(SERVICE_PACKAGES.values()) - {SERVICE_PACKAGES[service]}
    # A service still being built may have no files yet: nothing to violate.
    files = python_files(SERVICES / service) if (SERVICES / service).is_dir() else []
    assert not violations(files, others)


def test_every_service_directory_is_known() -> None:
    """A new service must join SERVICE_PACKAGES, or this test would silently skip it."""
    dirs = {p.name for p in SERVICES.iterdir() if p.is_dir()} if SERVICES.is_dir() else set()
    assert dirs <= set(SERVICE_PACKAGES)


def test_shared_imports_no_service() -> None:
    files = python_files(SHARED)
    # Guard against a vacuous pass (a moved directory would leave nothing to check).
    assert SHARED / "envelope.py" in files and len(files) >= 10
    assert not violations(files, set(SERVICE_PACKAGES.values()))


def test_the_checker_sees_every_kind_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import asn_feedback.domain\n"
        "from asn_sanctions import handlers\n"
        "from . import sibling\n"
        "import importlib\n"
        "importlib.import_module('asn_notifications.models')\n"
        "__import__('asn_assessment')\n"
    )
    found = {package for package, _ in imported_packages(sample)}
    assert found == {"asn_feedback", "asn_sanctions", "importlib", "asn_notifications",
                     "asn_assessment"}  # fmt: skip
