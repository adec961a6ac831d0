"""A unit head's Rating Hasil Kerja is the unit's achievement (SE MenPANRB 3/2023, 1.4).

Applied to the head's rating while it waits for the period close, whichever of the two facts
arrives last: the unit's organisation predicate or the head's supervisor rating. A published
rating is not touched: once published only an objection changes it (PP 30/2019 Pasal 59).
"""

from __future__ import annotations

from asn_shared.catalog.vocabulary import PredikatOrganisasi, RatingLevel
from asn_shared.directory import unit_head
from asn_shared.logging import get_logger

from .. import domain
from ..adapters.unit_of_work import Cycle
from ..domain.statuses import PENDING

log = get_logger(__name__)
ORGANISASI = "ORGANISASI"


async def head_of(cycle: Cycle, unit_id: str) -> str | None:
    members = await cycle.evidence.unit_members(unit_id)
    return unit_head((m.nip, m.supervisor_nip) for m in members)


async def align_head_rating(cycle: Cycle, unit_id: str | None, period: str) -> None:
    if unit_id is None:
        return
    organisation = await cycle.cycle.organization_rating(unit_id, period)
    if organisation is None:  # the common case: no predicate yet, nothing to align
        return
    head = await head_of(cycle, unit_id)
    if head is None:
        return
    rating = await cycle.ratings.current_rating(head, period)
    if rating is None or rating.status != PENDING:
        return
    hasil = cycle.settings.head_hasil_kerja[PredikatOrganisasi(organisation.predikat_organisasi)]
    perilaku = RatingLevel(rating.rating_perilaku_kerja)
    if hasil.value != rating.rating_hasil_kerja:
        log.info("rating.head_hasil_kerja_from_organisation", period=period, unit_id=unit_id)
    await cycle.ratings.update_rating(
        rating.id,
        rating_hasil_kerja=hasil.value,
        predikat=domain.predikat(hasil, perilaku).value,
        hasil_kerja_basis=ORGANISASI,
    )
