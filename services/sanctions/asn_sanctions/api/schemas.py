"""What the officials send: the request bodies of the discipline and coaching steps.

The actor is the bearer token, never the body: the fields naming who acts (`summoned_by_nip`,
`recorded_by_nip`, `imposed_by_nip`, `decided_by_nip`) may be left out (the caller) and are
refused with 403 when they name someone else. A decision's `imposed_by_level`,
`asn_jabatan_level` and `line` stay declared, checked against the directory (README, "Who may
call each route").
"""

from __future__ import annotations

import re
from datetime import UTC, date
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
)

from asn_shared.catalog.sanctions_events import JenisMutasi, ModePemeriksaan
from asn_shared.catalog.vocabulary import JenisHukuman, KeputusanUpayaAdministratif, Nip

from ..domain.dates import jakarta_date
from ..domain.discipline.authority import JabatanLevel, PejabatLevel

# Words an official writes (a decision's number, a reason, a jabatan): at least one character that
# is not white space. The events that carry them strip white space and refuse what is left empty,
# so a blank one, accepted here, would fail only when the event is built.
Wording = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]

_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MOMENT = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?"
    r"([Zz]|[+-][0-9]{2}:?[0-9]{2})$"
)


def _written(form: re.Pattern[str], shape: str) -> Any:
    """Only the text the schema names: pydantic alone would also take 0 or "0" as 1 January
    1970 (a Unix time) and a date-time as a date."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and not form.match(value):
            raise ValueError(f"not {shape}")
        if not isinstance(value, str | date):
            raise ValueError(f"not {shape}")
        return value

    return BeforeValidator(check)


# A calendar day, YYYY-MM-DD; a moment, ISO 8601 with its UTC offset.
Day = Annotated[date, _written(_DAY, "a date (YYYY-MM-DD)")]
Moment = Annotated[AwareDatetime, _written(_MOMENT, "a date-time with its UTC offset")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _example(**example: Any) -> ConfigDict:
    """A body's example in the OpenAPI document (what a client, and schemathesis, starts from)."""
    return ConfigDict(extra="forbid", json_schema_extra={"examples": [example]})


def _actor(role: str) -> Any:
    return Field(
        default=None,
        description=f"{role}: the caller (the bearer token's NIP); optional, 403 if another.",
    )


def _past(step: str) -> Any:
    """The day a step happened: not after today, read in Asia/Jakarta (422 `date_in_future`)."""
    return Field(description=f"The day {step}; not after today (Asia/Jakarta).")


_EXAMPLE_NIP = "198001012005011002"  # a direct superior, in the examples


# -- discipline ----------------------------------------------------------------------------------


class SummonsBody(_Body):
    model_config = _example(
        summoned_on="2026-03-16",
        scheduled_at="2026-03-18T09:00:00+07:00",
        mode="TATAP_MUKA",
        examiner_nips=[_EXAMPLE_NIP],
        location="Ruang rapat Bidang Kepegawaian",
    )

    summoned_by_nip: Nip | None = _actor("The direct superior who summons")
    summoned_on: Day = _past("the summons was given")
    scheduled_at: Moment = Field(
        description="With a UTC offset, e.g. 2026-03-10T09:00:00+07:00 (one without is refused: "
        "it would name no moment); read back in UTC."
    )
    mode: ModePemeriksaan
    examiner_nips: list[Nip] = Field(min_length=1)
    tim_pemeriksa: StrictBool = False
    location: str | None = None

    @field_validator("scheduled_at")
    @classmethod
    def _in_the_calendar(cls, moment: AwareDatetime) -> AwareDatetime:
        """A moment whose UTC or Jakarta reading falls outside years 1-9999 names no day."""
        try:
            moment.astimezone(UTC)
            jakarta_date(moment)
        except OverflowError:
            raise ValueError("scheduled_at is outside the calendar (years 1 to 9999)") from None
        return moment


class HearingBody(_Body):
    model_config = _example(attended=True, held_on="2026-03-16", bap_number="BAP/800/12/2026")

    recorded_by_nip: Nip | None = _actor("The examining superior")
    attended: StrictBool
    held_on: Day = _past("the examination was held (or the ASN did not come)")
    bap_number: Wording | None = Field(default=None, description="Berita Acara Pemeriksaan.")


class DecisionBody(_Body):
    model_config = _example(
        decision_number="800/12/2026",
        jenis="TEGURAN_LISAN",
        decided_on="2026-03-16",
        imposed_by_level="PENGAWAS",
        asn_jabatan_level="JF_LAINNYA",
        line=["PENGAWAS"],
    )

    decision_number: Wording
    jenis: JenisHukuman
    decided_on: Day = _past("the decision was taken")
    imposed_by_nip: Nip | None = _actor("The official who decides")
    imposed_by_level: PejabatLevel = Field(
        description="The caller's level: must agree with their place in the ASN's line and "
        "their post in the directory; PPK needs the token role `ppk`."
    )
    asn_jabatan_level: JabatanLevel = Field(
        description="The ASN's post: must agree with the kind of post in their profile."
    )
    line: list[PejabatLevel] = Field(
        default_factory=list,
        description="The ASN's superiors below the PPK, direct first: line[k] is the directory's "
        "superior k+1 levels above the ASN.",
    )
    pelanggaran: Wording | None = None


class NotProvenBody(_Body):
    model_config = _example(reason="Ketidakhadiran ternyata karena tugas dinas yang sah")

    decided_by_nip: Nip | None = _actor("The examining superior")
    reason: Wording


class DeliveryBody(_Body):
    model_config = _example(received_on="2026-03-16")

    recorded_by_nip: Nip | None = _actor("The official who decided, or the examining superior")
    received_on: Day = _past("the ASN received the decision")


class ObjectionBody(_Body):
    model_config = _example(filed_on="2026-03-16")

    filed_on: Day = _past("the keberatan or banding was filed")


class ObjectionDecisionBody(_Body):
    model_config = _example(outcome="MEMPERKUAT", decided_on="2026-03-16")

    outcome: KeputusanUpayaAdministratif
    decided_on: Day = _past("the keberatan or banding was decided")
    decided_by_nip: Nip | None = _actor(
        "The superior of the official who decided, or the PPK (a banding: recorded by the PPK)"
    )
    changed_to: JenisHukuman | None = None


# -- coaching ------------------------------------------------------------------------------------


class RetestBody(_Body):
    model_config = _example(
        tested_on="2025-07-20", meets_standard=False, placement="PENEMPATAN_SEMENTARA"
    )

    recorded_by_nip: Nip | None = _actor("An official in the ASN's line, or the PPK")
    tested_on: Day = _past("the uji kompetensi kembali was held")
    meets_standard: StrictBool
    placement: JenisMutasi | None = Field(
        default=None,
        description="Below the standard: the post found, or PENEMPATAN_SEMENTARA for no vacancy.",
    )
    current_position: Wording | None = Field(
        default=None, description="Only when no profile has named the jabatan."
    )


class PostFoundBody(_Body):
    model_config = _example(found_on="2026-03-16", placement="JABATAN_SESUAI")

    recorded_by_nip: Nip | None = _actor("An official in the ASN's line, or the PPK")
    found_on: Day = _past("the post was found")
    placement: JenisMutasi
    current_position: Wording | None = None
