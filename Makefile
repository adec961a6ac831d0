# ASN performance system: developer entry points. Everything runs from the root virtualenv .venv.
#
#   make venv         create .venv and install shared/, the four services, the audit service,
#                     the deploy tooling deploy/ (asn_deploy; all editable) and dev tools
#   make run          start RabbitMQ if needed (no Docker) and run the four services and the audit
#                     service locally (asn-run-local)
#   make lint         the gates: ruff, ruff format, mypy, hadolint, Kubernetes and compose schemas
#                     (`make lint-ruff`, `lint-mypy`, ... run one step; pre-commit runs the same)
#   make test         start RabbitMQ + PostgreSQL if needed, install the test OpenID Connect
#                     provider's npm packages if needed (`make oidc-provider`), then run the
#                     whole test suite
#   make test-midnight  the date-sensitive tests (marker `clock`) again, with the clock just before
#                     and just after midnight in Asia/Jakarta (tests/clock.py; CI runs it too)
#   make bench        one table: the broker's ceilings, each hop's rate, latency at half of it,
#                     relay lag, end to end, RSS (DB=postgres for PostgreSQL, N=events)
#   make bench-pipeline  the pipeline benchmark (50 ASN, every kuadran cell, a burst of 500)
#   make bench-memory the assessment service's RSS over 100,000 assessments (DB=postgres, N=events)
#   make bench-replay audit stream replay benchmark (asn-audit replay over 100k events)
#   make bench-hop    what one event costs the assessment hop in-process (SQLite, PostgreSQL)
#   make catalog      write the event catalog's JSON Schemas and AsyncAPI documents (catalog/,
#                     docs/asyncapi/, docs/schemas/); `make catalog CHECK=1` only checks them
#   make definitions  regenerate deploy/rabbitmq/definitions.json (asn-definitions)
#   make clean        remove var/ (local SQLite databases, logs)
#
# PYTEST_ARGS is passed to pytest, e.g. `make test PYTEST_ARGS="-m 'not e2e' -x"`.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

# The event services: each has a queue, a database and a `<svc>-service migrate|rebuild`.
SERVICES := assessment feedback sanctions notifications
# Deployables beside them without a queue of the catalog or a database: the audit writer and the
# auditors' `asn-audit` (services/audit/).
APPS := audit
PACKAGES := $(SERVICES) $(APPS)
# The deploy tooling (deploy/asn_deploy): the local system, the demo, definitions, onboarding.
DEPLOY := deploy
# The stamp is rebuilt whenever a package's metadata or the dev requirements change, so a re-run of
# `make venv` with nothing changed is instant. (wildcard: a service without its pyproject.toml yet
# still fails loudly in the pip install below.)
INSTALL_INPUTS := shared/pyproject.toml $(wildcard $(PACKAGES:%=services/%/pyproject.toml)) \
	$(DEPLOY)/pyproject.toml requirements-dev.txt

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: venv run lint test oidc-provider test-midnight bench bench-pipeline bench-memory bench-replay bench-hop catalog definitions clean

venv: $(STAMP)

$(VPY):
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "python3 -m venv failed: on Debian install python3-venv (apt-get install python3-venv)" >&2; exit 1; }

$(STAMP): $(VPY) $(INSTALL_INPUTS)
	$(VPY) -m pip install --upgrade pip
	$(VPY) -m pip install -e shared $(PACKAGES:%=-e services/%) -e $(DEPLOY) -r requirements-dev.txt
	touch $@

run: venv
	bash deploy/local-servers.sh --rabbitmq-only
	$(VENV)/bin/asn-run-local

# The gates (docs/architecture.md 7), each failing on any finding. `make lint` runs every step
# (-k) and fails if one did, so one run shows all findings; pre-commit calls the steps one by one.
MYPY_PACKAGES := asn_shared $(PACKAGES:%=asn_%) asn_deploy
DOCKERFILES := deploy/Dockerfile
LINT_STEPS := lint-ruff lint-format lint-mypy lint-dockerfile lint-k8s lint-compose
.PHONY: $(LINT_STEPS)

lint: venv
	@$(MAKE) --no-print-directory -k $(LINT_STEPS)

lint-ruff: venv
	$(VENV)/bin/ruff check .

lint-format: venv
	$(VENV)/bin/ruff format --check .

# mypy.ini: strict on asn_shared and every domain/, error-free elsewhere. The image's entry point
# is a lone script (it runs in the container before any package), checked on its own: mypy takes
# packages or files, not both.
lint-mypy: venv
	$(VPY) -m mypy $(MYPY_PACKAGES:%=-p %)
	$(VPY) -m mypy --no-warn-unused-configs deploy/image_entrypoint.py

lint-dockerfile: venv
	$(VENV)/bin/hadolint $(DOCKERFILES)

lint-k8s: venv
	$(VENV)/bin/kubernetes-validate --strict --quiet deploy/k8s/*.yaml

# The compose specification's schema ships with check-jsonschema: no network needed.
lint-compose: venv
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec deploy/compose.yaml

# deploy/local-servers.sh is a no-op (well under a second) when both servers are already up, and
# so is the provider's install once done. A failed install does not stop the other tests: the one
# test that needs it fails, saying why.
test: venv
	bash deploy/local-servers.sh
	@bash tests/e2e/oidc/install.sh || echo "make test: carrying on; test_real_identity_provider will fail" >&2
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The test OpenID Connect provider (oidc-provider on Node.js >= 18.12) of
# tests/e2e/test_real_identity_provider.py: `npm ci` in tests/e2e/oidc, once; nothing (and no
# network) while package-lock.json is unchanged. Bounded in time (NPM_CI_TIMEOUT, 180 s).
oidc-provider:
	bash tests/e2e/oidc/install.sh

# Midnight in Asia/Jakarta is 17:00 UTC: today's, ten seconds either side. The clock fixture
# ticks from there, and no marked test takes ten seconds.
MIDNIGHT_DAY := $(shell date -u +%F)
test-midnight: venv
	bash deploy/local-servers.sh
	$(VENV)/bin/pytest -m clock --clock=$(MIDNIGHT_DAY)T16:59:50Z $(PYTEST_ARGS)
	$(VENV)/bin/pytest -m clock --clock=$(MIDNIGHT_DAY)T17:00:10Z $(PYTEST_ARGS)

bench: venv
	bash deploy/local-servers.sh
	$(VPY) bench/hops_benchmark.py $(if $(DB),--db $(DB)) $(if $(N),--events $(N))

bench-pipeline: venv
	$(VPY) bench/pipeline_benchmark.py

bench-memory: venv
	bash deploy/local-servers.sh
	$(VPY) bench/memory_benchmark.py $(if $(DB),--db $(DB)) $(if $(N),--events $(N))

bench-hop: venv
	bash deploy/local-servers.sh
	$(VPY) bench/hop_benchmark.py

bench-replay: venv
	bash deploy/local-servers.sh --rabbitmq-only
	$(VPY) bench/audit_replay_benchmark.py

catalog: venv
	$(VPY) docs/generate_asyncapi.py $(if $(CHECK),--check)

definitions: venv
	$(VENV)/bin/asn-definitions

clean:
	rm -rf var/
