"""Request bodies of the JSON API (Open311 speaks GeoReport: open311_schemas.py)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from asn_shared.catalog.agency_events import Complainant
from asn_shared.catalog.feedback_events import PenyelesaianPengaduan
from asn_shared.catalog.vocabulary import LaporKlasifikasi, Nip

from ..domain.lifecycle import Action

Text = Annotated[str, Field(min_length=1, max_length=5000)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ComplaintIn(Body):
    """A complaint through this service's own intake (UU 25/2009 Pasal 42(3))."""

    unit_id: Annotated[str, Field(min_length=1, max_length=200)]
    service_date: date
    subject_nip: Nip | None = None
    category: Annotated[str, Field(min_length=1, max_length=200)]
    description: Text
    complainant: Complainant


class StepIn(Body):
    action: Action
    actor_nip: Nip | None = Field(
        default=None,
        description="The official taking the step: the bearer token's NIP (None means the "
        "caller; another NIP is refused, 403). Not read for a complainant's step.",
    )
    receipt_number: str | None = Field(default=None, description="The complainant's proof.")
    klasifikasi: LaporKlasifikasi = LaporKlasifikasi.PENGADUAN
    decision: PenyelesaianPengaduan | None = None
    note: Text | None = None


class OfficialsIn(Body):
    desk_nip: Nip
    desk_position: Annotated[str, Field(min_length=1, max_length=300)]
    head_nip: Nip
    head_position: Annotated[str, Field(min_length=1, max_length=300)]


class SkmMeasureIn(Body):
    population: int | None = Field(
        default=None,
        ge=1,
        description="Service users in the period; sets the sample required (unbounded: 384).",
    )
    service_name: str | None = Field(
        default=None, min_length=1, max_length=300, description="None: all the unit's services."
    )
    unit_name: str | None = Field(default=None, min_length=1, max_length=300)
