"""PerformanceRated and EmployeeProfileUpdated through the real consumer into a migrated SQLite
database: first ratings, duplicates, profiles, refusals and wiring (supersession has its own file).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
import sqlalchemy as sa
import structlog
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from asn_sanctions.adapters.tables import coaching_cases, employees, metadata, rewards
from asn_sanctions.main import build
from asn_shared.envelope import CloudEvent
from asn_shared.messaging.consumer import Outcome
from asn_shared.persistence.tables import messaging_metadata
from tests.support import migrate
from tests.unit.sanctions_harness import (
    EMAIL,
    LATER,
    MIGRATIONS,
    NAME,
    NIP,
    PHONE,
    RATED_AT,
    SUPERVISOR,
    Harness,
    rated_event,
    sanctions_harness,
)


@pytest_asyncio.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    async with sanctions_harness(tmp_path) as h:
        yield h


# -- first ratings ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_sangat_baik_records_a_reward_and_emits_reward_granted(harness: Harness):
    outcome, rated = await harness.rate("SANGAT_BAIK")

    assert outcome is Outcome.APPLIED
    [reward] = await harness.rows(rewards)
    assert (reward.status, reward.predikat, reward.reward_type) == (
        "GRANTED",
        "SANGAT_BAIK",
        "PENGHARGAAN",
    )
    assert reward.granted_on == date(2026, 2, 1)
    # An annual Sangat Baik also gets advanced training proposed (test_sanctions_rewards.py).
    event, training = await harness.outbox()
    assert training["type"] == "TrainingRecommended"
    assert event["type"] == "RewardGranted"
    assert event["subject"] == NIP
    assert (event["correlationid"], event["causationid"]) == (rated.id, rated.id)
    assert event["data"] == {
        "reward_id": str(reward.reward_id),
        "nip": NIP,
        "period": "2026",
        "predikat": "SANGAT_BAIK",
        "reward_type": "PENGHARGAAN",
        "granted_on": "2026-02-01",
        "recommendation": "Diusulkan penghargaan (piagam/sertifikat) dan insentif sesuai "
        "ketentuan instansi",
        "legal_basis": ["PP 30/2019 Pasal 53-55", "UU 20/2023 Pasal 21"],
    }
    assert await harness.rows(coaching_cases) == []


@pytest.mark.asyncio
async def test_kurang_of_a_fungsional_opens_konseling_under_pasal_58(harness: Harness):
    await harness.profile("FUNGSIONAL")
    outcome, rated = await harness.rate("KURANG_MISCONDUCT")

    assert outcome is Outcome.APPLIED
    [case] = await harness.rows(coaching_cases)
    assert (case.status, case.coaching_type, case.rated_event_id) == (
        "OPEN",
        "KONSELING_KINERJA",
        rated.id,
    )
    assert (case.started_on, case.improvement_deadline) == (date(2026, 2, 1), date(2026, 8, 1))
    [event] = await harness.outbox()
    assert event["type"] == "CoachingStarted"
    assert event["data"] == {
        "case_id": str(case.case_id),
        "nip": NIP,
        "period": "2026",
        "predikat": "KURANG_MISCONDUCT",
        "coaching_type": "KONSELING_KINERJA",
        "started_on": "2026-02-01",
        "improvement_deadline": "2026-08-01",
        "legal_basis": ["PP 30/2019 Pasal 30-34", "PP 30/2019 Pasal 58"],
    }


@pytest.mark.asyncio
async def test_butuh_perbaikan_of_a_jpt_is_bimbingan_under_pasal_57(harness: Harness):
    await harness.profile("JPT")
    await harness.rate("BUTUH_PERBAIKAN")

    [event] = await harness.outbox()
    assert event["data"]["coaching_type"] == "BIMBINGAN_KINERJA"
    assert event["data"]["legal_basis"] == ["PP 30/2019 Pasal 30-34", "PP 30/2019 Pasal 57"]


@pytest.mark.asyncio
async def test_unknown_position_is_treated_as_non_jpt(harness: Harness):
    await harness.rate("SANGAT_KURANG")

    [event] = await harness.outbox()
    assert event["data"]["legal_basis"] == ["PP 30/2019 Pasal 30-34", "PP 30/2019 Pasal 58"]


@pytest.mark.asyncio
async def test_deadline_from_31_august_ends_on_the_last_day_of_february(harness: Harness):
    await harness.rate("SANGAT_KURANG", rated_at=datetime(2025, 8, 31, 3, 0, tzinfo=UTC))

    [case] = await harness.rows(coaching_cases)
    assert (case.started_on, case.improvement_deadline) == (date(2025, 8, 31), date(2026, 2, 28))


@pytest.mark.asyncio
async def test_baik_calls_for_nothing(harness: Harness):
    outcome, _ = await harness.rate("BAIK")

    assert outcome is Outcome.APPLIED
    assert await harness.rows(coaching_cases) == []
    assert await harness.rows(rewards) == []
    assert await harness.outbox() == []


@pytest.mark.asyncio
async def test_a_rating_while_a_window_runs_opens_no_second_case(harness: Harness):
    # PP 30/2019 Pasal 58: one six-month window; the next rating judges it, it does not restart it.
    await harness.rate("SANGAT_KURANG", period="2026")
    await harness.rate("SANGAT_KURANG", period="2026-Q1", rated_at=LATER)

    assert [c.period for c in await harness.rows(coaching_cases)] == ["2026"]
    assert await harness.outbox_types() == ["CoachingStarted"]


# -- duplicates ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_redelivered_rating_has_one_effect(harness: Harness):
    _, rated = await harness.rate("SANGAT_KURANG")
    again = await harness.deliver(rated)

    assert again is Outcome.DUPLICATE
    assert len(await harness.rows(coaching_cases)) == 1
    assert await harness.outbox_types() == ["CoachingStarted"]


@pytest.mark.asyncio
async def test_the_same_rating_from_another_source_has_one_effect(harness: Harness):
    _, rated = await harness.rate("SANGAT_BAIK")
    outcome, _ = await harness.rate("SANGAT_BAIK", source="/mirror", event_id=rated.id)

    assert outcome is Outcome.APPLIED  # a new inbox key, but the rating is already known
    assert len(await harness.rows(rewards)) == 1
    assert await harness.outbox_types() == ["RewardGranted", "TrainingRecommended"]


@pytest.mark.asyncio
async def test_concurrent_deliveries_of_one_rating_have_one_effect(harness: Harness):
    event = rated_event("SANGAT_KURANG")
    outcomes = await asyncio.gather(*(harness.deliver(event) for _ in range(3)))
    while Outcome.RETRY in outcomes:  # what the broker would do with a nack(requeue=True)
        outcomes = [await harness.deliver(event) if o is Outcome.RETRY else o for o in outcomes]

    assert sorted(o.value for o in outcomes) == ["applied", "duplicate", "duplicate"]
    assert len(await harness.rows(coaching_cases)) == 1
    assert await harness.outbox_types() == ["CoachingStarted"]


# -- profiles --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_newer_profile_replaces_an_older_one_but_not_the_reverse(harness: Harness):
    await harness.profile("FUNGSIONAL", time=RATED_AT)
    await harness.profile("JPT", time=RATED_AT + timedelta(days=1))
    await harness.profile("ADMINISTRASI", time=RATED_AT - timedelta(days=1))  # arrives late

    [employee] = await harness.rows(employees)
    assert (employee.nip, employee.position_type, employee.unit_id) == (NIP, "JPT", "kec-maulafa")
    assert employee.supervisor_nip == SUPERVISOR
    await harness.rate("BUTUH_PERBAIKAN")
    [event] = await harness.outbox()
    assert "PP 30/2019 Pasal 57" in event["data"]["legal_basis"]


@pytest.mark.asyncio
async def test_the_profile_copy_holds_no_personal_contact_data(harness: Harness):
    await harness.profile("FUNGSIONAL")

    [employee] = await harness.rows(employees)
    stored = json.dumps(employee._asdict(), default=str)
    for personal in (NAME, EMAIL, PHONE):
        assert personal not in stored


@pytest.mark.asyncio
async def test_logs_carry_no_name_contact_or_predikat(harness: Harness):
    with structlog.testing.capture_logs() as logs:
        await harness.profile("FUNGSIONAL")
        _, first = await harness.rate("SANGAT_KURANG")
        await harness.rate("SANGAT_BAIK", supersedes=first.id, rated_at=LATER)

    logged = {e["event"] for e in logs}
    assert {
        "employee.profile_recorded",
        "coaching.opened",
        "reward.granted",
        "coaching.cancelled_by_supersession",
    } <= logged
    written = json.dumps(logs, default=str)
    for personal in (NAME, EMAIL, PHONE, "SANGAT_KURANG", "SANGAT_BAIK"):
        assert personal not in written


# -- refusals and wiring ---------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_rating_with_an_unknown_predikat_is_dead_lettered(harness: Harness):
    event = rated_event("SANGAT_KURANG")
    body = event.model_dump(mode="json")
    body["data"]["predikat"] = "CUKUP"
    broken = CloudEvent.model_validate(body)

    outcome = await harness.deliver(broken)

    assert outcome is Outcome.DEAD_LETTERED
    [dead] = harness.publisher.dead_letters
    assert "predikat" in dead["reason"]
    assert await harness.rows(coaching_cases) == []


def test_migration_matches_the_models(tmp_path: Path):
    """The hand-written migration and adapters/tables.py describe the same schema."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'schema.db'}"
    asyncio.run(migrate(MIGRATIONS, url))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), [metadata, messaging_metadata])
    engine.dispose()
    assert diff == []


