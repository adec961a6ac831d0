"""Two years in a row (PP 30/2019 Pasal 53) and the agencies' advanced training (seed 001) through
the real consumer, on SQLite and PostgreSQL: rewards by type, training recommendations, their
supersession after a keberatan (Pasal 59) and redelivery."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from asn_sanctions.adapters.tables import coaching_cases, rewards, training_recommendations
from asn_shared.catalog.assessment_events import PerformanceRated
from asn_shared.envelope import CloudEvent, new_event
from asn_shared.messaging.consumer import Outcome
from tests.unit.sanctions_harness import ASSESSMENT, LATER, NIP, Harness, rating, sanctions_harness

PENGHARGAAN_TEXT = (
    "Diusulkan penghargaan (piagam/sertifikat) dan insentif sesuai ketentuan instansi"
)
TALENT_TEXT = (
    "Dapat diprioritaskan untuk diikutsertakan dalam kelompok rencana suksesi (talent pool)"
)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "/asn-kinerja/sanctions")


@asynccontextmanager
async def harness_on(database_url: str, tmp_path: Path) -> AsyncIterator[Harness]:
    async with sanctions_harness(tmp_path, database_url) as h:
        yield h


def rated(predikat: str, years: int | None, **kwargs: Any) -> CloudEvent:
    """A PerformanceRated carrying `consecutive_years` (the assessment service counts them)."""
    data = {**rating(predikat, **kwargs).model_dump(), "consecutive_years": years}
    return new_event(PerformanceRated(**data), source=ASSESSMENT)


def granted(rows: list) -> set[str]:
    return {r.reward_type for r in rows if r.status == "GRANTED"}


@pytest.mark.asyncio
async def test_second_sangat_baik_year_grants_penghargaan_talent_pool_and_training(
    database_url: str, tmp_path: Path
):
    async with harness_on(database_url, tmp_path) as harness:
        event = rated("SANGAT_BAIK", 2)
        assert await harness.deliver(event) is Outcome.APPLIED

        penghargaan, talent, training = await harness.outbox()
        for published in (penghargaan, talent, training):
            assert (published["correlationid"], published["causationid"]) == (event.id, event.id)
            assert (published["subject"], published["source"]) == (NIP, "/asn-kinerja/sanctions")
        assert training["type"] == "TrainingRecommended"
        assert (penghargaan["type"], talent["type"]) == ("RewardGranted", "RewardGranted")
        assert penghargaan["data"]["reward_type"] == "PENGHARGAAN"
        assert penghargaan["data"]["recommendation"] == PENGHARGAAN_TEXT
        assert talent["data"] == {
            "reward_id": str(uuid.uuid5(NAMESPACE, f"reward:TALENT_POOL_PRIORITY:{event.id}")),
            "nip": NIP,
            "period": "2026",
            "predikat": "SANGAT_BAIK",
            "reward_type": "TALENT_POOL_PRIORITY",
            "granted_on": "2026-02-01",
            "recommendation": TALENT_TEXT,
            "legal_basis": ["PP 30/2019 Pasal 53 ayat (1)"],
        }
        [row] = await harness.rows(training_recommendations)
        assert training["data"] == {
            "recommendation_id": str(row.recommendation_id),
            "nip": NIP,
            "period": "2026",
            "predikat": "SANGAT_BAIK",
            "competencies": ["Pelatihan lanjutan"],
            "recommended_on": "2026-02-01",
            "legal_basis": ["UU 20/2023 Pasal 21"],
        }  # no case_id: no coaching case led to it
        assert (row.kind, row.status, row.rated_event_id) == (
            "ADVANCED_TRAINING",
            "GRANTED",
            event.id,
        )
        assert granted(await harness.rows(rewards)) == {"PENGHARGAAN", "TALENT_POOL_PRIORITY"}


@pytest.mark.asyncio
async def test_second_baik_year_grants_development_priority_and_training(
    database_url: str, tmp_path: Path
):
    async with harness_on(database_url, tmp_path) as harness:
        event = rated("BAIK", 2)
        await harness.deliver(event)

        reward, training = await harness.outbox()
        assert (reward["type"], training["type"]) == ("RewardGranted", "TrainingRecommended")
        assert reward["causationid"] == training["causationid"] == event.id
        assert (reward["data"]["reward_type"], reward["data"]["legal_basis"]) == (
            "DEVELOPMENT_PRIORITY",
            ["PP 30/2019 Pasal 53 ayat (2)"],
        )
        assert training["data"]["competencies"] == ["Pengembangan kompetensi sesuai jabatan"]
        assert training["data"]["legal_basis"] == ["PP 30/2019 Pasal 53 ayat (2)"]
        [row] = await harness.rows(training_recommendations)
        assert (row.kind, row.predikat) == ("COMPETENCY_DEVELOPMENT", "BAIK")


@pytest.mark.asyncio
async def test_first_baik_year_and_periodic_sangat_baik_keep_todays_follow_up(
    database_url: str, tmp_path: Path
):
    async with harness_on(database_url, tmp_path) as harness:
        await harness.deliver(rated("BAIK", None))
        # consecutive_years belongs to annual ratings; on a quarter it counts for nothing.
        await harness.deliver(rated("SANGAT_BAIK", 2, period="2026-Q1"))

        [reward] = await harness.rows(rewards)
        assert (reward.period, reward.reward_type) == ("2026-Q1", "PENGHARGAAN")
        assert await harness.rows(training_recommendations) == []
        assert await harness.outbox_types() == ["RewardGranted"]


@pytest.mark.asyncio
async def test_objection_turning_a_second_sangat_baik_into_a_first_baik_cancels_everything(
    database_url: str, tmp_path: Path
):
    async with harness_on(database_url, tmp_path) as harness:
        first = rated("SANGAT_BAIK", 2)
        second = rated("BAIK", 1, supersedes=first.id, rated_at=LATER)
        await harness.deliver(first)
        assert await harness.deliver(second) is Outcome.APPLIED

        stored = [*await harness.rows(rewards), *await harness.rows(training_recommendations)]
        assert len(stored) == 3  # penghargaan, talent pool, training
        for row in stored:
            assert (row.status, row.rated_event_id, row.cancelled_by_event_id) == (
                "CANCELLED_BY_SUPERSESSION",
                first.id,
                second.id,
            )
        # Withdrawals have no event in the catalog: only the grants of the first rating went out.
        assert await harness.outbox_types() == [
            "RewardGranted",
            "RewardGranted",
            "TrainingRecommended",
        ]
        assert await harness.rows(coaching_cases) == []


@pytest.mark.asyncio
async def test_objection_confirming_sangat_baik_in_a_second_year_adds_only_the_talent_pool(
    database_url: str, tmp_path: Path
):
    async with harness_on(database_url, tmp_path) as harness:
        first = rated("SANGAT_BAIK", 1)
        second = rated("SANGAT_BAIK", 2, supersedes=first.id, rated_at=LATER)
        for event in (first, second):
            await harness.deliver(event)

        rows = await harness.rows(rewards)
        assert granted(rows) == {"PENGHARGAAN", "TALENT_POOL_PRIORITY"}
        assert {r.rated_event_id for r in rows} == {second.id}
        [training] = await harness.rows(training_recommendations)
        assert (training.status, training.rated_event_id) == ("GRANTED", second.id)
        assert training.recommended_on == date(2026, 2, 1)  # kept from the first rating
        outbox = await harness.outbox()
        assert [(e["type"], e["causationid"]) for e in outbox] == [
            ("RewardGranted", first.id),
            ("TrainingRecommended", first.id),
            ("RewardGranted", second.id),
        ]
        assert outbox[2]["data"]["reward_type"] == "TALENT_POOL_PRIORITY"


@pytest.mark.asyncio
async def test_objection_turning_sangat_baik_into_baik_swaps_reward_and_training_kinds(
    database_url: str, tmp_path: Path
):
    async with harness_on(database_url, tmp_path) as harness:
        first = rated("SANGAT_BAIK", 2)
        second = rated("BAIK", 2, supersedes=first.id, rated_at=LATER)
        for event in (first, second):
            await harness.deliver(event)

        assert granted(await harness.rows(rewards)) == {"DEVELOPMENT_PRIORITY"}
        trainings = {t.kind: t.status for t in await harness.rows(training_recommendations)}
        assert trainings == {
            "ADVANCED_TRAINING": "CANCELLED_BY_SUPERSESSION",
            "COMPETENCY_DEVELOPMENT": "GRANTED",
        }
        assert await harness.outbox_types() == [
            "RewardGranted",
            "RewardGranted",
            "TrainingRecommended",
            "RewardGranted",
            "TrainingRecommended",
        ]


@pytest.mark.asyncio
async def test_redelivery_of_a_second_sangat_baik_year_is_a_no_op(
    database_url: str, tmp_path: Path
):
    async with harness_on(database_url, tmp_path) as harness:
        event = rated("SANGAT_BAIK", 2)
        await harness.deliver(event)
        assert await harness.deliver(event) is Outcome.DUPLICATE
        # The same rating id from another source passes the inbox but is already known.
        mirrored = new_event(
            PerformanceRated.model_validate(event.data), source="/mirror", event_id=event.id
        )
        assert await harness.deliver(mirrored) is Outcome.APPLIED

        assert len(await harness.rows(rewards)) == 2
        assert len(await harness.rows(training_recommendations)) == 1
        assert len(await harness.outbox()) == 3


@pytest.mark.asyncio
async def test_replaying_the_ratings_into_a_new_database_gives_the_published_ids(
    database_url: str, tmp_path: Path
):
    first = rated("SANGAT_BAIK", 1)
    second = rated("SANGAT_BAIK", 2, supersedes=first.id, rated_at=LATER)
    ids = []
    for url in (database_url, f"sqlite+aiosqlite:///{tmp_path / 'replay.db'}"):
        async with harness_on(url, tmp_path) as harness:
            for event in (first, second):
                await harness.deliver(event)
            ids.append(
                sorted(
                    e["data"].get("reward_id") or e["data"]["recommendation_id"]
                    for e in await harness.outbox()
                )
            )

    assert ids[0] == ids[1]
    # The penghargaan keeps the id form published before the Pasal 53 types existed.
    assert str(uuid.uuid5(NAMESPACE, f"reward:{first.id}")) in ids[0]
