"""Keberatan against a rating (PP 30/2019 Pasal 59): within the deadline, to the evaluator's
superior, whose decision is final; a changed rating supersedes the old one.

Filing and deciding are acts on the log (RatingObjectionFiled, RatingObjectionDecisionTaken),
applied by `apply_*` here: by the command, and by their handlers in a rebuild."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from asn_shared.catalog.assessment_acts import RatingObjectionDecisionTaken, RatingObjectionFiled
from asn_shared.catalog.assessment_events import KeputusanKeberatanPenilaian, RatingObjectionDecided
from asn_shared.catalog.vocabulary import Predikat, RatingLevel
from asn_shared.envelope import InvalidMessage
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
    """By the ASN rated, against their published rating. Recorded as RatingObjectionFiled."""
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
    filed = RatingObjectionFiled(
        objection_id=str(uuid.uuid4()),  # chosen here, carried by the act: a rebuild keeps it
        nip=request.nip,
        period=request.period,
        superior_nip=evaluator.supervisor_nip,
        reasons=request.reasons,
        received_on=received_on,
        filed_on=filed_on,
        actor_nip=caller.nip,
        legal_basis=[PASAL_59],
    )
    acting, _ = await cycle.record_act(filed)
    await apply_filed(acting, filed)
    return {
        "id": filed.objection_id,
        "superior_nip": filed.superior_nip,
        "deadline": last_day,
    }


async def apply_filed(cycle: Cycle, act: RatingObjectionFiled) -> None:
    """The objection, against the rating of (nip, period) in force, to the superior named."""
    rating = await cycle.ratings.current_rating(act.nip, act.period)
    if rating is None:  # a log older than the objection acts: nothing to object to here
        raise InvalidMessage(f"{act.event_type} names a rating this service does not hold")
    await cycle.cycle.add_objection(
        id=act.objection_id,
        nip=act.nip,
        period=act.period,
        rating_id=rating.id,
        superior_nip=act.superior_nip,
        reasons=act.reasons,
        received_on=act.received_on,
        filed_on=act.filed_on,
        status=FILED,
    )


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
    """By the evaluator's superior the objection was filed with; final. Recorded as
    RatingObjectionDecisionTaken, then applied (RatingObjectionDecided follows, caused by it)."""
    objection = await cycle.cycle.objection(objection_id, for_update=True)
    if objection is None:
        raise NotFound(f"no objection {objection_id}")
    require(may_decide_objection(caller, objection.superior_nip))
    if objection.status != FILED:
        raise Conflict("the objection was decided; the decision is final (Pasal 59)")
    old = await stored_rating(cycle, objection.rating_id)
    changed = decision.outcome is KeputusanKeberatanPenilaian.MENGUBAH
    if changed and (decision.rating_hasil_kerja, decision.rating_perilaku_kerja) == (
        RatingLevel(old.rating_hasil_kerja),
        RatingLevel(old.rating_perilaku_kerja),
    ):
        raise Invalid("MENGUBAH with the same ratings: decide MEMPERKUAT instead", field="outcome")
    taken = RatingObjectionDecisionTaken(
        objection_id=objection_id,
        nip=objection.nip,
        period=objection.period,
        outcome=decision.outcome,
        rating_hasil_kerja=decision.rating_hasil_kerja,
        rating_perilaku_kerja=decision.rating_perilaku_kerja,
        note=decision.note,
        decided_on=cycle.today(),
        actor_nip=caller.nip,
        legal_basis=[PASAL_59],
    )
    acting, _ = await cycle.record_act(taken)
    predikat = await apply_decision(acting, taken)
    return {"id": objection_id, "outcome": decision.outcome.value, "predikat": predikat.value}


async def apply_decision(cycle: Cycle, act: RatingObjectionDecisionTaken) -> Predikat:
    """RatingObjectionDecided for the objection; on MENGUBAH the superior's ratings published at
    once, superseding the old one; the objection decided. Returns the predikat in force."""
    objection = await cycle.cycle.objection(act.objection_id, for_update=True)
    if objection is None:  # a log older than the objection acts
        raise InvalidMessage(f"{act.event_type} names an objection this service does not hold")
    old = await stored_rating(cycle, objection.rating_id)
    hasil = act.rating_hasil_kerja or RatingLevel(old.rating_hasil_kerja)
    perilaku = act.rating_perilaku_kerja or RatingLevel(old.rating_perilaku_kerja)
    predikat = domain.predikat(hasil, perilaku)
    await cycle.emit(
        RatingObjectionDecided(
            objection_id=act.objection_id,
            nip=objection.nip,
            period=objection.period,
            decided_by_nip=act.actor_nip,
            outcome=act.outcome,
            filed_on=objection.filed_on,
            decided_on=act.decided_on,
            rating_hasil_kerja=hasil,
            rating_perilaku_kerja=perilaku,
            predikat=predikat,
            previous_predikat=Predikat(old.predikat),
            legal_basis=act.legal_basis,
        )
    )
    if act.outcome is KeputusanKeberatanPenilaian.MENGUBAH:
        await _replace_rating(cycle, old, hasil, perilaku, act.actor_nip)
    await cycle.cycle.decide_objection(
        act.objection_id,
        status=DECIDED,
        outcome=act.outcome.value,
        decided_on=act.decided_on,
        decision_note=act.note,
    )
    return predikat


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
