"""The acts taken over the sanctions service's HTTP API (docs/events-beyond-v1.md).

Each names the actor (`actor_nip`, and the CloudEvents extension `actor`), the legal basis and,
with the CloudEvents `time`, when; each carries what the service needs to restore its state
from the event alone, and the service reads its own acts back in a rebuild. The outcome events
an act causes (sanctions_events.py: HearingScheduled, SanctionImposed, ObjectionDecided,
RotationRecommended) stay as they were for their consumers, with ids derived from the act.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, model_validator

from .base import register
from .sanctions_events import (
    CaseEvent,
    JenisMutasi,
    ModePemeriksaan,
    require,
)
from .vocabulary import (
    JenisHukuman,
    KeputusanUpayaAdministratif,
    Nip,
    NonEmptyStr,
    UpayaAdministratif,
)


class JabatanLevel(StrEnum):
    """The post of the civil servant to be punished."""

    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    PELAKSANA = "PELAKSANA"
    JF_AHLI_UTAMA = "JF_AHLI_UTAMA"
    JF_LAINNYA = "JF_LAINNYA"  # every other functional post


class PejabatLevel(StrEnum):
    """The official; Pasal 16's hierarchy without Kepala Perwakilan RI (passed as JPT_MADYA)."""

    PRESIDEN = "PRESIDEN"
    PPK = "PPK"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"


class _Act(CaseEvent):
    """An official's act on one ASN's case, taken over the sanctions service's HTTP API."""

    actor_nip: Nip = Field(
        description="Who acted: the bearer token's NIP (also the CloudEvents extension `actor`)."
    )


@register
class DisciplinarySummonsIssued(_Act):
    """The ASN's direct superior summoned them, in writing, to a closed examination (PP 94/2021
    Pasal 26-27; a tim pemeriksa under Pasal 29). Causes HearingScheduled.

    The examination is at most 7 working days after the summons; a second summons follows a
    first no-show (Pasal 26(3)).
    """

    event_type = "DisciplinarySummonsIssued"
    publisher = "sanctions"

    summons: int = Field(ge=1, le=2, description="First or second summons.")
    summoned_on: date
    scheduled_at: datetime = Field(description="When the examination is held, with its offset.")
    mode: ModePemeriksaan
    location: str | None = Field(default=None, description="Room or meeting link.")
    examiner_nips: list[Nip] = Field(min_length=1)
    tim_pemeriksa: bool = Field(description="Examined by a tim pemeriksa (Pasal 29).")


@register
class DisciplinaryHearingRecorded(_Act):
    """The examining superior recorded the examination: held, with its Berita Acara Pemeriksaan
    (PP 94/2021 Pasal 27, 32), or the ASN did not come (Pasal 26(3)-(4)).

    After a first no-show the second summons is due by `second_summons_due` (7 working days after
    the first examination's day); after a second the decision may be taken without examination.
    """

    event_type = "DisciplinaryHearingRecorded"
    publisher = "sanctions"

    summons: int = Field(ge=1, le=2, description="The summons the hearing answered.")
    attended: bool
    held_on: date
    bap_number: NonEmptyStr | None = Field(
        default=None, description="Berita Acara Pemeriksaan; required when attended."
    )
    second_summons_due: date | None = Field(
        default=None, description="After a first no-show: the last day for the second summons."
    )

    @model_validator(mode="after")
    def _bap_when_held(self) -> DisciplinaryHearingRecorded:
        require(not self.attended or self.bap_number is not None, "an examination has a BAP")
        return self


@register
class DisciplinaryDecisionTaken(_Act):
    """The official competent under PP 94/2021 Pasal 17-25 decided the punishment (Pasal 33,
    37): one punishment for the ASN's cases ready for decision (`merged_case_ids`, Pasal 33(1)).
    Causes SanctionImposed.

    `imposed_by_level`, `asn_jabatan_level` and `line` are the posts the official declared,
    checked against the directory, on which the competence was judged.
    """

    event_type = "DisciplinaryDecisionTaken"
    publisher = "sanctions"

    decision_number: NonEmptyStr = Field(description="Nomor surat keputusan.")
    jenis: JenisHukuman
    decided_on: date
    pelanggaran: NonEmptyStr | None = Field(
        default=None,
        description="The violation as the decision states it, when the official "
        "wrote it (otherwise the cases' own).",
    )
    imposed_by_level: PejabatLevel
    asn_jabatan_level: JabatanLevel
    line: list[PejabatLevel] = Field(
        description="The ASN's superiors below the PPK, direct superior first."
    )
    without_examination: bool = Field(description="After two no-shows (Pasal 26(4)).")
    merged_case_ids: list[NonEmptyStr] = Field(
        default_factory=list, description="The ASN's other cases decided with this one."
    )
    delivery_due: date = Field(description="14 hari kerja after it is set (Pasal 37(3)).")
    upaya_administratif: UpayaAdministratif = Field(description="The remedy open to the ASN.")


