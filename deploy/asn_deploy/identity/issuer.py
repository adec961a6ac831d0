"""`asn-dev-issuer`: the development OpenID provider's public side, for `make run` and the tests.

Serves `/.well-known/openid-configuration` and `/jwks.json` (every published key, read at each
request, so a rotation shows at once). Tokens are signed offline from the same folder
(`asn-dev-token`, asn_deploy.identity.files), so there is no login and no token endpoint.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from .files import DEFAULT_DIR, IssuerFiles
from .keys import jwks

DEFAULT_PORT = 8090


def issuer_app(files: IssuerFiles, issuer: str) -> FastAPI:
    app = FastAPI(title="ASN development issuer", openapi_url=None)

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict[str, Any]:
        return {
            "issuer": issuer,
            "jwks_uri": f"{issuer}/jwks.json",
            "response_types_supported": ["token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    @app.get("/jwks.json")
    async def keys() -> dict[str, Any]:
        return jwks(files.published())

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="asn-dev-issuer", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="keys and issuer.json")
    args = parser.parse_args(argv)
    files = IssuerFiles(args.dir)
    files.ensure_key()
    issuer = f"http://{args.host}:{args.port}"
    files.write_issuer(issuer)
    uvicorn.run(issuer_app(files, issuer), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
