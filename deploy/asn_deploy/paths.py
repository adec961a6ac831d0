"""Where the checkout's files are: the committed data files beside the tooling, and var/.

asn_deploy is only ever installed editable from a checkout (`make venv`: `pip install -e deploy`),
so the repository root is found from this file's own path. A wheel of it would point at
site-packages and find none of these files: that is not a supported install.
"""

from __future__ import annotations

from pathlib import Path

# deploy/asn_deploy/paths.py -> deploy/asn_deploy -> deploy -> the repository root
REPO = Path(__file__).resolve().parents[2]
DEPLOY_DIR = REPO / "deploy"
RABBITMQ_DIR = DEPLOY_DIR / "rabbitmq"
AGENCIES_FILE = RABBITMQ_DIR / "agencies.json"
DEFINITIONS_FILE = RABBITMQ_DIR / "definitions.json"
# `make run`'s SQLite files, logs and mails (git-ignored, `make clean` removes them).
VAR_DIR = REPO / "var"
