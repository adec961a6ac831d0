"""Sanctions settings: the shared ones with the SANCTIONS_ prefix (see README)."""

from functools import cached_property

from pydantic import Field

from asn_shared.settings import ServiceSettings, service_config

from .discipline.authority import InstansiKind
from .discipline.catalogue import SedangCatalogue
from .discipline.context import DisciplineRules


class SanctionsSettings(ServiceSettings):
    model_config = service_config("SANCTIONS_")

    service_name: str = "sanctions"
    http_port: int = 8103
    # PP 94/2021 Pasal 42: the tukin cuts apply only once the salary PP is in force; whether it
    # is, is UNCONFIRMED (domain-rules.md 3.6), so until an instance says so the PP 53/2010
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

    @cached_property
    def discipline_rules(self) -> DisciplineRules:
        return DisciplineRules(
            sedang=self.sedang_catalogue,
            instansi=self.instansi_kind,
            keberatan_pejabat_filing_days=self.keberatan_pejabat_filing_days,
        )
