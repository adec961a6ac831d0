"""Assessment settings: the shared ones plus the instance's cycle rules, prefix ASSESSMENT_.

Everything the regulation leaves to the instance or that rests on an UNCONFIRMED source is here,
not in the code: evaluation frequency, proposal thresholds, quotas, the objection day kind.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from asn_shared.catalog.vocabulary import PredikatOrganisasi, RatingLevel
from asn_shared.settings import ServiceSettings, service_config

from .domain.deadlines import OBJECTION_DAYS, DayKind
from .domain.distribution import DEFAULT_QUOTAS, Quota, quotas_from_mapping
from .domain.periods import Frequency
from .domain.proposal import HasilKerjaThresholds, PerilakuThresholds
from .domain.unit_head import DEFAULT_HEAD_HASIL_KERJA


class Publication(StrEnum):
    """When a supervisor's official rating becomes PerformanceRated."""

    PERIOD_CLOSE = "PERIOD_CLOSE"  # when the unit's period is closed (distribution checked)
    SUBMISSION = "SUBMISSION"  # at once: the agency's own application already finalised it


class DistributionCheck(StrEnum):
    REFUSE = "REFUSE"
    WARN = "WARN"


class AssessmentSettings(ServiceSettings):
    model_config = service_config("ASSESSMENT_")

    service_name: str = "assessment"
    http_port: int = 8101

    rating_publication: Publication = Publication.PERIOD_CLOSE
    periodic_frequency: Frequency = Field(
        default=Frequency.TRIWULANAN,
        description="PP 30/2019 Pasal 29(4): the instance's choice.",
    )
    distribution_check: DistributionCheck = DistributionCheck.REFUSE
    distribution_quotas_file: Path | None = Field(
        default=None,
        description="JSON quotas replacing the SE 3/2023 table as reported.",
    )
    peer_weight_evaluator: float = Field(default=0.6, ge=0, le=1)  # PP 30/2019 Pasal 39
    peer_min_assessors: int = Field(
        default=3,
        ge=1,
        description="Fewer peers than this: their mean is not shown to the ASN.",
    )
    hasil_kerja_above_min: float = Field(default=110.0, ge=0, le=120)
    hasil_kerja_meets_min: float = Field(default=100.0, ge=0, le=120)
    perilaku_above_min: float = Field(default=4.0, ge=1, le=5)
    perilaku_meets_min: float = Field(default=3.0, ge=1, le=5)
    head_hasil_kerja: dict[PredikatOrganisasi, RatingLevel] = Field(
        default_factory=lambda: dict(DEFAULT_HEAD_HASIL_KERJA),
        description="JSON: a unit head's Rating Hasil Kerja per organisation predicate.",
    )
    objection_days: int = Field(default=OBJECTION_DAYS, ge=1)
    objection_day_kind: DayKind = DayKind.KALENDER
    timezone: str = Field(default="Asia/Jakarta", description="Where days are counted.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("head_hasil_kerja")
    @classmethod
    def _every_organisation_predicate(
        cls, value: dict[PredikatOrganisasi, RatingLevel]
    ) -> dict[PredikatOrganisasi, RatingLevel]:
        missing = sorted(set(PredikatOrganisasi) - set(value))
        if missing:
            raise ValueError(f"no rating level for {', '.join(missing)}")
        return value

    @field_validator("distribution_quotas_file")
    @classmethod
    def _quotas_readable(cls, value: Path | None) -> Path | None:
        if value is not None:
            try:
                quotas_from_mapping(json.loads(value.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"cannot use {value}: {exc}") from None
        return value

    @cached_property
    def quotas(self) -> dict[PredikatOrganisasi, tuple[Quota, ...]]:
        if self.distribution_quotas_file is None:
            return DEFAULT_QUOTAS
        return quotas_from_mapping(json.loads(self.distribution_quotas_file.read_text("utf-8")))

    @property
    def holidays(self) -> frozenset[date]:
        """The shared calendar's holidays (ASN_HOLIDAYS_FILE), re-read when the file changes."""
        return self.holiday_source.calendar().holidays

    @property
    def hasil_kerja_thresholds(self) -> HasilKerjaThresholds:
        return HasilKerjaThresholds(self.hasil_kerja_above_min, self.hasil_kerja_meets_min)

    @property
    def perilaku_thresholds(self) -> PerilakuThresholds:
        return PerilakuThresholds(
            self.perilaku_above_min, self.perilaku_meets_min, self.peer_weight_evaluator
        )
