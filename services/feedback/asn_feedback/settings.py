"""Feedback settings: the shared ones with the FEEDBACK_ prefix (see README)."""

import json
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from asn_shared.sealing import ContactKeySetting
from asn_shared.settings import ServiceSettings, service_config

from .domain.periods import Frequency


class Open311Service(BaseModel):
    """One GeoReport service: where its requests go (unit) and as what (category)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    service_code: str = Field(min_length=1, max_length=100)
    service_name: str = Field(min_length=1)
    description: str = ""
    group: str = ""
    keywords: tuple[str, ...] = ()
    unit_id: str = Field(min_length=1, max_length=200)
    category: str = Field(min_length=1)


_SERVICES = TypeAdapter(list[Open311Service])


def read_services(path: Path) -> tuple[Open311Service, ...]:
    services = _SERVICES.validate_python(json.loads(path.read_text(encoding="utf-8")))
    codes = [s.service_code for s in services]
    if len(codes) != len(set(codes)):
        raise ValueError("service_code values repeat")
    return tuple(services)


class FeedbackSettings(ContactKeySetting, ServiceSettings):
    model_config = service_config("FEEDBACK_")

    service_name: str = "feedback"
    http_port: int = 8102
    summary_frequency: Frequency = Field(
        default=Frequency.TRIWULANAN,
        description="The periodic evaluation citizen feedback is summarised for, besides the "
        "year (PP 30/2019 Pasal 29(4)); match the assessment service's setting.",
    )
    open311_services_file: Path | None = Field(
        default=None,
        description="JSON list of GeoReport services: service_code, service_name, unit_id, "
        "category (description, group, keywords optional).",
    )
    deadline_watch_seconds: float = Field(
        default=60.0, gt=0, description="How often missed complaint deadlines are looked for."
    )

    @field_validator("open311_services_file")
    @classmethod
    def _services_readable(cls, value: Path | None) -> Path | None:
        if value is not None:
            try:
                read_services(value)
            except (OSError, ValueError) as exc:
                raise ValueError(f"cannot use {value}: {exc}") from None
        return value

    @cached_property
    def open311_services(self) -> tuple[Open311Service, ...]:
        return read_services(self.open311_services_file) if self.open311_services_file else ()
