"""Generate the agency-facing AsyncAPI documents and schema copies under docs/.

    .venv/bin/python docs/generate_asyncapi.py           # (re)write docs/asyncapi/, docs/schemas/
    .venv/bin/python docs/generate_asyncapi.py --check   # exit 1 listing what is stale
    make catalog                                         # this and the catalog export
    make catalog CHECK=1                                 # both, --check

Writes `asyncapi/<service>.asyncapi.json` for each service under services/, the system-wide
`asyncapi/system.asyncapi.json`, and `schemas/<routing key>.json`, a copy of each event's JSON
Schema (the same text as shared/asn_shared/catalog/schemas/). The documents embed every schema
they use, so docs/ alone is what an agency needs (with integrating.md and agency-contract-v1.md).

The documents are built by `asn_shared.catalog.asyncapi`. What each service consumes comes from
its `asn_<svc>.subscriptions.CONSUMER`, imported here, outside shared/, so that shared code still
imports no service. Files this script does not produce in docs/asyncapi/ and docs/schemas/ (a
removed event or service) are reported by --check and deleted by a write.

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
SCHEMA_DIR_FROM_DOCUMENTS = "../schemas/"
GENERATOR = "python docs/generate_asyncapi.py"

if str(REPO / "deploy" / "rabbitmq") not in sys.path:
    sys.path.insert(0, str(REPO / "deploy" / "rabbitmq"))
import generate_definitions  # noqa: E402


def document_path(service: str) -> Path:
    return ASYNCAPI_DIR / f"{service}.asyncapi.json"


def load_consumers() -> dict[str, Any]:
    """Each service's ConsumerSpec by service name, as the definitions generator loads them
    (its import errors name what is missing)."""
    return {spec.name: spec for spec in generate_definitions.load_consumers()}


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
    from asn_shared.catalog import all_events
    from asn_shared.catalog.asyncapi import service_document, system_document
    from asn_shared.catalog.export import event_schema, render

    models = all_events()
    publishers = {m.publisher for m in models} - {"agency"}
    orphans = sorted(publishers - set(consumers))
    if orphans:
        raise LookupError(f"events published by services without a consumer spec: {orphans}")
    files = {SCHEMAS_DIR / f"{m.routing_key()}.json": render(event_schema(m)) for m in models}
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
    found = list(ASYNCAPI_DIR.glob("*.json")) + list(SCHEMAS_DIR.glob("*.json"))
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
                f"the AsyncAPI documents in docs/ are out of date: run `{GENERATOR}`",
                file=sys.stderr,
            )
        return 1 if found else 0
    for line in write(files) or ["docs/asyncapi/ and docs/schemas/ already up to date"]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
