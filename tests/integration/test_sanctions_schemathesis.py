"""Schemathesis against the sanctions service's OpenAPI document: no 5xx, no undocumented status,
no response that breaks its schema, no schema-violating request accepted, no schema-valid one
refused, and every date-time an answer gives names its offset.

What it drives: the app production serves (`service_api("sanctions", ROUTERS, ...)`: the routes
behind the request guard) over a migrated database, SQLite and PostgreSQL in turn, holding a
little world built through the consumer and the API: ATASAN (the unit's head) -> SUPERIOR -> six
ASN, a disciplinary case at each stage (open, summoned, examined, decided, delivered, under
objection), a coaching case awaiting its uji kompetensi and one in a temporary placement (July
2025); the clock stands at 17:00 in Jakarta on 16 March 2026. Every case is generated from the
document (its body examples included), valid and invalid data alike; `aim` then points valid
values at the world most of the time (a stable choice from the generated value): ids at its cases
(most often the one at the stage the step needs) and objections, NIPs at its ASN, units at its
unit, actor NIPs at SUPERIOR, past-step dates at the last days, a summons's time at tomorrow, a
decision's levels and jenis at what SUPERIOR may decide. Malformed values are left as generated,
so a negative case keeps its defect. Without this, the steps answer little but 403 and 404.

Two callers for every operation: a valid token of a well-placed actor (SUPERIOR: the ASNs'
examiner and decider, in their line of superiors, with the roles `auditor` and `ppk`; it may do
everything but file an ASN's objection or decide a keberatan against itself) and no token (401
everywhere: no operation here is public). Schemathesis generates no Authorization header
(`with_security_parameters` off: the token is ours to give) and no NUL character (`allow_x00`
off: the guard refuses NUL everywhere with the 400 every operation declares).

Checks: all of schemathesis's (`CHECKS.get_all()`: not_a_server_error, status_code_conformance,
content_type_conformance, response_schema_conformance, response_headers_conformance,
negative_data_rejection, positive_data_acceptance, missing_required_header, unsupported_method,
allow_header_conformance, use_after_free, ensure_resource_availability, ignored_auth,
object_level_authorization) on every operation, plus `times_keep_their_offset`. One failure is
dropped, on purpose (`filter_failure`): positive_data_acceptance on a 422 `date_in_future`. A
step that has happened dated after today is refused (README, "HTTP"), and "not after today" is no
JSON Schema constraint, so a schema-valid date can rightly be refused; any other refusal of valid
data still fails.

The bound: `max_examples` 20 per operation, caller and engine, derandomized (the same cases every
run), Hypothesis phases explicit and generate only (no shrinking), no deadline, no example
database: 14 operations x 2 callers x 2 engines = 56 tests, about 25-30 s on 2 cores, the worlds'
building included. (Run once with 200 examples: nothing more found, 2.5 minutes.)
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import CHECKS, load_all_checks
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from asn_sanctions.api import ROUTERS
from asn_sanctions.domain.discipline.authority import JabatanLevel, PejabatLevel
from asn_sanctions.settings import SanctionsSettings
from asn_shared.catalog.agency_events import AbsenceRecorded
from asn_shared.catalog.vocabulary import JenisHukuman
from asn_shared.identity.caller import Role
from asn_shared.persistence.engine import session_factory
from asn_shared.runtime.http import service_api
from tests.clock import TestClock
from tests.conftest import POSTGRES_BASE, _postgres_admin
from tests.identity import bearer
from tests.support import FakeRuntime, without_offset
from tests.unit.discipline_harness import DisciplineHarness, at, discipline_harness

pytestmark = pytest.mark.integration

SUPERIOR, ATASAN = "198001012005011002", "197001011995031001"
ASNS = [f"1990010120150110{i:02d}" for i in range(1, 7)]
UNIT = "dinkes"
DAY = date(2026, 3, 16)  # "today" of every request (the runtime's clock)
# The actor of the run with a token: examiner, decider and in every ASN's line; PPK and auditor.
WELL_PLACED_ROLES = [Role.AUDITOR.value, "ppk"]

load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())
BOUND = settings(
    max_examples=20,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@dataclass
class World:
    cases: list[str]  # disciplinary cases, one per stage
    objections: list[str]
    coaching: list[str]  # awaiting the uji kompetensi, in a temporary placement


async def rate(h: DisciplineHarness, nip: str, predikat: str, period: str, on: date) -> None:
    await h.rated(nip, predikat, period, on, by=SUPERIOR)


async def coaching_cases(h: DisciplineHarness) -> list[str]:
    """Two Pasal 58 windows ended without improvement (July 2025); one placed temporarily."""
    for nip in ASNS[:2]:
        await rate(h, nip, "SANGAT_KURANG", "2024", date(2025, 1, 15))
        await rate(h, nip, "KURANG_MISCONDUCT", "2025-Q1", date(2025, 4, 10))
    started = [e["data"]["case_id"] for e in await h.events("CoachingStarted")]
    await h.advance_to(at(date(2025, 7, 16), 1))
    h.clock.now = at(date(2025, 7, 21))
    retest = {"tested_on": "2025-07-20", "meets_standard": False}
    await h.call(
        "POST",
        f"/coaching/cases/{started[1]}/competency-test",
        json={**retest, "placement": "PENEMPATAN_SEMENTARA"},
        headers=bearer(SUPERIOR),
    )
    return started


async def populate(url: str) -> World:
    async with discipline_harness(url) as h:
        h.clock.now = at(date(2025, 1, 2))
        await h.profile(ATASAN, None, position_type="ADMINISTRASI", position="Kepala Bidang")
        await h.profile(SUPERIOR, ATASAN, position_type="ADMINISTRASI", position="Kepala Seksi")
        for nip in ASNS:
            await h.profile(nip, SUPERIOR, position="Analis Kebijakan Ahli Muda")
        coaching = await coaching_cases(h)
        h.clock.now = at(date(2026, 3, 5))
        cases = []
        for nip in ASNS:
            for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)):
                await h.deliver(AbsenceRecorded(nip=nip, date=day, excused=False), source="/a/x")
            [opened] = await h.events("DisciplinaryCaseOpened")
            cases.append(opened["data"]["case_id"])
        h.clock.now = at(DAY, 17)
        objections = [
            await advance(h, case, stage, ASNS[stage]) for stage, case in enumerate(cases)
        ]
        return World(cases, [o for o in objections if o], coaching)


async def advance(h: DisciplineHarness, case: str, stage: int, nip: str) -> str | None:
    """Take the case through `stage` steps: 0 open ... 5 under objection (its objection id)."""
    path, superior, today = f"/discipline/cases/{case}", bearer(SUPERIOR), DAY.isoformat()
    steps: list[tuple[str, int, dict[str, Any]]] = [
        (
            "summons",
            201,
            {
                "summoned_on": today,
                "scheduled_at": at(DAY).isoformat(),
                "mode": "TATAP_MUKA",
                "examiner_nips": [SUPERIOR],
            },
        ),
        ("hearing", 200, {"attended": True, "held_on": today, "bap_number": "BAP-1"}),
        (
            "decision",
            201,
            {
                "decision_number": f"800/{stage}/2026",
                "jenis": "TEGURAN_LISAN",
                "decided_on": today,
                "imposed_by_level": "PENGAWAS",
                "asn_jabatan_level": "JF_LAINNYA",
                "line": ["PENGAWAS"],
            },
        ),
        ("delivery", 200, {"received_on": today}),
    ]
    for step, status, body in steps[:stage]:
        await h.call("POST", f"{path}/{step}", status, json=body, headers=superior)
    if stage < 5:
        return None
    filed = await h.call(
        "POST", f"{path}/objections", 201, json={"filed_on": today}, headers=bearer(nip)
    )
    return filed["objection_id"]


SETTINGS = SanctionsSettings()
APP = service_api("sanctions", ROUTERS, SETTINGS)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
# The caller's token is ours to give (ACTORS): no generated Authorization header, so a negative
# case's defect is the one it means.
schema.config.generation.update(with_security_parameters=False)
# Every service refuses NUL characters before any route (asn_shared.runtime.guard: PostgreSQL
# cannot store them), a rule of the whole API rather than of one schema; valid data holds none.
schema.config.generation.update(allow_x00=False)
ACTORS = ["well-placed", "anonymous"]


def headers_of(actor: str) -> dict[str, str]:
    """A fresh token for each request: one minted at import would expire in a long run."""
    return bearer(SUPERIOR, WELL_PLACED_ROLES) if actor == "well-placed" else {}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The world above on one engine, served by APP on the clock at DAY through an engine
    without a pool: schemathesis calls the app from an event loop of its own, and a pooled
    connection belongs to the loop that opened it."""
    name = f"asn_test_{uuid.uuid4().hex[:10]}"
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('sanctions') / 'sanctions.db'}"
    else:
        _postgres_admin(f'CREATE DATABASE "{name}"')
        url = POSTGRES_BASE.rsplit("/", 1)[0] + "/" + name
    try:
        built = asyncio.run(populate(url))
        engine = create_async_engine(url, poolclass=NullPool, hide_parameters=True)
        APP.state.runtime = FakeRuntime(
            session_factory(engine), SETTINGS, TestClock.at(at(DAY, 17))
        )
        yield built
        asyncio.run(engine.dispose())
    finally:
        if request.param == "postgresql":
            _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pick(generated: Any, real: list[str]) -> Any:
    """One of `real`, or (one time in len+1) the generated value itself: a stable choice."""
    slot = int(hashlib.sha256(repr(generated).encode()).hexdigest(), 16) % (len(real) + 1)
    return generated if slot == len(real) else real[slot]


