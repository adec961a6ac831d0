"""The sanctions schema on PostgreSQL: native UUIDs, JSON, and the partial unique indexes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from asn_sanctions.adapters.tables import coaching_cases, rewards
from asn_shared.messaging.consumer import Outcome
from tests.unit.sanctions_harness import LATER, rated_event, sanctions_harness


@pytest.mark.asyncio
async def test_supersession_round_trip_on_postgresql(tmp_path: Path, postgres_url: str):
    async with sanctions_harness(tmp_path, postgres_url) as harness:
        first = rated_event("SANGAT_KURANG")
        second = rated_event("SANGAT_BAIK", supersedes=first.id, rated_at=LATER)
        for event in (first, second, first):
            await harness.deliver(event)

        [case] = await harness.rows(coaching_cases)
        [reward] = await harness.rows(rewards)
        assert (case.status, reward.status) == ("CANCELLED_BY_SUPERSESSION", "GRANTED")
        assert case.legal_basis == ["PP 30/2019 Pasal 30-34", "PP 30/2019 Pasal 58"]
        assert await harness.outbox_types() == [
            "CoachingStarted",
            "CoachingCompleted",
            "RewardGranted",
            "TrainingRecommended",
        ]


@pytest.mark.asyncio
async def test_two_racing_ratings_of_one_period_open_one_case(tmp_path: Path, postgres_url: str):
    async with sanctions_harness(tmp_path, postgres_url) as harness:
        racing = [rated_event("SANGAT_KURANG"), rated_event("KURANG_MISCONDUCT")]
        outcomes = await asyncio.gather(*(harness.deliver(e) for e in racing))
        for event, outcome in zip(racing, outcomes, strict=True):
            while outcome is Outcome.RETRY:  # the broker's redelivery after a nack
                outcome = await harness.deliver(event)

        [case] = await harness.rows(coaching_cases)
        assert case.status == "OPEN"
        assert await harness.outbox_types() == ["CoachingStarted"]


@pytest.mark.asyncio
async def test_a_superseding_rating_racing_its_original_leaves_no_open_case(
    tmp_path: Path, postgres_url: str
):
    """Seen in the e2e: applied concurrently, the superseding rating saw no case to cancel and
    the original opened one. Ratings of one (nip, period) now apply one at a time."""
    async with sanctions_harness(tmp_path, postgres_url) as harness:
        for period in ("2026", "2027", "2028", "2029", "2030"):
            original = rated_event("SANGAT_KURANG", period=period)
            superseding = rated_event("BAIK", supersedes=original.id, rated_at=LATER, period=period)
            outcomes = await asyncio.gather(*(harness.deliver(e) for e in (original, superseding)))
            assert set(outcomes) == {Outcome.APPLIED}
        assert [c.status for c in await harness.rows(coaching_cases) if c.status == "OPEN"] == []


@pytest.mark.asyncio
async def test_two_months_rated_at_once_open_one_case_for_the_asn(
    tmp_path: Path, postgres_url: str
):
    """A found fault (issue 17): ratings of one ASN for two months, applied at the same moment,
    each found no running case and each opened one. Coaching is per ASN: one running case."""
    async with sanctions_harness(tmp_path, postgres_url) as harness:
        racing = [rated_event("SANGAT_KURANG", period=p) for p in ("2026-10", "2026-11")]
        outcomes = await asyncio.gather(*(harness.deliver(e) for e in racing))
        for event, outcome in zip(racing, outcomes, strict=True):
            while outcome is Outcome.RETRY:  # the broker's redelivery after a nack
                outcome = await harness.deliver(event)

        running = [c for c in await harness.rows(coaching_cases) if c.status == "OPEN"]
        assert len(running) == 1
