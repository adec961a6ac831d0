#!/usr/bin/env bash
# Install the test OpenID Connect provider's packages (package-lock.json, `npm ci`) into
# tests/e2e/oidc/node_modules, for tests/e2e/test_real_identity_provider.py.
#
# Idempotent and offline once done: node_modules/.asn-lock-sha256 records the package-lock.json it
# was installed from, and while it matches nothing is fetched. Otherwise `npm ci` runs with a
# bounded time (NPM_CI_TIMEOUT seconds, default 180) so a slow or unreachable registry fails
# clearly instead of hanging. Needs Node.js >= 18.12 and npm (Debian: apt-get install nodejs npm;
# .ci/run installs them when missing). Called by `make oidc-provider`, which `make test` runs, and
# by .ci/run. Exit 0: installed; 1: could not (the reason on stderr).

set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$here/node_modules/.asn-lock-sha256"
wanted="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    echo "tests/e2e/oidc: node_modules up to date (package-lock.json $wanted)"
    exit 0
fi

fail() {
    echo "tests/e2e/oidc: $*" >&2
    echo "tests/e2e/oidc: tests/e2e/test_real_identity_provider.py will fail until this is fixed" >&2
    exit 1
}

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
    fail "node and npm are needed (Node.js >= 18.12; Debian: apt-get install nodejs npm)"
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
         process.exit(a > 18 || (a === 18 && b >= 12) ? 0 : 1)' ||
    fail "Node.js $(node --version) is too old: oidc-provider 8 needs >= 18.12"

limit="${NPM_CI_TIMEOUT:-180}"
echo "tests/e2e/oidc: npm ci (node $(node --version), npm $(npm --version), at most ${limit}s)"
cd "$here"
# --prefer-offline: tarballs already in npm's cache are not fetched again. --ignore-scripts: no
# package of the lock needs an install script. Retries bounded, each fetch bounded.
if ! timeout --kill-after=10 "$limit" npm ci --prefer-offline --ignore-scripts --no-audit \
    --no-fund --fetch-timeout=30000 --fetch-retries=2; then
    rm -f "$stamp"
    fail "npm ci failed or took more than ${limit}s (is the npm registry reachable?)"
fi
echo "$wanted" >"$stamp"
echo "tests/e2e/oidc: installed"
