"""Generate the contract's committed files: JSON Schemas and AsyncAPI documents.

    .venv/bin/python docs/generate_asyncapi.py           # (re)write every generated file
    .venv/bin/python docs/generate_asyncapi.py --check   # exit 1 listing what is stale
    make catalog                                         # the same; `make catalog CHECK=1` checks

Owns four sets of files:

- `shared/asn_shared/catalog/schemas/<routing key>.json`: each event's JSON Schema (the contract,
  shipped with asn_shared), and `shared/asn_shared/catalog/asyncapi.json`, the catalog's own
  AsyncAPI document whose messages `$ref` those files;
- `docs/asyncapi/<service>.asyncapi.json` for each service that consumes events and the
  system-wide `docs/asyncapi/system.asyncapi.json`, self-contained (they embed every schema they
  use), built by `asn_shared.asyncapi`;
- `docs/schemas/<routing key>.json`, copies of the catalog's schemas, so docs/ alone is what an
  agency needs (with integrating.md and agency-contract-v1.md).

What each service consumes comes from its `asn_<svc>.subscriptions.CONSUMER`, imported here,
outside shared/, so that shared code still imports no service. Files in these folders that this
script does not produce (a removed event or service) are reported by --check and deleted by a
write. The golden examples beside the catalog's schemas are hand-written and never touched.

Exit status: 0 written / up to date, 1 `--check` found differences, 2 the service packages (or
asn_shared) cannot be imported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
SERVICES_DIR = REPO / "services"
ASYNCAPI_DIR = DOCS / "asyncapi"
SCHEMAS_DIR = DOCS / "schemas"
SYSTEM_DOCUMENT = ASYNCAPI_DIR / "system.asyncapi.json"
CATALOG_DIR = REPO / "shared" / "asn_shared" / "catalog"
CATALOG_SCHEMAS_DIR = CATALOG_DIR / "schemas"
CATALOG_DOCUMENT = CATALOG_DIR / "asyncapi.json"
SCHEMA_DIR_FROM_DOCUMENTS = "../schemas/"
GENERATOR = "python docs/generate_asyncapi.py"


def document_path(service: str) -> Path:
    return ASYNCAPI_DIR / f"{service}.asyncapi.json"


def load_consumers() -> dict[str, Any]:
    """Each event service's ConsumerSpec by service name, as the broker definitions generator
    loads them (its import errors name what is missing)."""
    from asn_deploy.rabbitmq.definitions import load_consumers as consumer_specs

    return {spec.name: spec for spec in consumer_specs()}


def readme_summary(service: str) -> str:
    """The first paragraph of the service's README after its title, on one line."""
    readme = SERVICES_DIR / service / "README.md"
    if readme.exists():
        paragraph: list[str] = []
        for line in readme.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                if paragraph:
                    break
                continue
            if not line.strip():
                if paragraph:
                    break
                continue
            paragraph.append(line.strip())
        if paragraph:
            return " ".join(paragraph)
    return f"The {service} service of the ASN performance system."


def generated_files(consumers: dict[str, Any]) -> dict[Path, str]:
    """Every file this script owns, with the content it must have."""
    from asn_shared.asyncapi.catalog_view import catalog_document
    from asn_shared.asyncapi.documents import service_document, system_document
    from asn_shared.catalog import all_events
    from asn_shared.catalog.export import event_schema, render

    models = all_events()
    publishers = {m.publisher for m in models} - {"agency"}
    orphans = sorted(publishers - set(consumers))
    if orphans:
        raise LookupError(f"events published by services without a consumer spec: {orphans}")
    files: dict[Path, str] = {}
    for model in models:
        schema = render(event_schema(model))
        files[CATALOG_SCHEMAS_DIR / f"{model.routing_key()}.json"] = schema
        files[SCHEMAS_DIR / f"{model.routing_key()}.json"] = schema
    files[CATALOG_DOCUMENT] = render(catalog_document(models, GENERATOR))
    for service, consumer in sorted(consumers.items()):
        document = service_document(
            service,
            readme_summary(service),
            consumer,
            models=models,
            generator=GENERATOR,
            schema_dir=SCHEMA_DIR_FROM_DOCUMENTS,
        )
        files[document_path(service)] = render(document)
    files[SYSTEM_DOCUMENT] = render(
        system_document(
            list(consumers.values()),
            models=models,
            generator=GENERATOR,
            schema_dir=SCHEMA_DIR_FROM_DOCUMENTS,
        )
    )
    return files


def strays(files: dict[Path, str]) -> list[Path]:
    """Files in the generated folders that nothing produces any more."""
    folders = (ASYNCAPI_DIR, SCHEMAS_DIR, CATALOG_SCHEMAS_DIR)
    found = {p for folder in folders for p in folder.glob("*.json")}
    return sorted(p for p in found if p not in files)


def differences(files: dict[Path, str]) -> list[str]:
    found = []
    for path, text in files.items():
        if not path.exists():
            found.append(f"missing: {_show(path)}")
        elif path.read_text(encoding="utf-8") != text:
            found.append(f"out of date: {_show(path)}")
    found += [f"not generated (remove it): {_show(p)}" for p in strays(files)]
    return found


def write(files: dict[Path, str]) -> list[str]:
    changes = differences(files)
    for path in strays(files):
        path.unlink()
    for path, text in files.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return changes


def _show(path: Path) -> str:
    return str(path.relative_to(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=GENERATOR, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list differences, write nothing")
    args = parser.parse_args(argv)
    from asn_shared.catalog import all_events
    from asn_shared.catalog.export import example_path

    for model in all_events():
        if not example_path(model).exists():
            print(f"warning: no golden example {_show(example_path(model))}", file=sys.stderr)
    try:
        files = generated_files(load_consumers())
    except (ImportError, LookupError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.check:
        found = differences(files)
        for line in found:
            print(line)
        if found:
            print(
                f"the contract's generated files are out of date: run `{GENERATOR}`",
                file=sys.stderr,
            )
        return 1 if found else 0
    for line in write(files) or ["the catalog's schemas and the AsyncAPI documents are up to date"]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
