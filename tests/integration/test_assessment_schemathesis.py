"""Schemathesis against the assessment service's OpenAPI document, as production serves it.

What it covers: every operation of `service_api("assessment", ROUTERS, settings)` (the app the
runtime serves: request guard, body limit, refusals without echo), driven in-process through
`schemathesis.openapi.from_asgi`, over a real migrated PostgreSQL database (the production
engine, and the stricter one: column lengths, NUL) holding a little world
(tests/unit/assessment_harness.py `rated_year`: a unit with its head, the leader one level up, an
evaluator and three staff; everyone rated for 2026 and the year closed, so annual documents
exist; an SKP drafted; an objection filed). `into_the_world` maps, at call time, most valid
generated path parameters and body NIPs onto that world (its people, the unit, the SKP, the
objection, 2026), so that requests reach the use cases and not only the 404s.

Every operation runs with every check schemathesis has (`call_and_validate`'s default set, none
excluded: not_a_server_error, status_code_conformance, content_type_conformance,
response_schema_conformance, response_headers_conformance, negative_data_rejection,
positive_data_acceptance, ignored_auth, unsupported_method, allow_header_conformance,
missing_required_header, use_after_free, ensure_resource_availability, and
object_level_authorization, which has nothing to compare with one token per case), twice:
- with a valid token of the actor the operation's rule expects (`ACTOR`: the ASN for their own
  SKP and objection, the evaluator for approvals, feedback and signatures, the unit's head for
  reads, closes and objection decisions, the leader one level up for the organisation predicate,
  the assessor the role names for an assessment), so that valid requests get past the
  permission rules and into the use cases;
- without a token (every operation of the service needs one).

One adjustment, per operation, each with its reason in `RULES_BEYOND_THE_SCHEMA`: where the
service refuses a schema-valid request with 422 by a rule JSON Schema cannot state (ids unique
within an SKP, a date not in the future, a period of the instance's frequency...),
positive_data_acceptance accepts 422 too. Generated strings carry no NUL (`allow-x00`): the guard
refuses NUL anywhere with the 400 every operation declares.

The bound: schemathesis phases examples, coverage and fuzzing (stateful off), at most 20
generated examples per operation and run, derandomized (seed 15), no shrinking, no Hypothesis
database: about 30 s on 2 cores (45 s on a busy machine).
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from asn_assessment.api import ROUTERS
from asn_assessment.settings import AssessmentSettings
from asn_shared.persistence.engine import session_factory
from asn_shared.runtime.http import service_api
from tests.clock import TestClock
from tests.conftest import POSTGRES_BASE, _postgres_admin
from tests.identity import bearer
from tests.support import FakeRuntime
from tests.unit.assessment_harness import (
    ASN,
    EVALUATOR,
    HEAD,
    LEADER,
    PEER,
    STAFF,
    UNIT,
    assessment_harness,
    rated_year,
)

# Where a schema-valid request meets a rule of the service that JSON Schema cannot state: a 422
# there is the rule speaking (its body names the field), not a rejected valid request.
RULES_BEYOND_THE_SCHEMA = {
    ("POST", "/api/v1/plans"): "RHK and IKI ids unique, one RHK utama, aspek or perspektif",
    ("PUT", "/api/v1/plans/{plan_id}"): "RHK and IKI ids unique, one RHK utama, aspek/perspektif",
    ("POST", "/api/v1/assessments"): "a SUPERVISOR assessment gives both ratings",
    ("POST", "/api/v1/employees/{nip}/feedback"): "rhk_id names an RHK that exists",
    ("POST", "/api/v1/units/{unit_id}/periods/{period}/close"): "only annual periods and the "
    "instance's frequency close",
    ("POST", "/api/v1/objections"): "filed_on within the deadline, not future, not before rating",
    ("POST", "/api/v1/objections/{objection_id}/decision"): "MENGUBAH gives both ratings, changed",
    ("POST", "/api/v1/employees/{nip}/periods/{period}/document/signatures"): "on: not future",
    ("POST", "/api/v1/employees/{nip}/periods/{period}/document/delivery"): "on: not future",
    ("GET", "/api/v1/units/{unit_id}/periods/{period}/documents"): "annual periods only",
}
POSITIVE_DATA_ACCEPTANCE = ["2xx", "3xx", "401", "403", "404", "409", "429"]
GENERATION = {
    "max-examples": 20,
    "no-shrink": True,
    "deterministic": True,
    "with-security-parameters": False,
    # The guard refuses NUL in any string with 400 (PostgreSQL cannot store it), as the 400 every
    # operation declares says; JSON Schema cannot: valid data carries no NUL.
    "allow-x00": False,
}
CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 15,
        "generation": GENERATION,
        "phases": {"stateful": {"enabled": False}},
        "checks": {"positive_data_acceptance": {"expected-statuses": POSITIVE_DATA_ACCEPTANCE}},
        "operations": [
            {
                "include-method": method,
                "include-path": path,
                "generation": GENERATION,  # an operation's own section replaces the global one
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": [*POSITIVE_DATA_ACCEPTANCE, "422"]
                    }
                },
            }
            for method, path in RULES_BEYOND_THE_SCHEMA
        ],
    }
)
SETTINGS = AssessmentSettings(distribution_check="WARN")
APP = service_api("assessment", ROUTERS, SETTINGS)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)
WORLD: dict[str, str] = {}

NIP = re.compile(r"^[0-9]{18}$")
PEOPLE = [ASN, PEER, STAFF[2], EVALUATOR, HEAD]
SUPERIOR = {HEAD: LEADER, EVALUATOR: HEAD, **{nip: EVALUATOR for nip in STAFF}}
SUBORDINATE = {LEADER: HEAD, HEAD: EVALUATOR, EVALUATOR: ASN}


def _world_value(name: str, generated: Any) -> Any:
    """Most valid values become the world's (so the use case is reached); some stay as they
    were generated (unknown people, plans, periods). Invalid values are never touched: they
    are what negative_data_rejection is about."""
    if not isinstance(generated, str):
        return generated
    pick = sum(map(ord, generated))
    if name == "nip" and NIP.match(generated):
        return (PEOPLE + [generated])[pick % (len(PEOPLE) + 1)]
    if name in ("plan_id", "objection_id") and 0 < len(generated) <= 64 and pick % 4:
        return WORLD[name]
    if name == "unit_id" and 0 < len(generated) <= 100 and pick % 4:
        return UNIT
    if name == "period" and pick % 3 == 0:
        return "2026"
    return generated


def into_the_world(case: Any) -> Any:
    """At call time, when the world exists (schemathesis checks the edited case again)."""
    if case.path_parameters:
        case.path_parameters.update(
            {name: _world_value(name, value) for name, value in case.path_parameters.items()}
        )
    if isinstance(case.body, dict) and "nip" in case.body:
        case.body["nip"] = _world_value("nip", case.body["nip"])
    return case


def _named(case: Any) -> str:
    """The ASN a request is about: its path's or its body's `nip`."""
    body = case.body if isinstance(case.body, dict) else {}
    nip = (case.path_parameters or {}).get("nip") or body.get("nip")
    return nip if isinstance(nip, str) else ASN


def _assessor(case: Any) -> str:
    body = case.body if isinstance(case.body, dict) else {}
    nip, role = _named(case), body.get("assessor_role")
    if role == "SELF":
        return nip
    if role == "PEER":
        return PEER if nip != PEER else ASN
    if role == "SUBORDINATE":
        return SUBORDINATE.get(nip, ASN)
    return SUPERIOR.get(nip, EVALUATOR)


PLAN = "/api/v1/plans/{plan_id}"
DOCUMENT = "/api/v1/employees/{nip}/periods/{period}/document"
# Who the operation's rule lets act (domain/permissions.py, README "Who may call each route");
# the unit's head for the rest (reads of the whole unit, closes, objection decisions).
ACTOR: dict[tuple[str, str], Callable[[Any], str]] = {
    ("POST", "/api/v1/plans"): _named,
    ("GET", PLAN): lambda case: ASN,
    ("PUT", PLAN): lambda case: ASN,
    ("POST", f"{PLAN}/submit"): lambda case: ASN,
    ("POST", f"{PLAN}/revisions"): lambda case: ASN,
    ("POST", f"{PLAN}/approve"): lambda case: EVALUATOR,
    ("POST", f"{PLAN}/return"): lambda case: EVALUATOR,
    ("POST", "/api/v1/assessments"): _assessor,
    ("POST", "/api/v1/employees/{nip}/feedback"): lambda case: SUPERIOR.get(_named(case), HEAD),
    ("PUT", "/api/v1/units/{unit_id}/periods/{period}/organization-rating"): lambda case: LEADER,
    ("POST", "/api/v1/objections"): _named,
    ("POST", f"{DOCUMENT}/signatures"): lambda case: EVALUATOR,
    ("POST", f"{DOCUMENT}/delivery"): lambda case: EVALUATOR,
}


def token_for(case: Any) -> dict[str, str]:
    actor = ACTOR.get((case.operation.method.upper(), case.operation.path), lambda case: HEAD)
    return bearer(actor(case))


@pytest.fixture(scope="module")
def world() -> Iterator[dict[str, str]]:
    """The little world on a fresh PostgreSQL database, built through the API as in the other
    tests, then served to schemathesis by the app above (its runtime set here)."""
    name = f"asn_test_{uuid.uuid4().hex[:10]}"
    _postgres_admin(f'CREATE DATABASE "{name}"')
    url = POSTGRES_BASE.rsplit("/", 1)[0] + "/" + name
    clock = TestClock()

    async def populate() -> dict[str, str]:
        async with assessment_harness(url, clock, distribution_check="WARN") as h:
            return await rated_year(h)

    WORLD.update(asyncio.run(populate()))
    # No pool: schemathesis runs the app on an event loop of its own, and a pooled asyncpg
    # connection belongs to the loop that opened it.
    engine = create_async_engine(url, poolclass=NullPool, hide_parameters=True)
    APP.state.runtime = FakeRuntime(session_factory(engine), SETTINGS, clock)
    yield WORLD
    del APP.state.runtime
    _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BOUND = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.parametrize()
@BOUND
def test_every_operation_with_the_token_of_the_actor_its_rule_expects(case, world):
    case = into_the_world(case)
    case.call_and_validate(headers=token_for(case))


@schema.parametrize()
@BOUND
def test_every_operation_without_a_token(case, world):
    into_the_world(case).call_and_validate()
