# ASN performance system: developer entry points. Everything runs from the root virtualenv .venv.
#
#   make venv         create .venv and install shared/, the four services, the audit service
#                     (editable) and dev tools
#   make run          start RabbitMQ if needed (no Docker) and run the four services and the audit
#                     service locally
#   make test         start RabbitMQ + PostgreSQL if needed, then run the whole test suite
#   make bench        pipeline benchmark
#   make bench-replay audit stream replay benchmark (asn-audit replay over 100k events)
#   make catalog      write the event catalog's JSON Schemas and AsyncAPI documents (catalog/,
#                     docs/asyncapi/, docs/schemas/); `make catalog CHECK=1` only checks them
#   make definitions  regenerate deploy/rabbitmq/definitions.json
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
# The stamp is rebuilt whenever a package's metadata or the dev requirements change, so a re-run of
# `make venv` with nothing changed is instant. (wildcard: a service without its pyproject.toml yet
# still fails loudly in the pip install below.)
INSTALL_INPUTS := shared/pyproject.toml $(wildcard $(PACKAGES:%=services/%/pyproject.toml)) \
	requirements-dev.txt

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: venv run test bench bench-replay catalog definitions clean

venv: $(STAMP)

$(VPY):
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "python3 -m venv failed: on Debian install python3-venv (apt-get install python3-venv)" >&2; exit 1; }

$(STAMP): $(VPY) $(INSTALL_INPUTS)
	$(VPY) -m pip install --upgrade pip
	$(VPY) -m pip install -e shared $(PACKAGES:%=-e services/%) -r requirements-dev.txt
	touch $@

run: venv
	bash deploy/local-servers.sh --rabbitmq-only
	$(VPY) deploy/local/run_system.py

# deploy/local-servers.sh is a no-op (well under a second) when both servers are already up.
test: venv
	bash deploy/local-servers.sh
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: venv
	$(VPY) bench/pipeline_benchmark.py

bench-replay: venv
	bash deploy/local-servers.sh --rabbitmq-only
	$(VPY) bench/audit_replay_benchmark.py

catalog: venv
	$(VPY) docs/generate_asyncapi.py $(if $(CHECK),--check)

definitions: venv
	$(VPY) deploy/rabbitmq/generate_definitions.py

clean:
	rm -rf var/
