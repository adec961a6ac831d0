"""Sanctions settings: the shared ones with the SANCTIONS_ prefix (see README)."""

from functools import cached_property

from pydantic import Field

from asn_shared.settings import ServiceSettings, service_config

from .domain.discipline.authority import InstansiKind
from .domain.discipline.catalogue import SedangCatalogue
from .domain.discipline.rules import DisciplineRules
from .domain.service_decline import DeclineRule


class SanctionsSettings(ServiceSettings):
    model_config = service_config("SANCTIONS_")

    service_name: str = "sanctions"
    http_port: int = 8103
    # PP 94/2021 Pasal 42: the tukin cuts apply only once the salary PP is in force; whether it
    # is, is UNCONFIRMED (docs/regulation.md 3.6), so until an instance says so the PP 53/2010
    # sedang types apply.
    sedang_catalogue: SedangCatalogue = SedangCatalogue.PP_53_2010
    instansi_kind: InstansiKind = Field(
        default=InstansiKind.PUSAT_PROVINSI,
        description="Whose PPK decides (PP 94/2021 Pasal 18(1)-(2) or 18(3)).",
    )
    keberatan_pejabat_filing_days: int = Field(
        default=14, ge=1, description="PP 79/2021 Pasal 7 is UNCONFIRMED; 14 working days assumed."
    )
    timer_poll_seconds: float = Field(default=15.0, gt=0)
    # A unit's declining service (domain/service_decline.py): no regulation sets these; seed 000
    # asks for them.
    rotation_decline_periods: int = Field(
        default=2, ge=1, description="SKM falls in a row before the unit head's rotation."
    )
    rotation_nik_drop: float = Field(
        default=5.0, gt=0, description="NIK points lost from one period to the next: a fall."
    )
    rotation_complaint_rise: int = Field(
        default=1, ge=0, description="More substantiated complaints than the period before; 0: any."
    )

    @cached_property
    def decline_rule(self) -> DeclineRule:
        return DeclineRule(
            periods=self.rotation_decline_periods,
            nik_drop=self.rotation_nik_drop,
            complaint_rise=self.rotation_complaint_rise,
        )

    @cached_property
    def discipline_rules(self) -> DisciplineRules:
        return DisciplineRules(
            sedang=self.sedang_catalogue,
            instansi=self.instansi_kind,
            keberatan_pejabat_filing_days=self.keberatan_pejabat_filing_days,
        )
