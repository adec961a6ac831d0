"""The catalog's committed files: one JSON Schema per event and the hand-written golden examples.

The schemas are committed so agencies can read the contract without running our Python, and the
contract tests fail when they drift from the models. They are (re)written, with the AsyncAPI
documents, by `docs/generate_asyncapi.py` (`make catalog`; `make catalog CHECK=1` only checks).
The golden examples in examples/ are hand-written and never generated: an example generated from
the model would prove nothing about the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .base import EventData, all_events

CATALOG_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = CATALOG_DIR / "schemas"
EXAMPLE_DIR = CATALOG_DIR / "examples"
ASYNCAPI_FILE = CATALOG_DIR / "asyncapi.json"
REGENERATE = "make catalog"


def schema_path(model: type[EventData]) -> Path:
    return SCHEMA_DIR / f"{model.routing_key()}.json"


def example_path(model: type[EventData]) -> Path:
    return EXAMPLE_DIR / f"{model.routing_key()}.json"


def render(document: dict[str, Any]) -> str:
    """Sorted keys and a trailing newline, so a regeneration only ever shows real changes."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def event_schema(model: type[EventData]) -> dict[str, Any]:
    """The JSON Schema of the event's `data`, named by its routing key."""
    schema = model.model_json_schema()
    schema.update(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"urn:asn-kinerja:event:{model.routing_key()}",
            "title": model.event_type,
            "x-routing-key": model.routing_key(),
            "x-version": model.version,
            "x-publisher": model.publisher,
        }
    )
    return schema


def schema_files() -> dict[Path, str]:
    """Every schema file the catalog must hold, with its content."""
    return {schema_path(model): render(event_schema(model)) for model in all_events()}


def stale_schemas(files: dict[Path, str]) -> list[Path]:
    """Schema files no registered event produces (a renamed or removed event)."""
    return sorted(p for p in SCHEMA_DIR.glob("*.json") if p not in files)
