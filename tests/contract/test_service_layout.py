"""Every event service has the one layout of docs/architecture.md section 4.

A newcomer learns one shape: `domain/` (pure rules), `usecases/`, `adapters/` (every SQL
statement), `api/`, a typed `handlers.py`, and a few root modules. Read with `ast` where possible,
so a check names the file and line that breaks the shape; the handler signatures are read from
the table each service really builds.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import typing
from pathlib import Path

import pytest

from asn_shared.catalog import EventData
from asn_shared.messaging.handling import HandlerContext, HandlerTable

REPO = Path(__file__).resolve().parents[2]
SERVICES = ("assessment", "feedback", "sanctions", "notifications")
FOLDERS = ("domain", "usecases", "adapters", "api", "migrations")
REQUIRED_MODULES = {"__init__", "main", "settings", "subscriptions", "handlers"}
ALLOWED_ROOT_MODULES = REQUIRED_MODULES | {"background", "errors"}
# Code outside these folders reaches the database only through the adapters.
SQL_FOLDERS = ("adapters", "migrations")
# What a pure rule may not reach for: databases, the network, HTTP, mail, templates, logging,
# the broker plumbing, the clock's and the environment's sources, or the service's outer layers.
IO_MODULES = {
    "sqlalchemy", "alembic", "asyncpg", "aiosqlite", "sqlite3", "fastapi", "starlette",
    "uvicorn", "aio_pika", "aiormq", "pamqp", "faststream", "pika", "httpx", "requests",
    "urllib", "http", "socket", "ssl", "smtplib", "aiosmtplib", "email", "jinja2", "structlog",
    "logging", "os", "subprocess", "asyncio", "threading", "shutil", "tempfile",
    "pydantic_settings", "prometheus_client", "typer", "rich",
}  # fmt: skip
IO_SHARED = ("asn_shared.messaging", "asn_shared.persistence", "asn_shared.runtime",
             "asn_shared.timers", "asn_shared.logging", "asn_shared.metrics",
             "asn_shared.settings", "asn_shared.audit_stream")  # fmt: skip
OUTER_LAYERS = ("usecases", "adapters", "api", "handlers", "main", "settings", "background")


def package_dir(service: str) -> Path:
    return REPO / "services" / service / f"asn_{service}"


def modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def package_of(path: Path) -> list[str]:
    """The dotted package a service module is in: services/x/asn_x/domain/a.py -> asn_x.domain."""
    return list(path.relative_to(REPO / "services").parts[1:-1])


def imports(path: Path, package: list[str] | None = None) -> list[tuple[str, int]]:
    """Absolute module names a file imports (relative ones resolved against its package)."""
    parts = package_of(path) if package is None else package
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = parts[: len(parts) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found.append((name, node.lineno))
            if node.module is None:  # from . import x: x may be a module
                found += [(f"{name}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _relative(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.parametrize("service", SERVICES)
def test_the_folders_and_root_modules_are_the_layout(service: str) -> None:
    root = package_dir(service)
    missing = [f for f in FOLDERS if not (root / f).is_dir()]
    assert not missing, f"asn_{service} lacks {missing}"
    for folder in FOLDERS[:-1]:
        assert (root / folder / "__init__.py").is_file(), f"asn_{service}/{folder} is no package"
    root_modules = {p.stem for p in root.glob("*.py")}
    assert REQUIRED_MODULES <= root_modules, REQUIRED_MODULES - root_modules
    stray = sorted(root_modules - ALLOWED_ROOT_MODULES)
    assert not stray, f"asn_{service} has modules outside the layout's folders: {stray}"


@pytest.mark.parametrize("service", SERVICES)
def test_no_sql_outside_the_adapters(service: str) -> None:
    root = package_dir(service)
    outside = [p for p in modules(root) if p.relative_to(root).parts[0] not in SQL_FOLDERS]
    assert len(outside) >= 10, "the check would be vacuous"
    found = [
        f"{_relative(path)}:{line} imports {name}"
        for path in outside
        for name, line in imports(path)
        if name.split(".")[0] == "sqlalchemy"
    ]
    assert not found, "SQL belongs in adapters/:\n" + "\n".join(found)


@pytest.mark.parametrize("service", [*SERVICES, "audit"])
def test_the_domain_is_pure(service: str) -> None:
    domain = package_dir(service) / "domain"
    files = modules(domain)
    assert files, f"asn_{service}/domain is empty"
    own_outer = tuple(f"asn_{service}.{layer}" for layer in OUTER_LAYERS)
    found = []
    for path in files:
        for name, line in imports(path):
            if (
                name.split(".")[0] in IO_MODULES
                or name.startswith(IO_SHARED)
                or name.startswith(own_outer)
            ):
                found.append(f"{_relative(path)}:{line} imports {name}")
    assert not found, "domain/ holds pure rules only:\n" + "\n".join(found)


@pytest.mark.parametrize("service", SERVICES)
def test_handlers_py_names_no_any(service: str) -> None:
    path = package_dir(service) / "handlers.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    uses = [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Name) and node.id == "Any")
        or (isinstance(node, ast.Attribute) and node.attr == "Any")
    ]
    assert not uses, f"{_relative(path)} uses Any on lines {uses}"


def _snake(event_type: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", event_type).lower()


def built_table(service: str) -> HandlerTable:
    definition = importlib.import_module(f"asn_{service}.main").build()
    assert isinstance(definition.handlers, HandlerTable)
    return definition.handlers


@pytest.mark.parametrize("service", SERVICES)
def test_each_handler_takes_its_events_model(service: str) -> None:
    """on(Model, handler): the handler's one parameter is HandlerContext[Model] (or, for one
    handler serving many kinds, HandlerContext[EventData]), and it lives in handlers.py."""
    table = built_table(service)
    assert len(table) >= 3
    for model in table:
        route = table.route(model.event_type)
        assert route is not None
        handler = route.handler
        assert handler.__module__ == f"asn_{service}.handlers", route.handler_name
        hints = typing.get_type_hints(handler)
        parameters = [p for p in inspect.signature(handler).parameters if p != "self"]
        assert len(parameters) == 1, f"{route.handler_name} takes {parameters}"
        context = hints[parameters[0]]
        assert typing.get_origin(context) is HandlerContext, route.handler_name
        (event,) = typing.get_args(context)
        assert event in (model, EventData), f"{route.handler_name} is typed for {event}"
        assert hints.get("return") is type(None), route.handler_name
        if event is model:
            assert handler.__name__ == f"on_{_snake(model.event_type)}", route.handler_name
        else:
            assert handler.__name__.startswith("on_"), route.handler_name


def test_the_import_reader_resolves_relative_imports(tmp_path: Path) -> None:
    """So `from ..adapters import x` in a domain module is caught like an absolute import."""
    sample = tmp_path / "probe.py"
    sample.write_text(
        "import sqlalchemy as sa\nfrom ..adapters.tables import x\nfrom . import kuadran\n"
    )
    found = imports(sample, ["asn_assessment", "domain"])
    assert found == [
        ("sqlalchemy", 1),
        ("asn_assessment.adapters.tables", 2),
        ("asn_assessment.domain", 3),
        ("asn_assessment.domain.kuadran", 3),
    ]
    assert package_of(package_dir("assessment") / "domain" / "kuadran.py") == [
        "asn_assessment",
        "domain",
    ]
