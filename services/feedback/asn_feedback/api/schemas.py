"""Request bodies of the JSON API (Open311 speaks GeoReport: open311_schemas.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Path, Query
from pydantic import BaseModel, BeforeValidator, ConfigDict, EmailStr, Field

from asn_shared.catalog.feedback_events import PenyelesaianPengaduan
from asn_shared.catalog.vocabulary import LaporKlasifikasi, Nip, Privacy

from ..domain.complaints import CHANNEL_MAX, COMPLAINT_ID_MAX, UNIT_ID_MAX
from ..domain.lifecycle import Action
from ..domain.periods import KNOWN_PERIOD, PERIOD_HELP

# No text here holds a NUL character: PostgreSQL's text cannot (a 500 otherwise), and no name,
# place or complaint needs one. In the schema too, so that clients know.
NO_NUL = r"^[^\x00]*$"
Plain = Annotated[str, Field(pattern=NO_NUL)]
Text = Annotated[str, Field(min_length=1, max_length=5000, pattern=NO_NUL)]
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def iso_date_text(value: object) -> object:
    """A date as OpenAPI's `format: date` writes it (2026-03-01), and nothing pydantic would also
    take for one (0 or "0": 1970-01-01, "2026-03-01T00:00:00")."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DATE.match(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(iso_date_text)]


def a_number(value: object) -> object:
    """A JSON number for an integer field (1200 or 1200.0), not what pydantic would also take for
    one ("1200", true)."""
    if isinstance(value, (str, bytes, bool)):
        raise ValueError("a number is expected")
    return value


# Path and query parameters, as long as the tables keep them (a longer one names nothing here).
Channel = Annotated[str, Path(min_length=1, max_length=CHANNEL_MAX, pattern=NO_NUL)]
ComplaintId = Annotated[str, Path(min_length=1, max_length=COMPLAINT_ID_MAX, pattern=NO_NUL)]
UnitId = Annotated[str, Path(min_length=1, max_length=UNIT_ID_MAX, pattern=NO_NUL)]
PeriodPath = Annotated[str, Path(pattern=KNOWN_PERIOD, description=PERIOD_HELP)]
PeriodQuery = Annotated[str, Query(pattern=KNOWN_PERIOD, description=PERIOD_HELP)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _short(limit: int) -> object:
    return Field(min_length=1, max_length=limit, pattern=NO_NUL)


class ComplainantIn(Body):
    """Who complains (the contract's Complainant, with no field but its own): sealed, never
    shown."""

    name: Plain | None = None
    email: EmailStr | None = None
    phone: Plain | None = None
    privacy: Privacy


class ComplaintIn(Body):
    """A complaint through this service's own intake (UU 25/2009 Pasal 42(3))."""

    unit_id: Annotated[str, _short(UNIT_ID_MAX)]
    service_date: IsoDate = Field(description="The day the service was received: not after today.")
    subject_nip: Nip | None = None
    category: Annotated[str, _short(200)]
    description: Text
    complainant: ComplainantIn


class StepIn(Body):
    action: Action
    actor_nip: Nip | None = Field(
        default=None,
        description="The official taking the step: the bearer token's NIP (None means the "
        "caller; another NIP is refused, 403). Not read for a complainant's step.",
    )
    receipt_number: Plain | None = Field(default=None, description="The complainant's proof.")
    klasifikasi: LaporKlasifikasi = LaporKlasifikasi.PENGADUAN
    decision: PenyelesaianPengaduan | None = None
    note: Text | None = None


class OfficialsIn(Body):
    desk_nip: Nip
    desk_position: Annotated[str, _short(300)]
    head_nip: Nip
    head_position: Annotated[str, _short(300)]


POPULATION_MAX = 1_000_000_000  # more than any unit serves in a period: past it, 384 anyway
Population = Annotated[int, Field(ge=1, le=POPULATION_MAX), BeforeValidator(a_number)]


class SkmMeasureIn(Body):
    population: Population | None = Field(
        default=None,
        description="Service users in the period; sets the sample required (unbounded: 384).",
    )
    service_name: Annotated[str, _short(300)] | None = Field(
        default=None, description="None: all the unit's services."
    )
    unit_name: Annotated[str, _short(300)] | None = None
