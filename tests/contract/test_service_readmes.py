"""Every setting a service reads is documented in its README (the ops teams' only manual)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SERVICES = ("assessment", "feedback", "sanctions", "notifications")
NOT_FOR_OPERATORS = {"service_name"}  # fixed per service; the variable exists but is not a knob


def environment_names(settings_class: type) -> dict[str, list[str]]:
    prefix = settings_class.model_config.get("env_prefix", "")
    names = {}
    for field, info in settings_class.model_fields.items():
        alias = info.validation_alias
        if alias is None:
            names[field] = [f"{prefix}{field}".upper()]
        elif isinstance(alias, str):
            names[field] = [alias.upper()]
        else:
            names[field] = [str(choice).upper() for choice in alias.choices]
    return names


@pytest.mark.parametrize("service", SERVICES)
def test_readme_documents_every_setting(service: str) -> None:
    settings = type(importlib.import_module(f"asn_{service}.main").build().settings)
    readme = (REPO / "services" / service / "README.md").read_text(encoding="utf-8")
    undocumented = [
        names[0]
        for field, names in environment_names(settings).items()
        if field not in NOT_FOR_OPERATORS and not any(name in readme for name in names)
    ]
    assert undocumented == [], f"services/{service}/README.md does not mention {undocumented}"