def test_definition_binds_exactly_the_handled_events():
    definition = build()
    assert set(definition.consumer.routing_keys) == {
        "employee.profile.updated.v1",
        "performance.rated.v1",
        "absence.recorded.v1",
        "complaint.resolved.v1",
        "complaint.deadline.missed.v1",
        "service.satisfaction.measured.v1",
        # The officials' own acts, which a rebuild from the audit stream applies.
        "disciplinary.summons.issued.v1",
        "disciplinary.hearing.recorded.v1",
        "disciplinary.decision.taken.v1",
        "disciplinary.case.not.proven.v1",
        "disciplinary.decision.delivered.v1",
        "disciplinary.objection.filed.v1",
        "disciplinary.objection.decision.recorded.v1",
        "coaching.retest.recorded.v1",
        "coaching.post.found.v1",
    }
    assert definition.handlers.routing_keys == set(definition.consumer.routing_keys)
    assert definition.consumer.queue == "sanctions"
    assert definition.settings.http_port == 8103
    assert definition.settings.event_source == "/asn-kinerja/sanctions"


@pytest.mark.asyncio
async def test_an_oversized_supersedes_id_is_dead_lettered_not_retried(harness: Harness):
    outcome, _ = await harness.rate("SANGAT_KURANG", supersedes="x" * 201)

    assert outcome is Outcome.DEAD_LETTERED
    [dead] = harness.publisher.dead_letters
    assert dead["reason"] == "PerformanceRated.supersedes longer than 200 characters"
    assert await harness.rows(coaching_cases) == []