def _is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def aim(case: Any, world: World) -> None:
    """Point a case at the world (module docstring): in place, at call time (the explicit
    examples of the document are built before the world exists)."""
    if case.path_parameters:
        case.path_parameters = real_resources(case.operation.path, case.path_parameters, world)
    if isinstance(case.body, dict):
        case.body = plausible_body(case.body)


def real_resources(path: str, path_parameters: dict[str, Any], world: World) -> dict[str, Any]:
    """Well-formed ids, NIPs and units mapped onto the world's; malformed ones (negative cases)
    are left as generated."""
    mapped = dict(path_parameters)
    for name, value in path_parameters.items():
        if name == "case_id" and _is_uuid(value) and "/coaching/" in path:
            mapped[name] = _pick(value, world.coaching)
        elif name == "case_id" and _is_uuid(value):
            # Most often the case at the stage the step needs (the world moves on as steps pass).
            ready = world.cases[STAGE_FOR.get(path.rsplit("/", 1)[-1], 0)]
            mapped[name] = _pick(value, [ready, ready, *world.cases])
        elif name == "objection_id" and _is_uuid(value):
            mapped[name] = _pick(value, world.objections)
        elif name == "nip" and _is_nip(value):
            mapped[name] = _pick(value, ASNS)
        elif name == "unit_id":
            mapped[name] = _pick(value, [UNIT])
    return mapped


