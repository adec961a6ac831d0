"""The acts taken over the feedback service's HTTP API (docs/events-beyond-v1.md).

A complaint step (by the desk, the head, or the complainant, who is named by nobody), a unit's
complaint officials named, a unit's SKM measured. Each names its actor and legal basis and
carries what the service needs to restore the act's effect in a rebuild; a step's note, free
text that may quote the complainant, travels sealed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .base import EventData, register
from .feedback_events import (
    PenyelesaianPengaduan,
)
from .vocabulary import (
    LaporKlasifikasi,
    LegalBasis,
    Nip,
    NonEmptyStr,
    Period,
    SkmMutu,
    SkmUnsur,
)

# A value as the official gave it over HTTP and the service stored it (not stripped), so that the
# act restores exactly what the command stored.
AsGiven = Annotated[str, StringConstraints(min_length=1)]


class LangkahPengaduan(StrEnum):
    """A step of a complaint's handling: SP4N-LAPOR!'s verification, follow-up and the
    complainant's response, with UU 25/2009's response on completeness (Pasal 44(3)), decision
    (Pasal 50(1)) and notice of it (Pasal 50(2))."""

    VERIFY_COMPLETE = "VERIFY_COMPLETE"  # lengkap: disposed to the unit (the desk)
    VERIFY_INCOMPLETE = "VERIFY_INCOMPLETE"  # tidak lengkap: the complainant completes it (desk)
    HOLD = "HOLD"  # tunda (desk)
    REROUTE = "REROUTE"  # bukan wewenang (desk)
    ARCHIVE = "ARCHIVE"  # arsip (desk)
    COMPLETE_FILE = "COMPLETE_FILE"  # the complainant completed the file
    FOLLOW_UP = "FOLLOW_UP"  # the unit's tindak lanjut (head)
    DECIDE = "DECIDE"  # the provider's decision, Pasal 50(1) (head)
    NOTIFY = "NOTIFY"  # the complainant told of the decision, Pasal 50(2) (desk)
    ACCEPT = "ACCEPT"  # the complainant's response closes it
    REOPEN = "REOPEN"  # the complainant's response reopens it
    WITHDRAW = "WITHDRAW"  # by the complainant (or deemed, Pasal 44(5): the deadline watch's)


# The steps that are the complainant's, proven by the receipt number: they name no actor.
COMPLAINANT_STEPS = frozenset(
    {
        LangkahPengaduan.COMPLETE_FILE,
        LangkahPengaduan.ACCEPT,
        LangkahPengaduan.REOPEN,
        LangkahPengaduan.WITHDRAW,
    }
)


@register
class ComplaintStepTaken(EventData):
    """A step of a complaint's handling, taken over the feedback service's HTTP API (the
    CloudEvents `time` is when): by the unit's complaint desk (verify, hold, re-route, archive,
    notify) or its head (follow up, decide), named by NIP; or by the complainant (complete the
    file, accept, reopen, withdraw), proven by the receipt number and named by nobody (UU 25/2009
    Pasal 42(5)).

    What the step reaches is published besides it, caused by it: ComplaintVerified, and
    ComplaintResolved for a decision or a withdrawal. The feedback service reads this act back to
    restore the step in a rebuild. Nothing here identifies the complainant; the step's note (free
    text, which may quote them) travels only sealed.
    """

    event_type = "ComplaintStepTaken"
    publisher = "feedback"

    complaint_id: NonEmptyStr = Field(description="The channel's own id of the complaint.")
    channel: NonEmptyStr
    unit_id: NonEmptyStr
    action: LangkahPengaduan
    klasifikasi: LaporKlasifikasi | None = Field(
        default=None,
        description="The SP4N-LAPOR! classification the desk gives when it verifies "
        "(VERIFY_COMPLETE, VERIFY_INCOMPLETE, REROUTE, ARCHIVE).",
    )
    decision: PenyelesaianPengaduan | None = Field(
        default=None, description="DECIDE only: TERBUKTI or TIDAK_TERBUKTI (Pasal 50(1))."
    )
    sealed_note: NonEmptyStr | None = Field(
        default=None,
        description="The step's note, sealed: a Fernet token under the feedback service's "
        "contact key (FEEDBACK_CONTACT_KEY, held by feedback and notifications only), as a "
        "complainant's contact is sealed.",
    )
    actor_nip: Nip | None = Field(
        default=None,
        description="The official who took the step (the bearer token's NIP); none for the "
        "complainant's steps.",
    )
    legal_basis: list[LegalBasis] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ComplaintStepTaken:
        if (self.actor_nip is None) != (self.action in COMPLAINANT_STEPS):
            raise ValueError("actor_nip is given exactly for the officials' steps")
        deciding = self.action is LangkahPengaduan.DECIDE
        if deciding != (self.decision is not None) or (
            self.decision is PenyelesaianPengaduan.DICABUT
        ):
            raise ValueError("decision is given with DECIDE only: TERBUKTI or TIDAK_TERBUKTI")
        return self


@register
class ComplaintOfficialsNamed(EventData):
    """A unit administrator named the officials who answer for a unit's complaints, over the
    feedback service's HTTP API (the CloudEvents `time` is when): the unit's complaint desk
    (pengelola pengaduan) and its head, each by NIP and position, in place of those named before.

    The provider assigns its complaint officials (UU 25/2009 Pasal 36). They are who may take the
    officials' complaint steps, and who ComplaintDeadlineMissed names.
    """

    event_type = "ComplaintOfficialsNamed"
    publisher = "feedback"

    unit_id: AsGiven
    desk_nip: Nip = Field(description="The unit's complaint desk: verifies and notifies.")
    desk_position: AsGiven = Field(description="Their jabatan.")
    head_nip: Nip = Field(description="The unit's head: follows up and decides.")
    head_position: AsGiven = Field(description="Their jabatan.")
    actor_nip: Nip = Field(description="The unit administrator who named them (bearer token).")
    legal_basis: list[LegalBasis] = Field(min_length=1)


@register
class SkmMeasurementTaken(EventData):
    """A unit's head or a unit administrator measured the unit's Survei Kepuasan Masyarakat for a
    period, over the feedback service's HTTP API (the CloudEvents `time` is when): what was asked
    (unit, period, service, population) and the result computed then from the period's complete
    questionnaires. The provider runs and publishes its SKM (PermenPANRB 14/2017).

    The result is published besides it, caused by it, as ServiceSatisfactionMeasured; the
    feedback service reads this act back to restore the measurement in a rebuild.
    """

    event_type = "SkmMeasurementTaken"
    publisher = "feedback"

    unit_id: NonEmptyStr
    unit_name: NonEmptyStr
    service_name: str | None = Field(default=None, description="None: all services of the unit.")
    period: Period
    population: int | None = Field(
        default=None, ge=1, description="Service users in the period, if given: sets the sample."
    )
    respondents: int = Field(ge=1, description="Complete questionnaires counted.")
    required_sample: int = Field(ge=1)
    ikm: float = Field(ge=1, le=4, description="Indeks Kepuasan Masyarakat, 1-4.")
    nik: float = Field(ge=25, le=100, description="Nilai Interval Konversi, IKM x 25.")
    mutu: SkmMutu
    nrr_per_unsur: dict[SkmUnsur, float] = Field(
        default_factory=dict, description="Nilai rata-rata (1-4) per SKM element."
    )
    actor_nip: Nip = Field(description="Who measured: the unit's head or a unit-admin (token).")
    legal_basis: list[LegalBasis] = Field(min_length=1)
