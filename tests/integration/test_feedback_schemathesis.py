"""Schemathesis against the feedback API as production serves it, with every check.

What runs: the service's HTTP app (`service_api("feedback", ROUTERS, settings)`: the request
guard, the 422 without echo, the body limit, the routes) over a migrated database holding a
little world: a unit whose complaint desk and head is one official (ACTOR), six complaints from
SP4N-LAPOR! (PUBLIK, RAHASIA and ANONIM), complete SKM questionnaires and a measurement for
2026-Q2, an Open311 request, two Open311 services. Schemathesis reads the OpenAPI document
(`schemathesis.openapi.from_asgi`) and runs every operation through its engine, the one its CLI
runs (its pytest plugin's lazy schema fails under pytest 9), with all of its checks
(`checks.enabled`: not_a_server_error, status_code_conformance, content_type_conformance,
response_schema_conformance, response_headers_conformance, negative_data_rejection,
positive_data_acceptance, missing_required_header, unsupported_method, allow_header_conformance,
ignored_auth, use_after_free, ensure_resource_availability, object_level_authorization), plus
one of ours: every date-time a response carries has its offset (`times_keep_their_offset`).
Twice on each engine (SQLite and PostgreSQL): with the token of a well-placed caller (ACTOR, the
unit's desk and head, with the role unit-admin: allowed nearly everything) and without a token
(the public routes answer, the others say 401).

Aimed at the world (`aim`, schemathesis's `map_case` hook), for valid cases only (an invalid one
goes as generated, so that its refusal is judged): three in four path parameters are a real
complaint, unit, period, year or Open311 request, and a complainant's step half the time shows the
real receipt. Valid bodies are also kept inside what the schema cannot say: a service date not
after today, an Open311 service_code of FEEDBACK_OPEN311_SERVICES_FILE, an e-mail address
email-validator takes (it refuses special-use domains such as `.test`, which `format: email`
allows); and `PUT complaint-officials` names another unit's officials, so ACTOR stays the desk
and head of the unit the steps are taken in. No check is left out for any operation (EXCLUDED).

The bound: schemathesis phases examples, coverage and fuzzing (stateful off), at most 15
generated cases per operation and phase (`max-examples`), deterministic (the same cases every run,
no example database), no shrinking: 12 operations x 2 callers x 2 engines, about 3 100 requests,
35-50 s on 2 cores.
"""

from __future__ import annotations

import asyncio
import json
import re
import zlib
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.core.parameters import ParameterLocation
from schemathesis.engine import events, from_schema
from schemathesis.python.asgi import shutdown_lifespans

from asn_feedback.adapters.tables import complaints
from asn_feedback.api import ROUTERS
from asn_feedback.settings import FeedbackSettings
from asn_shared.catalog.vocabulary import Privacy
from asn_shared.identity.caller import Role
from asn_shared.persistence.engine import create_engine, session_factory
from asn_shared.runtime.http import service_api
from tests.clock import TestClock
from tests.identity import bearer
from tests.integration.test_feedback_handling import complaint
from tests.integration.test_feedback_open311 import services_file
from tests.integration.test_feedback_satisfaction import CONTACT_KEY, UNIT, feedback, survey
from tests.support import FakeRuntime

pytestmark = pytest.mark.integration

