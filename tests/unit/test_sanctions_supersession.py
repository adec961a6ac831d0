"""Supersession of a rating (after a keberatan, PP 30/2019 Pasal 59) and ratings out of order."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from asn_sanctions.adapters.tables import coaching_cases, rewards, timers, training_recommendations
from asn_shared.messaging.consumer import Outcome
from tests.unit.sanctions_harness import (
    LATER,
    RATED_AT,
    Harness,
    rated_event,
    sanctions_harness,
)


@pytest_asyncio.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    async with sanctions_harness(tmp_path) as h:
        yield h


# -- supersession (after a keberatan, PP 30/2019 Pasal 59) -----------------------------------


@pytest.mark.asyncio
async def test_superseding_rating_of_the_same_kind_revises_the_case_without_a_new_start(
    harness: Harness,
):
    await harness.profile("ADMINISTRASI")
    _, first = await harness.rate("BUTUH_PERBAIKAN")
    _, second = await harness.rate("KURANG_MISCONDUCT", supersedes=first.id, rated_at=LATER)

    [case] = await harness.rows(coaching_cases)
    assert (case.status, case.predikat, case.coaching_type) == (
        "OPEN",
        "KURANG_MISCONDUCT",
        "KONSELING_KINERJA",
    )
    assert case.legal_basis == ["PP 30/2019 Pasal 30-34", "PP 30/2019 Pasal 58"]
    assert case.rated_event_id == second.id
    # The window still runs from the first rating.
    assert (case.started_on, case.improvement_deadline) == (date(2026, 2, 1), date(2026, 8, 1))
    assert await harness.outbox_types() == ["CoachingStarted"]


@pytest.mark.asyncio
async def test_superseding_rating_that_no_longer_warrants_coaching_cancels_it(harness: Harness):
    _, first = await harness.rate("SANGAT_KURANG")
    _, second = await harness.rate("BAIK", supersedes=first.id, rated_at=LATER)

    [case] = await harness.rows(coaching_cases)
    assert case.status == "CANCELLED_BY_SUPERSESSION"
    assert (case.rated_event_id, case.cancelled_by_event_id) == (first.id, second.id)
    started, completed = await harness.outbox()
    assert (started["type"], completed["type"]) == ("CoachingStarted", "CoachingCompleted")
    # Nothing follows a predikat the keberatan corrected: improved, on the corrected predikat.
    assert {k: completed["data"][k] for k in ("improved", "latest_predikat", "legal_basis")} == {
        "improved": True,
        "latest_predikat": "BAIK",
        "legal_basis": ["PP 30/2019 Pasal 59"],
    }
    [window] = await harness.rows(timers)
    assert window.kind == "coaching.window" and window.cancelled_at is not None


@pytest.mark.asyncio
async def test_superseding_rating_that_no_longer_warrants_a_reward_cancels_it(harness: Harness):
    _, first = await harness.rate("SANGAT_BAIK")
    await harness.rate("BAIK", supersedes=first.id, rated_at=LATER)

    [reward] = await harness.rows(rewards)
    [training] = await harness.rows(training_recommendations)
    assert (reward.status, training.status) == ("CANCELLED_BY_SUPERSESSION",) * 2
    assert await harness.outbox_types() == ["RewardGranted", "TrainingRecommended"]


@pytest.mark.asyncio
async def test_coaching_superseded_by_sangat_baik_becomes_a_reward(harness: Harness):
    _, first = await harness.rate("KURANG_MISCONDUCT")
    await harness.rate("SANGAT_BAIK", supersedes=first.id, rated_at=LATER)

    [case] = await harness.rows(coaching_cases)
    [reward] = await harness.rows(rewards)
    assert (case.status, reward.status) == ("CANCELLED_BY_SUPERSESSION", "GRANTED")
    assert reward.granted_on == date(2026, 2, 21)
    assert await harness.outbox_types() == [
        "CoachingStarted",
        "CoachingCompleted",
        "RewardGranted",
        "TrainingRecommended",
    ]


@pytest.mark.asyncio
async def test_reward_superseded_by_kurang_becomes_coaching(harness: Harness):
    _, first = await harness.rate("SANGAT_BAIK")
    await harness.rate("SANGAT_KURANG", supersedes=first.id, rated_at=LATER)

    [case] = await harness.rows(coaching_cases)
    [reward] = await harness.rows(rewards)
    assert (case.status, reward.status) == ("OPEN", "CANCELLED_BY_SUPERSESSION")
    assert await harness.outbox_types() == [
        "RewardGranted",
        "TrainingRecommended",
        "CoachingStarted",
    ]


@pytest.mark.asyncio
async def test_reward_confirmed_by_a_superseding_rating_is_not_granted_twice(harness: Harness):
    _, first = await harness.rate("SANGAT_BAIK")
    _, second = await harness.rate("SANGAT_BAIK", supersedes=first.id, rated_at=LATER)

    [reward] = await harness.rows(rewards)
    [training] = await harness.rows(training_recommendations)
    assert (reward.status, reward.rated_event_id) == ("GRANTED", second.id)
    assert (training.status, training.rated_event_id) == ("GRANTED", second.id)
    assert await harness.outbox_types() == ["RewardGranted", "TrainingRecommended"]


@pytest.mark.asyncio
async def test_coaching_cancelled_then_warranted_again_opens_a_new_case(harness: Harness):
    _, r1 = await harness.rate("SANGAT_KURANG")
    _, r2 = await harness.rate("BAIK", supersedes=r1.id, rated_at=LATER)
    await harness.rate("KURANG_MISCONDUCT", supersedes=r2.id, rated_at=LATER + timedelta(days=1))

    cases = await harness.rows(coaching_cases)
    assert sorted(c.status for c in cases) == ["CANCELLED_BY_SUPERSESSION", "OPEN"]
    assert len({c.case_id for c in cases}) == 2
    assert await harness.outbox_types() == [
        "CoachingStarted",
        "CoachingCompleted",
        "CoachingStarted",
    ]


# -- out of order: an older rating arriving after a newer one ---------------------------------


@pytest.mark.asyncio
async def test_an_older_rating_arriving_after_its_successor_reopens_nothing(harness: Harness):
    older = rated_event("SANGAT_KURANG")
    newer = rated_event("BAIK", supersedes=older.id, rated_at=LATER)

    assert await harness.deliver(newer) is Outcome.APPLIED
    assert await harness.deliver(older) is Outcome.APPLIED  # acknowledged, but stale

    assert await harness.rows(coaching_cases) == []
    assert await harness.outbox() == []


@pytest.mark.asyncio
async def test_staleness_follows_the_whole_superseding_chain(harness: Harness):
    r1 = rated_event("SANGAT_KURANG")
    r2 = rated_event("KURANG_MISCONDUCT", supersedes=r1.id, rated_at=LATER)
    r3 = rated_event("SANGAT_BAIK", supersedes=r2.id, rated_at=LATER + timedelta(days=1))
    for event in (r3, r2, r1):
        await harness.deliver(event)

    assert await harness.rows(coaching_cases) == []
    [reward] = await harness.rows(rewards)
    assert reward.rated_event_id == r3.id
    assert await harness.outbox_types() == ["RewardGranted", "TrainingRecommended"]


@pytest.mark.asyncio
async def test_with_a_gap_in_the_chain_the_rating_time_decides(harness: Harness):
    # R2 never arrives: R3 names it, so R1 is not named by anything stored, yet it is older.
    await harness.rate("BAIK", supersedes="r2-never-arrived", rated_at=LATER)
    await harness.rate("SANGAT_KURANG", rated_at=RATED_AT)

    assert await harness.rows(coaching_cases) == []
    assert await harness.outbox() == []
