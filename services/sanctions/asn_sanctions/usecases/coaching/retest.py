"""The officials' steps after a window without improvement (PP 30/2019 Pasal 57-58), and the end
of a temporary placement's year.

- The uji kompetensi kembali's result: meets the standard (no move), or a matching or lower post
  (RotationRecommended), or no vacancy: a temporary placement of at most a year, for pejabat
  administrasi and fungsional only (RotationRecommended PENEMPATAN_SEMENTARA, a durable timer).
- A post found within the year ends the placement (RotationRecommended with the post).
- The year passing with no post: the honourable dismissal recommendation (Pasal 58(5)). Contract
  v1 names no event for it; it is recorded on the case and shown over HTTP.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from asn_shared.catalog.sanctions_events import JenisMutasi, RotationRecommended
from asn_shared.logging import get_logger
from asn_shared.timers.scheduler import TimerContext
from asn_shared.timers.store import TimerStore

from ..discipline.context import Emit, passed
from ..domain import jakarta_date
from ..repository import SanctionsRepository
from . import chain
from .chain import RetestOutcome, RetestRefused, Stage, Track
from .repository import CoachingRepository
from .rotations import Rotation, recommend
from .window import PLACEMENT_TIMER, timer_key

log = get_logger(__name__)


class NotFound(Exception):
    pass


class Refused(Exception):
    """Not allowed now; the message says why and cites the article."""


@dataclass
class CoachingAct:
    """One official's step: the transaction's repository, timers and outbox, and the clock."""

    repo: CoachingRepository
    timers: TimerStore
    emit: Emit
    now: datetime

    @property
    def today(self) -> date:
        return jakarta_date(self.now)


@dataclass(frozen=True)
class Retest:
    recorded_by_nip: str
    tested_on: date
    meets_standard: bool
    placement: JenisMutasi | None = None
    current_position: str | None = None


async def record_retest(act: CoachingAct, case_id: uuid.UUID, retest: Retest) -> dict[str, Any]:
    case = await _load(act, case_id, Stage.UJI_KOMPETENSI)
    if not case.completed_on <= retest.tested_on <= act.today:
        raise Refused(
            f"tested_on must fall between the window's judgement ({case.completed_on}) and today"
        )
    try:
        outcome = chain.after_retest(
            Track(case.track), retest.tested_on, retest.meets_standard, retest.placement
        )
    except RetestRefused as refused:
        raise Refused(str(refused)) from None
    await act.repo.update_case(
        case.case_id,
        status=outcome.stage.value,
        retest_on=retest.tested_on,
        retest_meets_standard=retest.meets_standard,
        jenis_mutasi=outcome.jenis_mutasi.value if outcome.jenis_mutasi else None,
        placement_until=outcome.placement_until,
        updated_at=act.now,
    )
    published = None
    if outcome.jenis_mutasi is not None:
        published = await _recommend(act, case, outcome, "RETEST", retest, retest.tested_on)
    if outcome.stage is Stage.TEMPORARY_PLACEMENT:
        await act.timers.schedule(
            PLACEMENT_TIMER,
            timer_key(case.case_id, "placement"),
            passed(outcome.placement_until),
            {"case_id": str(case.case_id)},
        )
    log.info("coaching.retest_recorded", case_id=str(case_id), stage=outcome.stage.value)
    return _answer(outcome, published)


@dataclass(frozen=True)
class PostFound:
    recorded_by_nip: str
    found_on: date
    placement: JenisMutasi
    current_position: str | None = None


async def record_post_found(
    act: CoachingAct, case_id: uuid.UUID, found: PostFound
) -> dict[str, Any]:
    case = await _load(act, case_id, Stage.TEMPORARY_PLACEMENT)
    if not case.retest_on <= found.found_on <= min(case.placement_until, act.today):
        raise Refused(
            f"{chain.PLACEMENT_58}: a post must be found between the re-test ({case.retest_on}) "
            f"and the end of the placement ({case.placement_until}), and not after today"
        )
    try:
        outcome = chain.post_found(found.placement)
    except RetestRefused as refused:
        raise Refused(str(refused)) from None
    await act.repo.update_case(
        case.case_id,
        status=outcome.stage.value,
        jenis_mutasi=found.placement.value,
        updated_at=act.now,
    )
    await act.timers.cancel(PLACEMENT_TIMER, timer_key(case.case_id, "placement"), act.now)
    published = await _recommend(act, case, outcome, "POST_FOUND", found, case.retest_on)
    log.info("coaching.post_found", case_id=str(case_id))
    return _answer(outcome, published)


async def placement_ended(ctx: TimerContext) -> None:
    repo = CoachingRepository(ctx.session)
    case = await repo.case(uuid.UUID(ctx.timer.payload["case_id"]), lock=True)
    if case is None or case.status != Stage.TEMPORARY_PLACEMENT.value:
        return  # a post was found meanwhile
    await repo.update_case(
        case.case_id,
        status=Stage.DISMISSAL_RECOMMENDED.value,
        dismissal_recommended_on=jakarta_date(ctx.now),
        legal_basis=[*case.legal_basis, *chain.DISMISSAL_58],
        updated_at=ctx.now,
    )
    log.warning("coaching.dismissal_recommended", case_id=str(case.case_id))


async def _load(act: CoachingAct, case_id: uuid.UUID, stage: Stage) -> Any:
    case = await act.repo.case(case_id, lock=True)
    if case is None:
        raise NotFound(f"no coaching case {case_id}")
    if case.status != stage.value:
        raise Refused(f"the case is {case.status}; this step needs {stage.value}")
    return case


async def _recommend(
    act: CoachingAct,
    case: Any,
    outcome: RetestOutcome,
    reason: str,
    step: Retest | PostFound,
    tested_on: date,
) -> RotationRecommended | None:
    employee = await SanctionsRepository(act.repo.session).employee(case.nip)
    position = (employee.position if employee else None) or step.current_position
    if position is None:
        raise Refused(
            "the ASN's jabatan is unknown (no EmployeeProfileUpdated names it): "
            "send current_position"
        )
    rotation = Rotation(
        reason=reason,
        cause=f"{case.case_id}:{reason}",
        nip=case.nip,
        period=case.period,
        case_id=case.case_id,
        unit_id=employee.unit_id if employee else None,
        jenis_mutasi=outcome.jenis_mutasi,
        current_position=position,
        uji_kompetensi_on=tested_on,
        placement_until=outcome.placement_until,
        recommended_on=act.today,
        legal_basis=outcome.legal_basis,
        details={"recorded_by_nip": step.recorded_by_nip},
    )
    return await recommend(act.repo, rotation, act.emit, act.now)


def _answer(outcome: RetestOutcome, published: RotationRecommended | None) -> dict[str, Any]:
    return {
        "status": outcome.stage.value,
        "rotation": published.model_dump(mode="json") if published else None,
    }
