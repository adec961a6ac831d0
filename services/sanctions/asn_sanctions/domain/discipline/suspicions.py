"""What a disciplinary case is opened on, from what other services and agencies report.

- An absence row of the Pasal 9-11 table newly reached, or ten working days in a row
  (Pasal 11(2)(d)(4)): the punishment the table prescribes is the floor of the decision.
- ComplaintResolved TERBUKTI naming an officer: the officer's superior deals with it (UU 25/2009
  Pasal 41(2)) through the PP 94/2021 examination.
- ComplaintDeadlineMissed: the official responsible for the deadline (UU 25/2009 Pasal 54).

A case's id derives from its trigger, so replaying the audit stream gives the ids already
published and a redelivered cause opens nothing new.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from asn_shared.catalog.feedback_events import (
    ComplaintDeadlineMissed,
    ComplaintResolved,
    PenyelesaianPengaduan,
)
from asn_shared.catalog.sanctions_events import AsalKasus
from asn_shared.catalog.vocabulary import JenisHukuman

_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "/asn-kinerja/sanctions/discipline")
EXAMINATION_BASIS = "PP 94/2021 Pasal 26-27"


@dataclass(frozen=True)
class Suspicion:
    """What a case is opened on."""

    trigger_key: str
    nip: str
    unit_id: str | None
    origin: AsalKasus
    pelanggaran: str
    legal_basis: tuple[str, ...]
    required_jenis: JenisHukuman | None = None

    @property
    def case_id(self) -> uuid.UUID:
        return uuid.uuid5(_ID_NAMESPACE, self.trigger_key)


def of_absence(
    nip: str,
    unit_id: str | None,
    year: int,
    row: int | None,
    jenis: JenisHukuman,
    article: str,
    days: int,
) -> Suspicion:
    """`row`: the first day of the cumulative table's row reached; None for a run of days."""
    if row is None:
        key, what = f"absence-run:{nip}:{year}", f"{days} hari kerja berturut-turut"
    else:
        key, what = f"absence:{nip}:{year}:{row}", f"{days} hari kerja secara kumulatif"
    return Suspicion(
        trigger_key=key,
        nip=nip,
        unit_id=unit_id,
        origin=AsalKasus.KEHADIRAN,
        pelanggaran=f"Tidak masuk kerja tanpa alasan yang sah {what} pada tahun {year}",
        legal_basis=("PP 94/2021 Pasal 4 huruf f", article, EXAMINATION_BASIS),
        required_jenis=jenis,
    )


def of_complaint(data: ComplaintResolved, unit_id: str | None) -> Suspicion | None:
    """A substantiated complaint naming an officer; None for any other outcome or no officer."""
    if data.outcome is not PenyelesaianPengaduan.TERBUKTI or data.subject_nip is None:
        return None
    return Suspicion(
        trigger_key=f"complaint:{data.channel}:{data.complaint_id}",
        nip=data.subject_nip,
        unit_id=unit_id,
        origin=AsalKasus.PENGADUAN,
        pelanggaran=f"Pengaduan masyarakat terbukti ({data.category}), tanda terima "
        f"{data.receipt_number}",
        legal_basis=("UU 25/2009 Pasal 41 ayat (2)", EXAMINATION_BASIS),
    )


def of_missed_deadline(data: ComplaintDeadlineMissed, unit_id: str | None) -> Suspicion:
    return Suspicion(
        trigger_key=f"deadline:{data.channel}:{data.complaint_id}:{data.deadline.value}",
        nip=data.responsible_nip,
        unit_id=unit_id,
        origin=AsalKasus.LAINNYA,
        pelanggaran=f"Tenggat penanganan pengaduan {data.deadline.value} "
        f"({data.due_date.isoformat()}) terlewati: {data.article_breached}",
        legal_basis=tuple(
            b for b in (data.article_breached, data.sanction_basis, EXAMINATION_BASIS) if b
        ),
    )