@register
class DisciplinaryCaseNotProven(_Act):
    """The examining superior found no violation and closed the case without a punishment
    (PP 94/2021 Pasal 27)."""

    event_type = "DisciplinaryCaseNotProven"
    publisher = "sanctions"

    reason: NonEmptyStr


@register
class DisciplinaryDecisionDelivered(_Act):
    """The ASN received the decision (PP 94/2021 Pasal 37), recorded by the official who decided
    or the examiner; it takes effect on `effective_on`, the 15th day after (Pasal 38), unless a
    keberatan or banding is filed."""

    event_type = "DisciplinaryDecisionDelivered"
    publisher = "sanctions"

    received_on: date
    effective_on: date


@register
class DisciplinaryObjectionFiled(_Act):
    """The punished ASN filed the upaya administratif the decision allows: a keberatan or a
    banding to BPASN (PP 79/2021 Pasal 3-4, 7, 10-11); the decision's effect waits for it
    (PP 94/2021 Pasal 38(2)). The actor is the ASN."""

    event_type = "DisciplinaryObjectionFiled"
    publisher = "sanctions"

    objection_id: NonEmptyStr
    upaya_administratif: UpayaAdministratif
    filed_on: date
    filed_in_time: bool = Field(description="Late: it can only be TIDAK_DAPAT_DITERIMA.")
    decision_due: date = Field(description="When the remedy must be decided by.")


@register
class DisciplinaryObjectionDecisionRecorded(_Act):
    """A keberatan decided by the superior of the official who decided or by the PPK, or BPASN's
    decision on a banding recorded by the PPK (PP 79/2021 Pasal 5-9, 12-17). Causes
    ObjectionDecided.

    `decided_by_nip` is who decided (none for BPASN); the actor is who recorded it.
    """

    event_type = "DisciplinaryObjectionDecisionRecorded"
    publisher = "sanctions"

    objection_id: NonEmptyStr
    upaya_administratif: UpayaAdministratif
    outcome: KeputusanUpayaAdministratif
    decided_on: date
    decided_by_nip: Nip | None = None
    changed_to: JenisHukuman | None = Field(
        default=None, description="The punishment named for MEMPERINGAN, MEMPERBERAT, MENGUBAH."
    )
    original_jenis: JenisHukuman
    resulting_jenis: JenisHukuman | None = Field(
        default=None, description="The punishment in force afterwards: none when revoked."
    )


@register
class CoachingRetestRecorded(_Act):
    """The result of the uji kompetensi kembali after a window without improvement (PP 30/2019
    Pasal 57(3), 58(2)-(4)), recorded by an official in the ASN's line or the PPK: meets the
    standard, a matching or lower post (RotationRecommended follows), or no vacancy: a temporary
    placement until `placement_until`."""

    event_type = "CoachingRetestRecorded"
    publisher = "sanctions"

    tested_on: date
    meets_standard: bool
    placement: JenisMutasi | None = Field(
        default=None, description="Below the standard: the post found, or PENEMPATAN_SEMENTARA."
    )
    current_position: NonEmptyStr | None = Field(
        default=None, description="The jabatan a move starts from (the profile's or as given)."
    )
    placement_until: date | None = Field(
        default=None, description="The end of a temporary placement (at most a year)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> CoachingRetestRecorded:
        if self.meets_standard:
            require(self.placement is None, "an ASN who meets the standard is not moved")
        else:
            require(self.placement is not None, "below the standard, a post is named")
        temporary = self.placement is JenisMutasi.PENEMPATAN_SEMENTARA
        require(
            temporary == (self.placement_until is not None),
            "placement_until is set for a temporary placement only",
        )
        return self


@register
class CoachingPostFound(_Act):
    """A matching or lower post was found during a temporary placement (PP 30/2019 Pasal 58(4)),
    recorded by an official in the ASN's line or the PPK; RotationRecommended follows."""

    event_type = "CoachingPostFound"
    publisher = "sanctions"

    found_on: date
    placement: JenisMutasi
    current_position: NonEmptyStr = Field(description="The jabatan the move starts from.")

    @model_validator(mode="after")
    def _a_post(self) -> CoachingPostFound:
        require(self.placement is not JenisMutasi.PENEMPATAN_SEMENTARA, "the post found is named")
        return self
