"""Keberatan against a rating (PP 30/2019 Pasal 59): within the deadline, to the evaluator's
superior, whose decision is final; a changed rating supersedes the old one."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from asn_shared.catalog.assessment_events import (
    KeputusanKeberatanPenilaian,
    RatingObjectionDecided,
)
from asn_shared.catalog.vocabulary import Predikat, RatingLevel
from asn_shared.identity.caller import Caller

from .. import domain
from ..adapters.records import Rating
from ..adapters.unit_of_work import Cycle
from ..domain.deadlines import objection_deadline
from ..domain.permissions import may_decide_objection, may_file_objection
from ..domain.statuses import DECIDED, FILED, PENDING, PUBLISHED
from ..errors import Conflict, Invalid, NotFound
from .access import require
from .commands import ObjectionDecisionIn, ObjectionIn
from .ratings import publish_rating, stored_rating

PASAL_59 = "PP 30/2019 Pasal 59"


def deadline_for(cycle: Cycle, received_on: date) -> date:
    s = cycle.settings
    return objection_deadline(received_on, s.objection_days, s.objection_day_kind, s.holidays)


async def file_objection(cycle: Cycle, caller: Caller, request: ObjectionIn) -> dict[str, Any]:
    """By the ASN rated, against their published rating."""
    require(may_file_objection(caller, request.nip))
    today = cycle.today()  # the command's clock, in the instance's days (Asia/Jakarta)
    filed_on = request.filed_on or today
    if filed_on > today:
        raise Invalid("an objection cannot be dated in the future", field="filed_on")
    rating = await cycle.ratings.current_rating(request.nip, request.period)
    if rating is None or rating.status != PUBLISHED:
        raise NotFound(f"no published rating of {request.nip} for {request.period}")
    if await cycle.cycle.open_objection(request.nip, request.period):
        raise Conflict("an objection to this rating is already waiting for a decision")
    received_on = await _received_on(cycle, rating)
    last_day = deadline_for(cycle, received_on)
    if filed_on > last_day:
        raise Invalid(
            f"the objection period ended on {last_day.isoformat()} "
            f"({cycle.settings.objection_days} days from {received_on.isoformat()}, {PASAL_59})",
            field="filed_on",
        )
    if filed_on < received_on:
        raise Invalid("an objection cannot predate the rating", field="filed_on")
    evaluator = await cycle.evidence.employee(rating.assessor_nip)
    if evaluator is None or evaluator.supervisor_nip is None:
        raise Conflict("the evaluator's superior is not known (no profile of the evaluator)")
    objection_id = str(uuid.uuid4())
    await cycle.cycle.add_objection(
        id=objection_id,
        nip=request.nip,
        period=request.period,
        rating_id=rating.id,
        superior_nip=evaluator.supervisor_nip,
        reasons=request.reasons,
        received_on=received_on,
        filed_on=filed_on,
        status=FILED,
    )
    return {
        "id": objection_id,
        "superior_nip": evaluator.supervisor_nip,
        "deadline": last_day,
    }


async def _received_on(cycle: Cycle, rating: Rating) -> date:
    """Pasal 59 counts from receipt: an annual rating is received with its document's hand-over
    (Pasal 49(2)); other ratings when published."""
    document = await cycle.cycle.annual_document(rating.nip, rating.period)
    if document is not None and document.delivered_on is not None:
        return document.delivered_on
    assert rating.published_at is not None  # only a published rating is objected to
    return cycle.local_date(rating.published_at)


async def decide_objection(
    cycle: Cycle, caller: Caller, objection_id: str, decision: ObjectionDecisionIn
) -> dict[str, Any]:
    """By the evaluator's superior the objection was filed with; final."""
    objection = await cycle.cycle.objection(objection_id, for_update=True)
    if objection is None:
        raise NotFound(f"no objection {objection_id}")
    require(may_decide_objection(caller, objection.superior_nip))
    if objection.status != FILED:
        raise Conflict("the objection was decided; the decision is final (Pasal 59)")
    old = await stored_rating(cycle, objection.rating_id)
    changed = decision.outcome is KeputusanKeberatanPenilaian.MENGUBAH
    hasil = decision.rating_hasil_kerja or RatingLevel(old.rating_hasil_kerja)
    perilaku = decision.rating_perilaku_kerja or RatingLevel(old.rating_perilaku_kerja)
    if changed and (hasil.value, perilaku.value) == (
        old.rating_hasil_kerja,
        old.rating_perilaku_kerja,
    ):
        raise Invalid("MENGUBAH with the same ratings: decide MEMPERKUAT instead", field="outcome")
    today = cycle.today()
    await cycle.emit(
        RatingObjectionDecided(
            objection_id=objection_id,
            nip=objection.nip,
            period=objection.period,
            decided_by_nip=caller.nip,
            outcome=decision.outcome,
            filed_on=objection.filed_on,
            decided_on=today,
            rating_hasil_kerja=hasil,
            rating_perilaku_kerja=perilaku,
            predikat=domain.predikat(hasil, perilaku),
            previous_predikat=Predikat(old.predikat),
            legal_basis=[PASAL_59],
        )
    )
    if changed:
        await _replace_rating(cycle, old, hasil, perilaku, caller.nip)
    await cycle.cycle.decide_objection(
        objection_id,
        status=DECIDED,
        outcome=decision.outcome.value,
        decided_on=today,
        decision_note=decision.note,
    )
    return {
        "id": objection_id,
        "outcome": decision.outcome.value,
        "predikat": domain.predikat(hasil, perilaku).value,
    }


async def _replace_rating(
    cycle: Cycle, old: Rating, hasil: RatingLevel, perilaku: RatingLevel, decided_by_nip: str
) -> None:
    """MENGUBAH: the superior's ratings are published at once and supersede the old one."""
    new_id = await cycle.ratings.add_rating(
        nip=old.nip,
        period=old.period,
        rating_hasil_kerja=hasil.value,
        rating_perilaku_kerja=perilaku.value,
        predikat=domain.predikat(hasil, perilaku).value,
        assessor_nip=decided_by_nip,
        assessment_id=None,
        rated_at=cycle.now(),
        unit_id=old.unit_id,
        status=PENDING,
    )
    await publish_rating(cycle, await stored_rating(cycle, new_id), supersedes=old)