ACTOR = "198001012005011001"  # the unit's complaint desk and head; role unit-admin with a token
OFFICIALS = {
    "desk_nip": ACTOR,
    "desk_position": "Pengelola Pengaduan",
    "head_nip": ACTOR,
    "head_position": "Kepala Dinas Kependudukan",
}
SANDBOX_UNIT = "disdukcapil-uji"  # whose officials PUT complaint-officials names (module doc)
LAPOR = "SP4N-LAPOR!"
# The complaints of the world, by privacy: each step that ends one (archive, withdraw, ...) leaves
# the others to step on.
PRIVACIES = [Privacy.PUBLIK, Privacy.RAHASIA, Privacy.ANONIM] * 2
SKM_PERIOD = "2026-Q2"  # tests.integration.test_feedback_satisfaction.survey's
EMAIL = "warga@contoh.id"
CALLERS = {  # tokens made when the test runs (they live an hour)
    "official": lambda: bearer(ACTOR, [Role.UNIT_ADMIN.value]),
    "nobody": dict,
}
STEPS = "POST /api/v1/complaints/{channel}/{complaint_id}/steps"
PUBLIC = {  # README, "Who may call each route"
    "GET /api/v1/complaints/{channel}/{complaint_id}",
    "GET /api/v1/units/{unit_id}/complaints/summary",
    "GET /api/v1/units/{unit_id}/statistics",
    "GET /api/v1/holidays/{year}",
    "POST /api/v1/complaints",
    STEPS,  # the complainant's, by the receipt
    "GET /open311/v2/services.json",
    "POST /open311/v2/requests.json",
    "GET /open311/v2/requests.json",
    "GET /open311/v2/requests/{service_request_id}.json",
}
# Operation label -> checks left out there, each with the reason. None: every check fits.
EXCLUDED: dict[str, list[str]] = {}
CONFIG = {
    "checks": {"enabled": True},
    "phases": {
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
    "generation": {"max-examples": 15, "deterministic": True, "no-shrink": True},
    "operations": [
        {"include-name": label, "checks": {name: {"enabled": False} for name in names}}
        for label, names in EXCLUDED.items()
    ],
}
# A date-time in a response (ISO 8601 with a time), with or without its offset.
DATE_TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?")
OFFSET = re.compile(r"(Z|[+-][0-9]{2}:?[0-9]{2})$")


@dataclass(frozen=True)
class World:
    """What `aim` points valid cases at."""

    today: str
    complaints: tuple[str, ...]  # LAP-1 ... (PRIVACIES)
    receipts: dict[str, str]
    periods: tuple[str, ...]
    year: str
    service_request_id: str


async def populate(url: str, clock: TestClock, services: Path) -> World:
    """The little world of the module docstring, through the service's own API and consumer."""
    async with feedback(url, clock, open311_services_file=services) as f:
        for n, privacy in enumerate(PRIVACIES, start=1):
            data = complaint(f"LAP-{n}", clock.today())
            who = data.complainant.model_copy(update={"privacy": privacy})
            await f.deliver(data.model_copy(update={"complainant": who}), source="/agencies/lapor")
        named = await f.admin.put(f"/api/v1/units/{UNIT}/complaint-officials", json=OFFICIALS)
        assert named.status_code == 200, named.text
        for _ in range(3):
            await f.deliver(survey(4))
        measured = await f.admin.post(f"/api/v1/units/{UNIT}/skm/{SKM_PERIOD}", json={})
        assert measured.status_code == 201, measured.text
        created = await f.client.post(
            "/open311/v2/requests.json",
            data={"service_code": "KTP-EL", "address_string": "Jl. Jenderal Sudirman 1"},
        )
        [receipt] = created.json()
        await f.pump()
        receipts = {row.complaint_id: row.receipt_number for row in await f.rows(complaints)}
    today = clock.today()
    return World(
        today=today.isoformat(),
        complaints=tuple(f"LAP-{n}" for n in range(1, len(PRIVACIES) + 1)),
        receipts=receipts,
        periods=(SKM_PERIOD, str(today.year)),
        year=str(today.year),
        service_request_id=receipt["service_request_id"],
    )


def serve(url: str, clock: TestClock, services: Path) -> FastAPI:
    """The app production serves, over a fresh engine: schemathesis calls it from its own event
    loop, and the engine's connections belong to that loop, so its lifespan disposes of them."""
    settings = FeedbackSettings(contact_key=CONTACT_KEY, open311_services_file=services)
    engine = create_engine(url)
    app = service_api("feedback", ROUTERS, settings)
    app.state.runtime = FakeRuntime(session_factory(engine), settings, clock)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    app.router.lifespan_context = lifespan
    return app


def _pick(case: Any, salt: str, among: int) -> int:
    """One of `among`, the same for a case every run."""
    return zlib.crc32(f"{salt}{case.path_parameters}{case.query}{case.body!r}".encode()) % among


def _half(case: Any, salt: str) -> bool:
    return _pick(case, salt, 2) == 0


def aim(world: World) -> Any:
    """The `map_case` hook: valid cases pointed at the world (module docstring)."""

    def map_case(context: Any, case: Any) -> Any:
        meta = case.meta
        if meta is None:
            return case
        label = f"{case.method} {case.operation.path}"
        path = case.path_parameters or {}
        if path and not meta.is_negative_at(ParameterLocation.PATH):
            if label.startswith("PUT") and "unit_id" in path:
                path["unit_id"] = SANDBOX_UNIT
            elif _pick(case, "path", 4):  # three in four
                real = {
                    "channel": LAPOR,
                    "complaint_id": world.complaints[_pick(case, "id", len(world.complaints))],
                    "unit_id": UNIT,
                    "period": world.periods[_pick(case, "period", len(world.periods))],
                    "year": world.year,
                    "service_request_id": world.service_request_id,
                }
                path.update({k: real[k] for k in path if k in real})
        query = case.query or {}
        if query and not meta.is_negative_at(ParameterLocation.QUERY) and _half(case, "query"):
            if "period" in query:
                query["period"] = world.periods[0]
            if "service_request_id" in query:
                query["service_request_id"] = world.service_request_id
        body = case.body
        if isinstance(body, dict) and not meta.is_negative_at(ParameterLocation.BODY):
            _within_the_unsayable(body, world)
            if "receipt_number" in body and _half(case, "receipt"):
                body["receipt_number"] = world.receipts.get(path.get("complaint_id"), "")
        return case

    return map_case


def _within_the_unsayable(body: dict[str, Any], world: World) -> None:
    """What a valid body must be beyond what its schema can say (module docstring)."""
    for field in ("service_date", "attribute[service_date]"):
        if isinstance(body.get(field), str) and body[field] > world.today:
            body[field] = world.today
    if isinstance(body.get("email"), str):
        body["email"] = EMAIL
    complainant = body.get("complainant")
    if isinstance(complainant, dict) and isinstance(complainant.get("email"), str):
        complainant["email"] = EMAIL
    if "service_code" in body:
        body["service_code"] = "KTP-EL"


def _date_times(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for item in value.values() for t in _date_times(item)]
    if isinstance(value, list):
        return [t for item in value for t in _date_times(item)]
    return [value] if isinstance(value, str) and DATE_TIME.match(value) else []


def times_keep_their_offset(found: list[str]) -> Any:
    """The `after_call` hook: a date-time a response carries without its offset is recorded."""

    def after_call(context: Any, case: Any, response: Any) -> None:
        if "json" not in (response.headers.get("content-type") or [""])[0]:
            return
        try:
            body = json.loads(response.content)
        except ValueError:
            return
        for moment in _date_times(body):
            if not OFFSET.search(moment):
                found.append(f"{case.method} {case.formatted_path}: {moment} has no offset")

    return after_call


@dataclass
class Outcome:
    failures: list[str]
    statuses: dict[str, Counter[int]]
    checks: set[str]


def run(app: FastAPI, world: World, headers: dict[str, str]) -> Outcome:
    """Every operation through schemathesis's engine; what failed, what answered, what ran."""
    config = schemathesis.Config.from_dict({**CONFIG, "headers": headers})
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    schema.hook("map_case")(aim(world))
    naive: list[str] = []
    schema.hook("after_call")(times_keep_their_offset(naive))
    outcome = Outcome([], {}, set())
    try:
        for event in from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                _record(event.recorder, outcome)
            elif isinstance(event, (events.NonFatalError, events.FatalError)):
                outcome.failures.append(f"schemathesis could not run: {event!r}"[:2000])
    finally:
        shutdown_lifespans()
    outcome.failures += sorted(set(naive))
    return outcome


def _record(recorder: Any, outcome: Outcome) -> None:
    for case_id, node in recorder.cases.items():
        interaction = recorder.interactions.get(case_id)
        if interaction is not None and interaction.response is not None:
            operation = node.value.operation
            label = f"{operation.method.upper()} {operation.path}"
            outcome.statuses.setdefault(label, Counter())[interaction.response.status_code] += 1
    for case_id, checks in recorder.checks.items():
        for check in checks:
            outcome.checks.add(check.name)
            if check.failure_info is None:
                continue
            failure = check.failure_info.failure
            case = recorder.cases[case_id].value
            interaction = recorder.interactions.get(case_id)
            answer = interaction.response if interaction is not None else None
            outcome.failures.append(
                f"{failure.operation}: {check.name}: {failure.title}: {failure.message}\n"
                f"  sent {case.method} {case.formatted_path} query={case.query!r} "
                f"body={case.body!r:.300}\n"
                f"  got {answer.status_code if answer else None} "
                f"{answer.content[:300] if answer else b''!r}"
            )


@pytest.mark.parametrize("caller", list(CALLERS))
def test_every_operation_passes_every_check(database_url, tmp_path, caller):
    clock = TestClock()
    services = services_file(tmp_path)
    world = asyncio.run(populate(database_url, clock, services))

    outcome = run(serve(database_url, clock, services), world, CALLERS[caller]())

    assert not outcome.failures, "\n".join(dict.fromkeys(outcome.failures))
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
    } <= outcome.checks, outcome.checks
    assert len(outcome.statuses) == 12, sorted(outcome.statuses)  # every operation ran
    succeeded = {
        label for label, seen in outcome.statuses.items() if any(200 <= s < 300 for s in seen)
    }
    if caller == "official":  # the world is reachable: each operation succeeded at least once
        assert succeeded == set(outcome.statuses), set(outcome.statuses) - succeeded
        return
    for label, seen in outcome.statuses.items():  # without a token
        if label not in PUBLIC:  # refused (or a NUL, a method it lacks), never served
            assert set(seen) <= {400, 401, 405}, (label, seen)
        elif label == STEPS:  # a complainant's step reaches the rules: the receipt, the state
            assert set(seen) & {200, 403, 404, 409}, (label, seen)
        else:
            assert label in succeeded, (label, seen)
