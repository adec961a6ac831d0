#!/usr/local/bin/python
"""Entry point of the image built by deploy/Dockerfile (installed as /usr/local/bin/asn-entrypoint).

The image is built for one service (ASN_SERVICE, from the build argument SERVICE). This runs that
service's console script with the container's arguments, after two defaults a container needs and
a developer's machine must not have: listen on every interface (the services default to
127.0.0.1), on the service's own port. Either is kept when the environment sets it.

    asn-entrypoint                -> exec <service>-service run
    asn-entrypoint migrate        -> exec <service>-service migrate
    asn-entrypoint healthcheck    -> exit 0 when GET /health/live answers 2xx (the HEALTHCHECK)

Standard library only: it runs before anything else, in the image's own Python.
"""

from __future__ import annotations

import os
import sys
import urllib.request

# The services' own defaults (their settings.py), which deploy/k8s and deploy/compose.yaml use.
PORTS = {
    "assessment": 8101,
    "feedback": 8102,
    "sanctions": 8103,
    "notifications": 8104,
    "audit": 8105,
}


def main(argv: list[str]) -> int:
    service = os.environ.get("ASN_SERVICE", "")
    if service not in PORTS:
        print(
            f"asn-entrypoint: ASN_SERVICE is {service!r}, not one of {', '.join(PORTS)}: "
            "build the image with --build-arg SERVICE=<service>",
            file=sys.stderr,
        )
        return 2
    prefix = service.upper()
    os.environ.setdefault(f"{prefix}_HTTP_HOST", "0.0.0.0")
    port = os.environ.setdefault(f"{prefix}_HTTP_PORT", str(PORTS[service]))
    if argv == ["healthcheck"]:
        return healthcheck(port)
    script = f"{service}-service"
    # exec: the service becomes the container's process 1 and receives its SIGTERM directly.
    os.execvp(script, [script, *(argv or ["run"])])


def healthcheck(port: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2):
            return 0
    except OSError as exc:  # URLError and HTTPError (4xx/5xx) are OSErrors
        print(f"asn-entrypoint: /health/live on port {port}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
