"""The one image recipe, compose and the manifests agree on every deployable and its port.

hadolint, the compose-spec schema and kubernetes-validate (`make lint`) check each file's syntax;
this checks what they cannot: that deploy/Dockerfile, its entry point, deploy/compose.yaml,
deploy/k8s/<svc>.yaml, the local system and each service's own settings name the same five
deployables with the same HTTP port, and that only services with a database migrate.
"""

from __future__ import annotations

import ast
import importlib
import re
from typing import Any

import pytest
import yaml

from asn_deploy.local.system import DEFAULT_HTTP_PORTS, SERVICES, WITHOUT_DATABASE
from asn_deploy.paths import DEPLOY_DIR, REPO

DEPLOYABLES = sorted(p.parent.name for p in (REPO / "services").glob("*/pyproject.toml"))
DOCKERFILE = DEPLOY_DIR / "Dockerfile"


def entrypoint_ports() -> dict[str, int]:
    """PORTS of deploy/image_entrypoint.py, read (not imported: it is a script for the image)."""
    tree = ast.parse((DEPLOY_DIR / "image_entrypoint.py").read_text())
    for node in tree.body:
        targets = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        if isinstance(node, ast.Assign) and targets == ["PORTS"]:
            return ast.literal_eval(node.value)
    raise AssertionError("deploy/image_entrypoint.py has no PORTS")


def settings_port(service: str) -> int:
    module = importlib.import_module(f"asn_{service}.settings")
    [settings] = [
        value
        for name, value in vars(module).items()
        if name.lower() == f"{service}settings" and isinstance(value, type)
    ]
    return int(settings.model_fields["http_port"].default)


def manifest(service: str) -> dict[str, dict[str, Any]]:
    documents = yaml.safe_load_all((DEPLOY_DIR / "k8s" / f"{service}.yaml").read_text())
    return {d["kind"]: d for d in documents}


COMPOSE = yaml.safe_load((DEPLOY_DIR / "compose.yaml").read_text())["services"]


def test_every_deployable_is_known_to_the_image_the_entry_point_and_the_local_system() -> None:
    assert DEPLOYABLES == sorted(SERVICES) == sorted(entrypoint_ports())
    case = re.search(r"^\s+([a-z|]+)\) ;; \\$", DOCKERFILE.read_text(), re.MULTILINE)
    assert case is not None, "deploy/Dockerfile checks SERVICE with a case statement"
    assert sorted(case.group(1).split("|")) == DEPLOYABLES


@pytest.mark.parametrize("service", DEPLOYABLES)
def test_one_port_per_deployable_everywhere(service: str) -> None:
    port = settings_port(service)
    assert entrypoint_ports()[service] == port
    assert DEFAULT_HTTP_PORTS[service] == port
    k8s = manifest(service)
    [container] = k8s["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert [p["containerPort"] for p in container["ports"]] == [port]
    assert k8s["ConfigMap"]["data"][f"{service.upper()}_HTTP_PORT"] == str(port)
    assert [p["port"] for p in k8s["Service"]["spec"]["ports"]] == [port]
    assert COMPOSE[service]["ports"] == [f"{port}:{port}"]


@pytest.mark.parametrize("service", DEPLOYABLES)
def test_compose_and_k8s_run_the_image_of_the_service(service: str) -> None:
    build = COMPOSE[service]["build"]
    assert (build["context"], build["dockerfile"]) == ("..", "deploy/Dockerfile")
    assert build["args"] == {"SERVICE": service}
    assert COMPOSE[service]["image"] == f"asn-{service}:dev"
    pod = manifest(service)["Deployment"]["spec"]["template"]["spec"]
    assert [c["image"] for c in pod["containers"]] == [f"asn-kinerja/asn-{service}:0.1.0"]
    assert [c["args"] for c in pod["containers"]] == [["run"]]
    probes = pod["containers"][0]
    assert probes["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert probes["readinessProbe"]["httpGet"]["path"] == "/health/ready"


@pytest.mark.parametrize("service", DEPLOYABLES)
def test_only_services_with_a_database_migrate(service: str) -> None:
    pod = manifest(service)["Deployment"]["spec"]["template"]["spec"]
    migrates = [c["args"] for c in pod.get("initContainers", [])] == [["migrate"]]
    in_compose = COMPOSE.get(f"{service}-migrate", {}).get("command") == ["migrate"]
    has_database = service not in WITHOUT_DATABASE
    assert (migrates, in_compose) == (has_database, has_database)


@pytest.mark.parametrize("service", ["feedback", "notifications", "audit"])
def test_the_services_that_seal_complainants_contact_share_one_key(service: str) -> None:
    variable = "NOTIFICATIONS_CONTACT_KEY" if service == "notifications" else "FEEDBACK_CONTACT_KEY"
    [container] = manifest(service)["Deployment"]["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e.get("valueFrom", {}) for e in container["env"]}
    assert env[variable]["secretKeyRef"] == {
        "name": "asn-complainant-contact",
        "key": "contact-key",
    }
    key = COMPOSE["feedback"]["environment"]["FEEDBACK_CONTACT_KEY"]
    assert COMPOSE[service]["environment"][variable] == key


# The deployables with an HTTP API behind the agency's single sign-on (docs/identity.md); the
# audit writer serves health and metrics only.
WITH_ROUTES = [s for s in DEPLOYABLES if s != "audit"]
AUTH_SETTINGS = (
    "ASN_AUTH_ISSUER",
    "ASN_AUTH_AUDIENCE",
    "ASN_AUTH_NIP_CLAIM",
    "ASN_AUTH_ROLES_CLAIM",
)


@pytest.mark.parametrize("service", WITH_ROUTES)
def test_compose_and_k8s_connect_the_single_sign_on(service: str) -> None:
    """Without ASN_AUTH_ISSUER `<svc>-service run` exits 2; production's must be https."""
    config = manifest(service)["ConfigMap"]["data"]
    assert set(AUTH_SETTINGS) <= config.keys()
    assert config["ASN_AUTH_ISSUER"].startswith("https://")
    assert "ASN_LOCAL_DEVELOPMENT" not in config
    environment = COMPOSE[service]["environment"]
    assert set(AUTH_SETTINGS) <= environment.keys()
    assert "https://" in environment["ASN_AUTH_ISSUER"]
    assert "ASN_LOCAL_DEVELOPMENT" not in environment


def test_the_audit_writer_reads_no_identity_settings() -> None:
    assert not any(k.startswith("ASN_AUTH_") for k in manifest("audit")["ConfigMap"]["data"])
    assert not any(k.startswith("ASN_AUTH_") for k in COMPOSE["audit"]["environment"])