RECENT = [(DAY - timedelta(days=n)).isoformat() for n in (0, 1, 7)]
# The stage (World.cases' index) at which each step can be taken.
STAGE_FOR = {"summons": 0, "hearing": 1, "not-proven": 2, "decision": 2, "delivery": 3}
# What the directory makes SUPERIOR (a pengawas over a functional ASN) competent to decide.
PLAUSIBLE = {
    "imposed_by_level": ["PENGAWAS"],
    "asn_jabatan_level": ["JF_LAINNYA"],
    "line": [["PENGAWAS"]],
    "jenis": ["TEGURAN_LISAN", "TEGURAN_TERTULIS", "PERNYATAAN_TIDAK_PUAS"],
}
# The values the schema allows; a malformed one is a negative case's point and stays.
ALLOWED = {
    "imposed_by_level": {level.value for level in PejabatLevel},
    "asn_jabatan_level": {level.value for level in JabatanLevel},
    "jenis": {jenis.value for jenis in JenisHukuman},
}


def plausible_body(body: dict[str, Any]) -> dict[str, Any]:
    """Well-formed actor NIPs and dates in a body moved, most of the time, onto the well-placed
    actor and the last days, so generated steps get past the rules and reach the workflow; the
    others (and every malformed value) stay as generated."""
    mapped = dict(body)
    for name, value in body.items():
        if name.endswith("_by_nip") and _is_nip(value):
            mapped[name] = _pick(value, [SUPERIOR] * 3)
        elif name == "examiner_nips" and isinstance(value, list) and all(map(_is_nip, value)):
            mapped[name] = _pick(value, [[SUPERIOR, *value]] * 3)
        elif name.endswith("_on") and isinstance(value, str) and _is_date(value):
            mapped[name] = _pick(value, RECENT)
        elif name == "scheduled_at" and isinstance(value, str) and _is_moment(value):
            mapped[name] = _pick(value, [at(DAY + timedelta(days=1)).isoformat()])
        elif name in PLAUSIBLE and _well_formed(name, value):
            mapped[name] = _pick(value, PLAUSIBLE[name])
    return mapped


def _well_formed(name: str, value: Any) -> bool:
    if name == "line":
        levels = ALLOWED["imposed_by_level"]
        return isinstance(value, list) and all(isinstance(v, str) and v in levels for v in value)
    return isinstance(value, str) and value in ALLOWED[name]


def _is_moment(value: str) -> bool:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is not None


def _is_nip(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9]{18}", value) is not None


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None


def not_a_date_in_the_future(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keep every failure but a schema-valid past step dated after today refused with 422
    `date_in_future` (module docstring): the schema cannot say "not after today"."""
    if failure.code != "ST202" or response.status_code != 422:
        return True
    detail = response.json().get("detail")
    return not (isinstance(detail, list) and detail and all(
        isinstance(p, dict) and p.get("type") == "date_in_future" for p in detail
    ))  # fmt: skip


schema.hook("filter_failure")(not_a_date_in_the_future)


def times_keep_their_offset(ctx: Any, response: Any, case: Any) -> None:
    """Every date-time a JSON answer gives names its offset (UTC or the one given): a bare
    09:00 says nothing about when."""
    if "json" not in response.headers.get("content-type", [""])[0]:
        return
    naive = without_offset(response.json())
    assert not naive, f"date-times without an offset: {naive}"


@pytest.mark.parametrize("actor", ACTORS)
@schema.parametrize()
@BOUND
def test_every_operation_passes_every_check(case: Any, actor: str, world: World) -> None:
    aim(case, world)
    response = case.call_and_validate(
        headers=headers_of(actor), checks=ALL_CHECKS, additional_checks=[times_keep_their_offset]
    )
    if actor == "well-placed":  # the run is not one of refused tokens
        assert response.status_code != 401, response.text
