"""`asn-dev-token --nip NIP [--role ROLE ...]`: a bearer token the `make run` services accept.

    curl -H "Authorization: Bearer $(.venv/bin/asn-dev-token --nip 197501012000031002)" \
         http://127.0.0.1:8101/api/v1/employees/198703122010011004/ratings
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .files import DEFAULT_DIR, IssuerFiles
from .keys import AUDIENCE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="asn-dev-token", description=__doc__.splitlines()[0])
    parser.add_argument("--nip", required=True, help="the caller's 18-digit NIP")
    parser.add_argument(
        "--role", action="append", default=[], help="a role, e.g. unit-admin or auditor"
    )
    parser.add_argument("--minutes", type=int, default=60, help="lifetime (default 60)")
    parser.add_argument("--audience", default=AUDIENCE)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="the issuer's folder")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[0-9]{18}", args.nip):
        parser.error("--nip must be 18 digits")
    try:
        token = IssuerFiles(args.dir).token(
            args.nip, args.role, audience=args.audience, lifetime_seconds=args.minutes * 60
        )
    except FileNotFoundError as exc:
        print(f"asn-dev-token: {exc}", file=sys.stderr)
        return 2
    print(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
